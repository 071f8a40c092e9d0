using System.CommandLine;
using System.IO;
using TcpGen.Cli.Loading;
using TcpGen.Cli.Rendering;
using TcpGen.Spec.Model;

namespace TcpGen.Cli.Commands
{
    /// <summary><c>tcpgen graph FILE --format dot|mermaid</c>: the state diagram (state changes only).</summary>
    public static class GraphCommand
    {
        public static Command Create()
        {
            var file = new Argument<string>("FILE") { Description = "The DSL file to draw." };
            Option<string> format = FormatOption.Create("dot", "dot", "mermaid");
            var command = new Command("graph", "Print the state diagram as Graphviz DOT or Mermaid; stay and ignore cells are not drawn.") { file, format };
            command.SetAction(parseResult => Run(
                parseResult.GetRequiredValue(file),
                parseResult.GetRequiredValue(format),
                CommandOutput.Out(parseResult),
                CommandOutput.Error(parseResult)));
            return command;
        }

        public static int Run(string path, string format, TextWriter stdout, TextWriter stderr)
        {
            MachineModel? model = SpecLoader.Load(path, SpecFile.Read(path), stderr);
            if (model is null)
            {
                return ExitCodes.Failure;
            }

            stdout.Write(format == "mermaid" ? MermaidGraphRenderer.Render(model) : DotGraphRenderer.Render(model));
            return ExitCodes.Success;
        }
    }
}
