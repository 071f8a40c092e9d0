using TcpGen.Spec;

namespace TcpGen.Generator.Pipeline
{
    /// <summary>
    /// Everything one output step needs: the compiled DSL file and the namespace to emit into.
    /// Only strings, numbers and equatable arrays: no ISymbol, SyntaxNode or Compilation, so the
    /// incremental pipeline can compare it by value and cache.
    /// </summary>
    internal sealed record GenerationModel(string FilePath, SpecCompilation Compilation, string Namespace);
}
