using System.Collections.Generic;
using System.Text;
using TcpGen.Cli.Rendering;

namespace TcpGen.Cli.Diffing
{
    /// <summary>Markdown diff for pull-request comments: a list of declaration changes, then a table of cells with old → new.</summary>
    public static class MarkdownDiffRenderer
    {
        public static string Render(TableDiff diff)
        {
            if (diff.IsEmpty)
            {
                return TextDiffRenderer.NoDifferences;
            }

            var text = new StringBuilder();
            text.Append("## State table changes\n\n");
            bool listed = AppendNames(text, "States added", diff.AddedStates);
            listed |= AppendNames(text, "States removed", diff.RemovedStates);
            listed |= AppendNames(text, "Events added", diff.AddedEvents);
            listed |= AppendNames(text, "Events removed", diff.RemovedEvents);
            if (diff.InitialStateChanged)
            {
                text.Append("- Initial state: `").Append(diff.OldInitialState).Append("` → `").Append(diff.NewInitialState).Append("`\n");
                listed = true;
            }

            if (listed)
            {
                text.Append('\n');
            }

            if (diff.Cells.Count > 0)
            {
                text.Append("| Change | State | Event | Old | New |\n");
                text.Append("| --- | --- | --- | --- | --- |\n");
                foreach (CellChange change in diff.Cells)
                {
                    text.Append("| ").Append(Word(change.Kind))
                        .Append(" | ").Append(change.State)
                        .Append(" | ").Append(change.Event)
                        .Append(" | ").Append(change.Old is null ? string.Empty : MarkdownText.Escape(change.Old.Summary))
                        .Append(" | ").Append(change.New is null ? string.Empty : MarkdownText.Escape(change.New.Summary))
                        .Append(" |\n");
                }
            }

            return text.ToString();
        }

        private static string Word(CellChangeKind kind) => kind switch
        {
            CellChangeKind.Added => "added",
            CellChangeKind.Removed => "removed",
            _ => "changed",
        };

        private static bool AppendNames(StringBuilder text, string title, IReadOnlyList<string> names)
        {
            if (names.Count == 0)
            {
                return false;
            }

            text.Append("- ").Append(title).Append(": `").Append(string.Join("`, `", names)).Append("`\n");
            return true;
        }
    }
}
