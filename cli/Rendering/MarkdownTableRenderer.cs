using System.Collections.Generic;
using System.Globalization;
using System.Text;
using TcpGen.Spec.Model;

namespace TcpGen.Cli.Rendering
{
    /// <summary>
    /// A Markdown (GitHub-flavoured) state table: one row per state, one column per event grouped by kind,
    /// and one footnote per rule with its line, citation and reason. Output depends only on the model,
    /// never on the file path or the clock, so a snapshot of it is stable.
    /// </summary>
    public static class MarkdownTableRenderer
    {
        public static string Render(MachineModel model)
        {
            IReadOnlyList<int> columns = EventOrder.ByKind(model);
            var text = new StringBuilder();
            text.Append("# ").Append(MarkdownText.Escape(model.Name)).Append(" state table\n\n");
            text.Append(string.Format(
                CultureInfo.InvariantCulture,
                "{0} states x {1} events; initial state {2}. ",
                model.States.Count,
                model.Events.Count,
                model.States[model.InitialState].Name));
            text.Append("Columns are grouped by event kind (user, segment, timer). ");
            text.Append("A cell reads `→ NEXT: ACTIONS` (state change), `stay: ACTIONS` (same state) or `ignore` (nothing happens); ");
            text.Append("its footnote names the deciding rule's line and citation.\n\n");

            text.Append("| State |");
            foreach (int e in columns)
            {
                EventInfo evt = model.Events[e];
                text.Append(' ').Append(evt.Name).Append(" (").Append(EventOrder.KindName(evt.Kind)).Append(") |");
            }

            text.Append("\n| --- |");
            for (int i = 0; i < columns.Count; i++)
            {
                text.Append(" --- |");
            }

            text.Append('\n');

            // Rule lines that decide at least one cell, each with one cell of that rule for its citation and doc.
            var rules = new SortedDictionary<int, CellView>();
            for (int s = 0; s < model.States.Count; s++)
            {
                text.Append("| ").Append(StateHeader(model, s)).Append(" |");
                foreach (int e in columns)
                {
                    CellView cell = CellView.From(model, model.CellAt(s, e));
                    if (!rules.ContainsKey(cell.Line))
                    {
                        rules.Add(cell.Line, cell);
                    }

                    text.Append(' ').Append(MarkdownText.Escape(cell.Summary))
                        .Append(" [^L").Append(cell.Line.ToString(CultureInfo.InvariantCulture)).Append("] |");
                }

                text.Append('\n');
            }

            text.Append('\n');
            foreach (KeyValuePair<int, CellView> rule in rules)
            {
                string line = rule.Key.ToString(CultureInfo.InvariantCulture);
                text.Append("[^L").Append(line).Append("]: Rule at line ").Append(line);
                text.Append(rule.Value.Citation is null ? ", no citation" : ", " + MarkdownText.Escape(rule.Value.Citation));
                if (rule.Value.Doc is not null)
                {
                    text.Append(": ").Append(MarkdownText.Escape(rule.Value.Doc));
                }
                else
                {
                    text.Append('.');
                }

                text.Append('\n');
            }

            return text.ToString();
        }

        /// <summary>The row header: the machine state, its RFC name when the machine splits an RFC state, and the initial mark.</summary>
        private static string StateHeader(MachineModel model, int s)
        {
            StateInfo state = model.States[s];
            string header = "**" + state.Name + "**";
            if (state.DisplayName != state.Name)
            {
                header += " (RFC " + state.DisplayName + ")";
            }

            return s == model.InitialState ? header + " *initial*" : header;
        }
    }
}
