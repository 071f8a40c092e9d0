using System;
using System.IO;
using System.Security;

namespace TcpGen.Cli.Loading
{
    /// <summary>Reads a DSL file, turning every way a read can fail into one <see cref="InputException"/>.</summary>
    public static class SpecFile
    {
        public static string Read(string path)
        {
            try
            {
                if (Directory.Exists(path))
                {
                    throw new InputException($"cannot read '{path}': it is a directory");
                }

                return File.ReadAllText(path);
            }
            catch (FileNotFoundException ex)
            {
                throw new InputException($"cannot read '{path}': file not found", ex);
            }
            catch (DirectoryNotFoundException ex)
            {
                throw new InputException($"cannot read '{path}': file not found", ex);
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or SecurityException or ArgumentException or NotSupportedException)
            {
                throw new InputException($"cannot read '{path}': {OneLine.Of(ex.Message)}", ex);
            }
        }
    }
}
