using System.CommandLine;
using System.IO;
using TcpGen.Cli.Loading;
using TcpGen.Cli.Rendering;
using TcpGen.Spec.Model;

namespace TcpGen.Cli.Commands
{
    /// <summary><c>tcpgen table FILE --format text|markdown|csv|json</c>: render the state x event table.</summary>
    public static class TableCommand
    {
        public static Command Create()
        {
            var file = new Argument<string>("FILE") { Description = "The DSL file to render." };
            Option<string> format = FormatOption.Create("text", "text", "markdown", "csv", "json");
            var command = new Command("table", "Print the state x event table.") { file, format };
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

            stdout.Write(format switch
            {
                "markdown" => MarkdownTableRenderer.Render(model),
                "csv" => CsvTableRenderer.Render(model),
                "json" => JsonTableRenderer.Render(model),
                _ => TextTableRenderer.Render(model),
            });
            return ExitCodes.Success;
        }
    }
}
