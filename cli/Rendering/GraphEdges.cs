using System.Collections.Generic;
using TcpGen.Spec.Model;

namespace TcpGen.Cli.Rendering
{
    /// <summary>
    /// Collects the edges both graph formats draw. Only cells that change the state become edges:
    /// <c>stay</c> and <c>ignore</c> cells are left out so the diagram shows the machine's shape
    /// (the table formats show every cell).
    /// </summary>
    public static class GraphEdges
    {
        public static IReadOnlyList<GraphEdge> Collect(MachineModel model)
        {
            var edges = new List<GraphEdge>();
            for (int from = 0; from < model.States.Count; from++)
            {
                // Targets in the order their first event appears in the DSL, for a stable output.
                var targets = new List<int>();
                for (int e = 0; e < model.Events.Count; e++)
                {
                    Cell cell = model.CellAt(from, e);
                    if (!cell.IsIgnore && cell.Next != from && !targets.Contains(cell.Next))
                    {
                        targets.Add(cell.Next);
                    }
                }

                foreach (int to in targets)
                {
                    edges.Add(new GraphEdge(from, to, LabelLines(model, from, to)));
                }
            }

            return edges;
        }

        private static IReadOnlyList<string> LabelLines(MachineModel model, int from, int to)
        {
            // Action lists in order of first use, each with the events that run it.
            var actionLists = new List<string>();
            var eventsByActions = new List<List<string>>();
            for (int e = 0; e < model.Events.Count; e++)
            {
                Cell cell = model.CellAt(from, e);
                if (cell.IsIgnore || cell.Next != to)
                {
                    continue;
                }

                CellView view = CellView.From(model, cell);
                string actions = view.ActionList;
                int index = actionLists.IndexOf(actions);
                if (index < 0)
                {
                    actionLists.Add(actions);
                    eventsByActions.Add(new List<string>());
                    index = actionLists.Count - 1;
                }

                eventsByActions[index].Add(view.Event);
            }

            var lines = new List<string>(actionLists.Count);
            for (int i = 0; i < actionLists.Count; i++)
            {
                string events = string.Join(", ", eventsByActions[i]);
                lines.Add(actionLists[i].Length == 0 ? events : events + " / " + actionLists[i]);
            }

            return lines;
        }
    }
}
