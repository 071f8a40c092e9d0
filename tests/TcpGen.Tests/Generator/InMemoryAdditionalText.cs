using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Text;

namespace TcpGen.Tests.Generator
{
    /// <summary>An AdditionalFile that lives in memory, as MSBuild would pass tcp-states.dsl.</summary>
    public sealed class InMemoryAdditionalText : AdditionalText
    {
        // The file's text, as the compiler would read it.
        private readonly SourceText _text;

        public InMemoryAdditionalText(string path, string text)
        {
            Path = path;
            _text = SourceText.From(text);
        }

        public override string Path { get; }

        public override SourceText GetText(CancellationToken cancellationToken = default) => _text;
    }
}
