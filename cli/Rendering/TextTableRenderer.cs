using System.Globalization;
using System.Text;
using TcpGen.Spec.Model;

namespace TcpGen.Cli.Rendering
{
    /// <summary>
    /// Plain-text table, one line per cell, for terminals and for <c>git diff</c> (textconv).
    /// Column widths depend only on state and event names, and line numbers are left out, so editing one rule
    /// changes exactly the lines of the cells it decides.
    /// </summary>
    public static class TextTableRenderer
    {
        /// <summary>Spaces between columns.</summary>
        private const string Gap = "  ";

        public static string Render(MachineModel model)
        {
            int stateWidth = "STATE".Length;
            foreach (StateInfo state in model.States)
            {
                stateWidth = System.Math.Max(stateWidth, state.Name.Length);
            }

            int eventWidth = "EVENT".Length;
            foreach (EventInfo evt in model.Events)
            {
                eventWidth = System.Math.Max(eventWidth, evt.Name.Length);
            }

            // NEXT holds a state name, "stay" or "ignore".
            int nextWidth = System.Math.Max(stateWidth, "ignore".Length);

            var text = new StringBuilder();
            text.Append(string.Format(
                CultureInfo.InvariantCulture,
                "machine {0}: {1} states x {2} events, {3} actions, initial state {4}\n",
                model.Name,
                model.States.Count,
                model.Events.Count,
                model.Actions.Count,
                model.States[model.InitialState].Name));

            AppendRow(text, stateWidth, eventWidth, nextWidth, "STATE", "EVENT", "NEXT", "ACTIONS [CITATION]");
            for (int s = 0; s < model.States.Count; s++)
            {
                text.Append('\n');
                for (int e = 0; e < model.Events.Count; e++)
                {
                    CellView cell = CellView.From(model, model.CellAt(s, e));
                    string tail = cell.ActionList;
                    if (cell.Citation is not null)
                    {
                        tail = tail.Length == 0 ? "[" + cell.Citation + "]" : tail + Gap + "[" + cell.Citation + "]";
                    }

                    AppendRow(text, stateWidth, eventWidth, nextWidth, cell.State, cell.Event, cell.NextColumn, tail);
                }
            }

            return text.ToString();
        }

        private static void AppendRow(StringBuilder text, int stateWidth, int eventWidth, int nextWidth, string state, string evt, string next, string tail)
        {
            var line = new StringBuilder();
            line.Append(state.PadRight(stateWidth)).Append(Gap)
                .Append(evt.PadRight(eventWidth)).Append(Gap)
                .Append(next.PadRight(nextWidth)).Append(Gap)
                .Append(tail);

            // No trailing blanks: they show up as noise in diffs and editors.
            text.Append(line.ToString().TrimEnd()).Append('\n');
        }
    }
}
