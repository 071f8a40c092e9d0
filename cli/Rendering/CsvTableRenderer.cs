using System.Globalization;
using System.Text;
using TcpGen.Spec.Model;

namespace TcpGen.Cli.Rendering
{
    /// <summary>
    /// RFC 4180 CSV: a header, then one record per cell in row-major order, CRLF line breaks,
    /// and fields quoted only when they hold a comma, a quote or a line break (quotes doubled).
    /// </summary>
    public static class CsvTableRenderer
    {
        /// <summary>RFC 4180 section 2, rule 1: records end with CRLF.</summary>
        private const string RecordEnd = "\r\n";

        /// <summary>Separates action names inside the one <c>actions</c> field.</summary>
        private const string ActionSeparator = " ";

        /// <summary>Characters that force a field into quotes (RFC 4180 section 2, rule 6).</summary>
        private static readonly char[] NeedsQuotes = { ',', '"', '\r', '\n' };

        public static string Render(MachineModel model)
        {
            var text = new StringBuilder();
            text.Append("state,event,kind,next,actions,ignore,citation,line").Append(RecordEnd);
            foreach (Cell cell in model.Cells)
            {
                CellView view = CellView.From(model, cell);
                AppendField(text, view.State, first: true);
                AppendField(text, view.Event);
                AppendField(text, EventOrder.KindName(model.Events[cell.Event].Kind));
                AppendField(text, view.Next);
                AppendField(text, string.Join(ActionSeparator, view.Actions));
                AppendField(text, view.IsIgnore ? "true" : "false");
                AppendField(text, view.Citation ?? string.Empty);
                AppendField(text, view.Line.ToString(CultureInfo.InvariantCulture));
                text.Append(RecordEnd);
            }

            return text.ToString();
        }

        private static void AppendField(StringBuilder text, string value, bool first = false)
        {
            if (!first)
            {
                text.Append(',');
            }

            if (value.IndexOfAny(NeedsQuotes) < 0)
            {
                text.Append(value);
                return;
            }

            text.Append('"').Append(value.Replace("\"", "\"\"")).Append('"');
        }
    }
}
