using System;
using System.CommandLine;
using System.CommandLine.Parsing;
using System.IO;
using TcpGen.Cli.Diffing;
using TcpGen.Cli.Loading;
using TcpGen.Spec.Model;

namespace TcpGen.Cli.Commands
{
    /// <summary>
    /// <c>tcpgen diff OLD NEW</c> or <c>tcpgen diff --git REV [FILE]</c>: the cells whose behaviour differs,
    /// keyed by (state, event). <c>--exit-code</c> makes differences exit 1, like <c>git diff --exit-code</c>.
    /// </summary>
    public static class DiffCommand
    {
        /// <summary>The file <c>--git</c> compares when none is named: the spec in the current folder.</summary>
        public const string DefaultFile = "tcp-states.dsl";

        public static Command Create()
        {
            var files = new Argument<string[]>("FILES")
            {
                Description = "OLD NEW, or with --git the working-tree FILE (default tcp-states.dsl).",
                HelpName = "OLD NEW | FILE",
                Arity = new ArgumentArity(0, 2),
            };
            var git = new Option<string>("--git")
            {
                Description = "Compare FILE as committed at git revision REV with the working-tree FILE.",
                HelpName = "REV",
            };
            Option<string> format = FormatOption.Create("text", "text", "markdown");
            var exitCode = new Option<bool>("--exit-code") { Description = "Exit with 1 when the tables differ, 0 when not." };
            var command = new Command("diff", "Show the cells that differ between two versions of a DSL file.") { files, git, format, exitCode };
            command.Validators.Add(result => Validate(result, files, git));
            command.SetAction(parseResult => Run(
                parseResult.GetValue(files) ?? Array.Empty<string>(),
                parseResult.GetValue(git),
                parseResult.GetRequiredValue(format),
                parseResult.GetValue(exitCode),
                CommandOutput.Out(parseResult),
                CommandOutput.Error(parseResult)));
            return command;
        }

        public static int Run(string[] files, string? gitRevision, string format, bool exitCode, TextWriter stdout, TextWriter stderr)
        {
            string newPath = gitRevision is null ? files[1] : files.Length == 1 ? files[0] : DefaultFile;

            // The working-tree file first: when it is missing, that is the error to report, not git's.
            string newText = SpecFile.Read(newPath);
            string oldName = gitRevision is null ? files[0] : gitRevision + ":" + Path.GetFileName(newPath);
            string oldText = gitRevision is null ? SpecFile.Read(oldName) : GitRevision.Show(gitRevision, newPath);

            // Load both before returning, so the user sees the diagnostics of both files at once.
            MachineModel? oldModel = SpecLoader.Load(oldName, oldText, stderr);
            MachineModel? newModel = SpecLoader.Load(newPath, newText, stderr);
            if (oldModel is null || newModel is null)
            {
                return ExitCodes.Failure;
            }

            TableDiff diff = TableDiffer.Compare(oldModel, newModel);
            stdout.Write(format == "markdown" ? MarkdownDiffRenderer.Render(diff) : TextDiffRenderer.Render(diff));
            return exitCode && !diff.IsEmpty ? ExitCodes.Failure : ExitCodes.Success;
        }

        private static void Validate(CommandResult result, Argument<string[]> files, Option<string> git)
        {
            int count = result.GetValue(files)?.Length ?? 0;
            bool usesGit = result.GetResult(git) is not null;
            if (!usesGit && count != 2)
            {
                result.AddError("diff needs two files (OLD NEW), or --git REV [FILE]");
            }
            else if (usesGit && count > 1)
            {
                result.AddError("diff --git REV takes at most one FILE");
            }
        }
    }
}
