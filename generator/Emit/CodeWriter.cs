using System.Text;

namespace TcpGen.Generator.Emit
{
    /// <summary>A StringBuilder that indents, with '\n' line ends so output is identical on every OS.</summary>
    internal sealed class CodeWriter
    {
        // The text written so far.
        private readonly StringBuilder _text = new();

        // Current indentation depth, four spaces each.
        private int _depth;

        public CodeWriter Line(string line = "")
        {
            if (line.Length > 0)
            {
                _text.Append(' ', _depth * 4);
                _text.Append(line);
            }

            _text.Append('\n');
            return this;
        }

        public CodeWriter Open(string line)
        {
            Line(line);
            Line("{");
            _depth++;
            return this;
        }

        public CodeWriter Close(string suffix = "")
        {
            _depth--;
            return Line("}" + suffix);
        }

        /// <summary>Writes text as XML doc lines, escaped; each DSL doc line becomes one line.</summary>
        public CodeWriter Doc(string tag, string? text)
        {
            if (string.IsNullOrEmpty(text))
            {
                return this;
            }

            Line($"/// <{tag}>");
            foreach (string docLine in text!.Split('\n'))
            {
                Line("/// " + Escape(docLine));
            }

            return Line($"/// </{tag}>");
        }

        public static string Escape(string text) =>
            text.Replace("&", "&amp;").Replace("<", "&lt;").Replace(">", "&gt;");

        public override string ToString() => _text.ToString();
    }
}
