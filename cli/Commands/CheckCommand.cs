using System.CommandLine;
using System.Globalization;
using System.IO;
using TcpGen.Cli.Loading;
using TcpGen.Spec;
using TcpGen.Spec.Diagnostics;
using TcpGen.Spec.Model;

namespace TcpGen.Cli.Commands
{
    /// <summary>
    /// <c>tcpgen check FILE</c>: compile the DSL and print its diagnostics like a compiler (stderr).
    /// Exit 1 on any error; warnings are printed but exit 0. A one-line summary goes to stdout on success.
    /// </summary>
    public static class CheckCommand
    {
        public static Command Create()
        {
            var file = new Argument<string>("FILE") { Description = "The DSL file to check." };
            var command = new Command("check", "Check a DSL file and print its errors and warnings.") { file };
            command.SetAction(parseResult => Run(parseResult.GetRequiredValue(file), CommandOutput.Out(parseResult), CommandOutput.Error(parseResult)));
            return command;
        }

        public static int Run(string path, TextWriter stdout, TextWriter stderr)
        {
            string text = SpecFile.Read(path);
            SpecCompilation compilation = SpecCompiler.Compile(path, text);
            SpecLoader.WriteDiagnostics(compilation, stderr);

            int warnings = 0;
            int errors = 0;
            foreach (SpecDiagnostic diagnostic in compilation.Diagnostics)
            {
                if (diagnostic.IsError)
                {
                    errors++;
                }
                else
                {
                    warnings++;
                }
            }

            if (errors > 0 || compilation.Model is null)
            {
                stderr.Write(string.Format(CultureInfo.InvariantCulture, "{0}: {1} error(s), {2} warning(s)\n", path, errors, warnings));
                return ExitCodes.Failure;
            }

            MachineModel model = compilation.Model;
            stdout.Write(string.Format(
                CultureInfo.InvariantCulture,
                "{0}: ok: machine {1}, {2} states x {3} events = {4} cells, {5} actions, {6} warning(s)\n",
                path,
                model.Name,
                model.States.Count,
                model.Events.Count,
                model.Cells.Count,
                model.Actions.Count,
                warnings));
            return ExitCodes.Success;
        }
    }
}
