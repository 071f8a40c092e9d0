using System.Collections.Generic;
using TcpGen.Spec.Diagnostics;

namespace TcpGen.Spec.Syntax
{
    /// <summary>A name as written, with where it was written.</summary>
    public sealed record NameSyntax(string Text, SourceLocation Location);

    /// <summary>Kinds of event, used to group columns when rendering.</summary>
    public enum EventKind
    {
        Other,
        User,
        Segment,
        Timer,
    }

    /// <summary>Base of every top-level declaration; Doc holds the '///' lines before it.</summary>
    public abstract record DeclarationSyntax(string? Doc, SourceLocation Location);

    /// <summary><c>machine NAME</c>: names the generated types.</summary>
    public sealed record MachineSyntax(string? Doc, SourceLocation Location, NameSyntax Name)
        : DeclarationSyntax(Doc, Location);

    /// <summary><c>state NAME [as DISPLAY] [initial]</c>.</summary>
    public sealed record StateSyntax(string? Doc, SourceLocation Location, NameSyntax Name, NameSyntax? DisplayName, bool IsInitial)
        : DeclarationSyntax(Doc, Location);

    /// <summary><c>group NAME = STATE, STATE...</c>.</summary>
    public sealed record GroupSyntax(string? Doc, SourceLocation Location, NameSyntax Name, IReadOnlyList<NameSyntax> Members)
        : DeclarationSyntax(Doc, Location);

    /// <summary><c>[user|segment|timer] event NAME</c>.</summary>
    public sealed record EventSyntax(string? Doc, SourceLocation Location, NameSyntax Name, EventKind Kind)
        : DeclarationSyntax(Doc, Location);

    /// <summary><c>action NAME</c>.</summary>
    public sealed record ActionSyntax(string? Doc, SourceLocation Location, NameSyntax Name)
        : DeclarationSyntax(Doc, Location);

    /// <summary>
    /// <c>in STATES on EVENTS (-> NEXT [do ACTIONS] | ignore) [CITATION]</c>.
    /// States is empty when the rule is written with '*'. Next is null for 'stay' and for 'ignore'.
    /// </summary>
    public sealed record RuleSyntax(
        string? Doc,
        SourceLocation Location,
        bool IsWildcard,
        IReadOnlyList<NameSyntax> States,
        IReadOnlyList<NameSyntax> Events,
        bool IsIgnore,
        NameSyntax? Next,
        IReadOnlyList<NameSyntax> Actions,
        string? Citation)
        : DeclarationSyntax(Doc, Location);

    /// <summary>A parsed DSL file.</summary>
    public sealed record DocumentSyntax(string FilePath, IReadOnlyList<DeclarationSyntax> Declarations);
}
