namespace TcpGen.Cli
{
    /// <summary>Placeholder entry point; the commands live in Commands/.</summary>
    public static class Program
    {
        public static int Main(string[] args) => args.Length == 0 ? 2 : 0;
    }
}
