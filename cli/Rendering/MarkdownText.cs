using System.Text;

namespace TcpGen.Cli.Rendering
{
    /// <summary>Escapes free text (rule docs, citations) so Markdown shows it literally, also inside table cells.</summary>
    public static class MarkdownText
    {
        /// <summary>Characters that Markdown would read as emphasis, links, HTML, code or a cell border.</summary>
        private const string Special = "\\`*_[]<>|";

        public static string Escape(string text)
        {
            var escaped = new StringBuilder(text.Length + 8);
            foreach (char c in text)
            {
                if (c == '\r' || c == '\n')
                {
                    escaped.Append(' ');
                    continue;
                }

                if (Special.IndexOf(c) >= 0)
                {
                    escaped.Append('\\');
                }

                escaped.Append(c);
            }

            return escaped.ToString();
        }
    }
}
