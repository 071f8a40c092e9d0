using System.Collections.Generic;
using System.Globalization;
using System.Text;

namespace TcpGen.Cli.Diffing
{
    /// <summary>
    /// Plain-text diff, one line per finding. Cells are written in the DSL's own words
    /// (<c>-> NEXT do ACTIONS</c>, <c>-> stay do ...</c>, <c>ignore</c>), changes as <c>old => new</c>.
    /// </summary>
    public static class TextDiffRenderer
    {
        /// <summary>What an empty diff prints.</summary>
        public const string NoDifferences = "no differences\n";

        public static string Render(TableDiff diff)
        {
            if (diff.IsEmpty)
            {
                return NoDifferences;
            }

            var text = new StringBuilder();
            AppendNames(text, "states added", diff.AddedStates);
            AppendNames(text, "states removed", diff.RemovedStates);
            AppendNames(text, "events added", diff.AddedEvents);
            AppendNames(text, "events removed", diff.RemovedEvents);
            if (diff.InitialStateChanged)
            {
                text.Append("initial state: ").Append(diff.OldInitialState).Append(" => ").Append(diff.NewInitialState).Append('\n');
            }

            foreach (CellChange change in diff.Cells)
            {
                switch (change.Kind)
                {
                    case CellChangeKind.Added:
                        text.Append("added    ").Append(Key(change)).Append(": ").Append(change.New!.DslForm);
                        break;
                    case CellChangeKind.Removed:
                        text.Append("removed  ").Append(Key(change)).Append(": ").Append(change.Old!.DslForm);
                        break;
                    default:
                        text.Append("changed  ").Append(Key(change)).Append(": ")
                            .Append(change.Old!.DslForm).Append(" => ").Append(change.New!.DslForm);
                        break;
                }

                text.Append('\n');
            }

            text.Append(string.Format(
                CultureInfo.InvariantCulture,
                "{0} cell(s) changed, {1} added, {2} removed\n",
                diff.Count(CellChangeKind.Changed),
                diff.Count(CellChangeKind.Added),
                diff.Count(CellChangeKind.Removed)));
            return text.ToString();
        }

        private static string Key(CellChange change) => "in " + change.State + " on " + change.Event;

        private static void AppendNames(StringBuilder text, string title, IReadOnlyList<string> names)
        {
            if (names.Count > 0)
            {
                text.Append(title).Append(": ").Append(string.Join(", ", names)).Append('\n');
            }
        }
    }
}
