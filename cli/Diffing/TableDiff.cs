using System.Collections.Generic;

namespace TcpGen.Cli.Diffing
{
    /// <summary>
    /// The behavioural difference between two state tables: declarations added or removed, a moved
    /// initial state, and cells added, removed or changed. Docs, citations and line numbers do not count.
    /// </summary>
    public sealed record TableDiff(
        IReadOnlyList<string> AddedStates,
        IReadOnlyList<string> RemovedStates,
        IReadOnlyList<string> AddedEvents,
        IReadOnlyList<string> RemovedEvents,
        string OldInitialState,
        string NewInitialState,
        IReadOnlyList<CellChange> Cells)
    {
        public bool InitialStateChanged => OldInitialState != NewInitialState;

        public bool IsEmpty =>
            AddedStates.Count == 0 && RemovedStates.Count == 0 && AddedEvents.Count == 0 && RemovedEvents.Count == 0
            && !InitialStateChanged && Cells.Count == 0;

        public int Count(CellChangeKind kind)
        {
            int count = 0;
            foreach (CellChange change in Cells)
            {
                if (change.Kind == kind)
                {
                    count++;
                }
            }

            return count;
        }
    }
}
