using TcpGen.Spec.Common;

namespace TcpGen.Spec.Model
{
    /// <summary>
    /// A checked state machine: every (state, event) cell decided exactly once.
    /// Cells are stored row by row: index = state * Events.Count + event, as in the generated table.
    /// Holds only strings and numbers (no Roslyn types), so it is a safe incremental-generator model.
    /// </summary>
    public sealed record MachineModel(
        string Name,
        string FilePath,
        EquatableArray<StateInfo> States,
        EquatableArray<EventInfo> Events,
        EquatableArray<ActionInfo> Actions,
        EquatableArray<Cell> Cells,
        int InitialState)
    {
        public Cell CellAt(int state, int evt) => Cells[(state * Events.Count) + evt];

        public int FindState(string name) => IndexOf(States, name);

        public int FindEvent(string name) => IndexOf(Events, name);

        public int FindAction(string name) => IndexOf(Actions, name);

        private static int IndexOf<T>(EquatableArray<T> items, string name)
            where T : INamedInfo, System.IEquatable<T>
        {
            for (int i = 0; i < items.Count; i++)
            {
                if (items[i].Name == name)
                {
                    return i;
                }
            }

            return -1;
        }
    }
}
