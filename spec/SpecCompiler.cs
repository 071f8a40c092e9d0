using System.Collections.Generic;
using TcpGen.Spec.Binding;
using TcpGen.Spec.Common;
using TcpGen.Spec.Diagnostics;
using TcpGen.Spec.Model;
using TcpGen.Spec.Syntax;

namespace TcpGen.Spec
{
    /// <summary>The result of compiling one DSL file: the model when there were no errors, and every diagnostic.</summary>
    public sealed record SpecCompilation(MachineModel? Model, EquatableArray<SpecDiagnostic> Diagnostics)
    {
        public bool HasErrors
        {
            get
            {
                foreach (SpecDiagnostic diagnostic in Diagnostics)
                {
                    if (diagnostic.IsError)
                    {
                        return true;
                    }
                }

                return false;
            }
        }
    }

    /// <summary>Entry point shared by the generator, the CLI and the tests: text in, checked model and diagnostics out.</summary>
    public static class SpecCompiler
    {
        public static SpecCompilation Compile(string filePath, string text)
        {
            var diagnostics = new List<SpecDiagnostic>();
            DocumentSyntax document = Parser.Parse(filePath, text, diagnostics);
            MachineModel? model = Binder.Bind(document, diagnostics);
            diagnostics.Sort(static (a, b) => a.Location.Offset != b.Location.Offset
                ? a.Location.Offset.CompareTo(b.Location.Offset)
                : string.CompareOrdinal(a.Id, b.Id));
            return new SpecCompilation(model, diagnostics.ToEquatableArray());
        }
    }
}
