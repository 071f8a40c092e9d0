using System.Collections.Generic;
using TcpGen.Cli.Rendering;
using TcpGen.Spec.Model;

namespace TcpGen.Cli.Diffing
{
    /// <summary>Compares two models cell by cell, matching states and events by name (indices may shift between versions).</summary>
    public static class TableDiffer
    {
        public static TableDiff Compare(MachineModel oldModel, MachineModel newModel)
        {
            List<string> oldStates = Names(oldModel.States);
            List<string> newStates = Names(newModel.States);
            List<string> oldEvents = Names(oldModel.Events);
            List<string> newEvents = Names(newModel.Events);

            // Report in the new file's order, then what only the old file had, in its order.
            List<string> allStates = Union(newStates, oldStates);
            List<string> allEvents = Union(newEvents, oldEvents);

            var cells = new List<CellChange>();
            foreach (string state in allStates)
            {
                foreach (string evt in allEvents)
                {
                    CellView? before = Find(oldModel, state, evt);
                    CellView? after = Find(newModel, state, evt);
                    if (before is null && after is not null)
                    {
                        cells.Add(new CellChange(CellChangeKind.Added, state, evt, null, after));
                    }
                    else if (before is not null && after is null)
                    {
                        cells.Add(new CellChange(CellChangeKind.Removed, state, evt, before, null));
                    }
                    else if (before is not null && after is not null && !before.BehavesLike(after))
                    {
                        cells.Add(new CellChange(CellChangeKind.Changed, state, evt, before, after));
                    }
                }
            }

            return new TableDiff(
                Missing(newStates, oldStates),
                Missing(oldStates, newStates),
                Missing(newEvents, oldEvents),
                Missing(oldEvents, newEvents),
                oldModel.States[oldModel.InitialState].Name,
                newModel.States[newModel.InitialState].Name,
                cells);
        }

        private static CellView? Find(MachineModel model, string state, string evt)
        {
            int s = model.FindState(state);
            int e = model.FindEvent(evt);
            return s < 0 || e < 0 ? null : CellView.From(model, model.CellAt(s, e));
        }

        private static List<string> Names<T>(IEnumerable<T> items)
            where T : INamedInfo
        {
            var names = new List<string>();
            foreach (T item in items)
            {
                names.Add(item.Name);
            }

            return names;
        }

        private static List<string> Union(List<string> first, List<string> second)
        {
            var union = new List<string>(first);
            union.AddRange(Missing(second, first));
            return union;
        }

        /// <summary>The names of <paramref name="from"/> that <paramref name="other"/> lacks, in order.</summary>
        private static List<string> Missing(List<string> from, List<string> other)
        {
            var missing = new List<string>();
            foreach (string name in from)
            {
                if (!other.Contains(name))
                {
                    missing.Add(name);
                }
            }

            return missing;
        }
    }
}
