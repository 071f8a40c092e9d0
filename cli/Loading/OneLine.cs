using System.Text;

namespace TcpGen.Cli.Loading
{
    /// <summary>Squeezes a message (from .NET, git or System.CommandLine) into one line for <c>tcpgen: error:</c>.</summary>
    public static class OneLine
    {
        public static string Of(string message)
        {
            var line = new StringBuilder(message.Length);
            bool space = false;
            foreach (char c in message.Trim())
            {
                if (char.IsWhiteSpace(c))
                {
                    space = true;
                    continue;
                }

                if (space && line.Length > 0)
                {
                    line.Append(' ');
                }

                space = false;
                line.Append(c);
            }

            return line.ToString();
        }
    }
}
