namespace TcpGen.Spec.Diagnostics
{
    /// <summary>
    /// Every diagnostic the DSL tool chain can report. Ids are stable: never renumber or reuse one.
    /// </summary>
    public static class DiagnosticCatalogue
    {
        public static readonly DiagnosticDescriptor SyntaxError = new(
            "TCPGEN001", "Syntax error", Severity.Error, "{0}");

        public static readonly DiagnosticDescriptor UnknownState = new(
            "TCPGEN002", "Unknown state", Severity.Error, "Unknown state or state group '{0}'");

        public static readonly DiagnosticDescriptor UnknownEvent = new(
            "TCPGEN003", "Unknown event", Severity.Error, "Unknown event '{0}'");

        public static readonly DiagnosticDescriptor UnknownAction = new(
            "TCPGEN004", "Unknown action", Severity.Error, "Unknown action '{0}'");

        public static readonly DiagnosticDescriptor DuplicateDeclaration = new(
            "TCPGEN005", "Duplicate declaration", Severity.Error, "'{0}' is already declared at line {1}");

        public static readonly DiagnosticDescriptor Nondeterministic = new(
            "TCPGEN006", "Two rules for one cell", Severity.Error,
            "Nondeterministic: state {0} on event {1} is also handled by the rule at line {2} with the same precedence");

        public static readonly DiagnosticDescriptor MissingCells = new(
            "TCPGEN007", "Incomplete state", Severity.Error,
            "Incomplete: state {0} has no rule for event(s) {1}");

        public static readonly DiagnosticDescriptor InitialState = new(
            "TCPGEN008", "Initial state", Severity.Error, "{0}");

        public static readonly DiagnosticDescriptor UnreachableState = new(
            "TCPGEN009", "Unreachable state", Severity.Error,
            "State {0} cannot be reached from the initial state {1}");

        public static readonly DiagnosticDescriptor NoWayBack = new(
            "TCPGEN010", "No way back to the initial state", Severity.Error,
            "State {0} can never return to the initial state {1}");

        public static readonly DiagnosticDescriptor UnusedEvent = new(
            "TCPGEN011", "Unused event", Severity.Warning, "Event {0} is declared but no rule mentions it");

        public static readonly DiagnosticDescriptor UnusedAction = new(
            "TCPGEN012", "Unused action", Severity.Warning, "Action {0} is declared but no rule performs it");

        public static readonly DiagnosticDescriptor TooManyActions = new(
            "TCPGEN013", "Too many actions", Severity.Error,
            "A rule performs {0} actions; a table entry holds at most {1}");

        public static readonly DiagnosticDescriptor MachineDeclaration = new(
            "TCPGEN014", "Machine declaration", Severity.Error, "{0}");

        public static readonly DiagnosticDescriptor NameCollision = new(
            "TCPGEN015", "Generated name collision", Severity.Error,
            "'{0}' and '{1}' both become the C# name '{2}'");

        public static readonly DiagnosticDescriptor ShadowedRule = new(
            "TCPGEN016", "Rule never applies", Severity.Warning,
            "This rule never applies: more specific rules handle every cell it covers");

        public static readonly DiagnosticDescriptor RepeatedName = new(
            "TCPGEN017", "Name listed twice", Severity.Error, "'{0}' is listed twice in the same list");

        public static readonly DiagnosticDescriptor TooManyMembers = new(
            "TCPGEN018", "Too many declarations", Severity.Error, "At most {0} {1} fit in a table entry; found {2}");

        /// <summary>All descriptors, in id order (for documentation and tests).</summary>
        public static readonly DiagnosticDescriptor[] All =
        {
            SyntaxError, UnknownState, UnknownEvent, UnknownAction, DuplicateDeclaration, Nondeterministic,
            MissingCells, InitialState, UnreachableState, NoWayBack, UnusedEvent, UnusedAction, TooManyActions,
            MachineDeclaration, NameCollision, ShadowedRule, RepeatedName, TooManyMembers,
        };
    }
}
