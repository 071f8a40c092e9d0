using System.IO;
using TcpGen.Spec;
using TcpGen.Spec.Diagnostics;
using TcpGen.Spec.Model;

namespace TcpGen.Cli.Loading
{
    /// <summary>
    /// Compiles DSL text with the spec library (the one parser of the project) and, when it has errors,
    /// writes every diagnostic to stderr in the compiler format. Warnings alone are left to <c>tcpgen check</c>.
    /// </summary>
    public static class SpecLoader
    {
        /// <summary>Returns the model, or null after printing the diagnostics of a DSL with errors.</summary>
        public static MachineModel? Load(string displayPath, string text, TextWriter stderr)
        {
            SpecCompilation compilation = SpecCompiler.Compile(displayPath, text);
            if (!compilation.HasErrors && compilation.Model is not null)
            {
                return compilation.Model;
            }

            WriteDiagnostics(compilation, stderr);
            return null;
        }

        public static void WriteDiagnostics(SpecCompilation compilation, TextWriter stderr)
        {
            foreach (SpecDiagnostic diagnostic in compilation.Diagnostics)
            {
                stderr.Write(diagnostic.ToString());
                stderr.Write('\n');
            }
        }
    }
}
