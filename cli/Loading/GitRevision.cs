using System;
using System.ComponentModel;
using System.Diagnostics;
using System.IO;
using System.Text;
using System.Threading.Tasks;

namespace TcpGen.Cli.Loading
{
    /// <summary>Reads a file as it was at a git revision, by running <c>git show REV:./NAME</c> in the file's folder.</summary>
    public static class GitRevision
    {
        /// <summary>
        /// Returns the text of <paramref name="path"/> at <paramref name="revision"/>. The path is given relative to
        /// its own folder (<c>./NAME</c>), which git resolves against the repository root for us.
        /// </summary>
        public static string Show(string revision, string path)
        {
            if (revision.Length == 0 || revision.StartsWith("-", StringComparison.Ordinal))
            {
                throw new InputException($"bad git revision '{revision}'");
            }

            string fullPath = Path.GetFullPath(path);
            string folder = Path.GetDirectoryName(fullPath) ?? ".";
            string objectName = revision + ":./" + Path.GetFileName(fullPath);

            var start = new ProcessStartInfo("git")
            {
                RedirectStandardOutput = true,
                RedirectStandardError = true,
                RedirectStandardInput = true,
                UseShellExecute = false,
                WorkingDirectory = Directory.Exists(folder) ? folder : Directory.GetCurrentDirectory(),
                StandardOutputEncoding = new UTF8Encoding(false),
                StandardErrorEncoding = new UTF8Encoding(false),
            };

            // --no-textconv: we want the DSL itself, not what a diff driver (maybe tcpgen) makes of it.
            start.ArgumentList.Add("show");
            start.ArgumentList.Add("--no-textconv");
            start.ArgumentList.Add(objectName);

            try
            {
                using Process git = Process.Start(start) ?? throw new InputException("cannot run git");
                git.StandardInput.Close();
                Task<string> errors = git.StandardError.ReadToEndAsync();
                string output = git.StandardOutput.ReadToEnd();
                git.WaitForExit();
                if (git.ExitCode != 0)
                {
                    string reason = FirstLine(errors.GetAwaiter().GetResult());
                    throw new InputException($"git show {revision}:{Path.GetFileName(fullPath)} failed: {reason}");
                }

                return output;
            }
            catch (Win32Exception ex)
            {
                throw new InputException($"cannot run git: {OneLine.Of(ex.Message)}", ex);
            }
        }

        private static string FirstLine(string text)
        {
            foreach (string line in text.Split('\n'))
            {
                if (line.Trim().Length > 0)
                {
                    return OneLine.Of(line);
                }
            }

            return "git reported no reason";
        }
    }
}
