using System;

namespace TcpGen.Cli.Loading
{
    /// <summary>
    /// An input the command cannot use: a missing or unreadable file, a failing git revision.
    /// Its message is one line; the program prints it as <c>tcpgen: error: ...</c> and exits with code 2.
    /// </summary>
    public sealed class InputException : Exception
    {
        public InputException(string message)
            : base(message)
        {
        }

        public InputException(string message, Exception inner)
            : base(message, inner)
        {
        }

        public InputException()
        {
        }
    }
}
