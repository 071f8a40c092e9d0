using System;
using System.IO;

namespace TcpGen.Tests.Cli
{
    /// <summary>A fresh folder under the system temp folder, deleted on dispose.</summary>
    public sealed class TempFolder : IDisposable
    {
        public TempFolder()
        {
            Path = System.IO.Path.Combine(System.IO.Path.GetTempPath(), "tcpgen-cli-" + Guid.NewGuid().ToString("N"));
            Directory.CreateDirectory(Path);
        }

        public string Path { get; }

        /// <summary>Writes a file (UTF-8, no BOM) and returns its full path.</summary>
        public string Write(string name, string text)
        {
            string path = System.IO.Path.Combine(Path, name);
            File.WriteAllText(path, text);
            return path;
        }

        public void Dispose()
        {
            try
            {
                // Git marks its object files read-only; clear that so the folder can go.
                foreach (string file in Directory.EnumerateFiles(Path, "*", SearchOption.AllDirectories))
                {
                    File.SetAttributes(file, FileAttributes.Normal);
                }

                Directory.Delete(Path, recursive: true);
            }
            catch (IOException)
            {
                // A leftover temp folder is not worth failing a test for.
            }
            catch (UnauthorizedAccessException)
            {
                // Same: cleanup is best effort.
            }
        }
    }
}
