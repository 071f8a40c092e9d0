using System.Collections.Generic;
using TcpGen.Spec.Common;
using TcpGen.Spec.Diagnostics;
using TcpGen.Spec.Model;
using TcpGen.Spec.Syntax;

namespace TcpGen.Spec.Binding
{
    /// <summary>
    /// Resolves names and decides every (state, event) cell. Precedence when several rules cover a cell:
    /// a state named in the rule beats a state group, and a group beats '*'. Two rules at the same
    /// precedence for one cell are nondeterministic (TCPGEN006), whatever they say.
    /// </summary>
    public sealed class Binder
    {
        /// <summary>A table entry packs up to this many actions (one byte each) after the next state.</summary>
        public const int MaxActionsPerRule = 7;

        /// <summary>States and actions are stored in one byte each; action 0 means "none".</summary>
        public const int MaxStates = 255;

        public const int MaxActions = 254;

        // How specific a rule's mention of a state is; lower wins.
        private const int ExplicitTier = 0;
        private const int GroupTier = 1;
        private const int WildcardTier = 2;

        // Where findings go.
        private readonly List<SpecDiagnostic> _diagnostics;

        // The parsed file.
        private readonly DocumentSyntax _document;

        // Declarations by name, in declaration order (the order of the generated enums).
        private readonly List<StateSyntax> _states = new();
        private readonly List<EventSyntax> _events = new();
        private readonly List<ActionSyntax> _actions = new();
        private readonly Dictionary<string, int> _stateIndex = new();
        private readonly Dictionary<string, int> _eventIndex = new();
        private readonly Dictionary<string, int> _actionIndex = new();
        private readonly Dictionary<string, GroupSyntax> _groups = new();

        // Rules reported as nondeterministic, so they are not also reported as never applying.
        private readonly HashSet<ResolvedRule> _conflicted = new();

        private Binder(DocumentSyntax document, List<SpecDiagnostic> diagnostics)
        {
            _document = document;
            _diagnostics = diagnostics;
        }

        /// <summary>Binds a parsed document. Returns null when any error was found.</summary>
        public static MachineModel? Bind(DocumentSyntax document, List<SpecDiagnostic> diagnostics)
        {
            return new Binder(document, diagnostics).Run();
        }

        private MachineModel? Run()
        {
            int errorsBefore = CountErrors();
            MachineSyntax? machine = CollectDeclarations();
            int initial = FindInitialState();
            CheckCSharpNames();

            var rules = new List<RuleSyntax>();
            foreach (DeclarationSyntax declaration in _document.Declarations)
            {
                if (declaration is RuleSyntax rule)
                {
                    rules.Add(rule);
                }
            }

            var resolved = new List<ResolvedRule>();
            foreach (RuleSyntax rule in rules)
            {
                ResolvedRule? r = Resolve(rule);
                if (r is not null)
                {
                    resolved.Add(r);
                }
            }

            ResolvedRule?[] winners = DecideCells(resolved);
            ReportShadowedRules(resolved, winners);
            ReportMissingCells(winners);
            ReportUnused(rules);

            if (CountErrors() > errorsBefore || machine is null || initial < 0)
            {
                return null;
            }

            MachineModel model = BuildModel(machine, initial, winners);
            int beforeChecks = CountErrors();
            Checks.ReachabilityCheck.Run(model, _diagnostics, StateLocation);
            return CountErrors() > beforeChecks ? null : model;
        }

        private MachineSyntax? CollectDeclarations()
        {
            MachineSyntax? machine = null;
            var stateNamespace = new Dictionary<string, SourceLocation>();
            var eventNamespace = new Dictionary<string, SourceLocation>();
            var actionNamespace = new Dictionary<string, SourceLocation>();
            foreach (DeclarationSyntax declaration in _document.Declarations)
            {
                switch (declaration)
                {
                    case MachineSyntax m:
                        if (machine is null)
                        {
                            machine = m;
                        }
                        else
                        {
                            Report(DiagnosticCatalogue.MachineDeclaration, m.Location, $"Only one 'machine' declaration is allowed; the first is at line {machine.Location.Line}");
                        }

                        break;
                    case StateSyntax s when Declare(stateNamespace, s.Name):
                        _stateIndex[s.Name.Text] = _states.Count;
                        _states.Add(s);
                        break;
                    case GroupSyntax g when Declare(stateNamespace, g.Name):
                        _groups[g.Name.Text] = g;
                        break;
                    case EventSyntax e when Declare(eventNamespace, e.Name):
                        _eventIndex[e.Name.Text] = _events.Count;
                        _events.Add(e);
                        break;
                    case ActionSyntax a when Declare(actionNamespace, a.Name):
                        _actionIndex[a.Name.Text] = _actions.Count;
                        _actions.Add(a);
                        break;
                }
            }

            SourceLocation fileStart = new(_document.FilePath, 0, 0, 1, 1, 1, 1);
            if (machine is null)
            {
                Report(DiagnosticCatalogue.MachineDeclaration, fileStart, "Missing 'machine NAME' declaration: it names the generated types");
            }

            if (_states.Count > MaxStates)
            {
                Report(DiagnosticCatalogue.TooManyMembers, _states[MaxStates].Location, MaxStates, "states", _states.Count);
            }

            if (_actions.Count > MaxActions)
            {
                Report(DiagnosticCatalogue.TooManyMembers, _actions[MaxActions].Location, MaxActions, "actions", _actions.Count);
            }

            if (_events.Count == 0)
            {
                Report(DiagnosticCatalogue.SyntaxError, fileStart, "The machine declares no events");
            }

            // Group members must be states (not other groups) and appear once.
            foreach (GroupSyntax group in _groups.Values)
            {
                CheckRepeats(group.Members);
                foreach (NameSyntax member in group.Members)
                {
                    if (!_stateIndex.ContainsKey(member.Text))
                    {
                        Report(DiagnosticCatalogue.UnknownState, member.Location, member.Text);
                    }
                }
            }

            return machine;
        }

        private bool Declare(Dictionary<string, SourceLocation> names, NameSyntax name)
        {
            if (names.TryGetValue(name.Text, out SourceLocation first))
            {
                Report(DiagnosticCatalogue.DuplicateDeclaration, name.Location, name.Text, first.Line);
                return false;
            }

            names[name.Text] = name.Location;
            return true;
        }

        private int FindInitialState()
        {
            int initial = -1;
            foreach (StateSyntax state in _states)
            {
                if (!state.IsInitial)
                {
                    continue;
                }

                if (initial >= 0)
                {
                    Report(DiagnosticCatalogue.InitialState, state.Location, $"Only one state may be initial; {_states[initial].Name.Text} already is");
                }
                else
                {
                    initial = _stateIndex[state.Name.Text];
                }
            }

            if (initial < 0 && _states.Count > 0)
            {
                Report(DiagnosticCatalogue.InitialState, _states[0].Location, "No state is marked 'initial'");
            }
            else if (_states.Count == 0)
            {
                Report(DiagnosticCatalogue.InitialState, new SourceLocation(_document.FilePath, 0, 0, 1, 1, 1, 1), "The machine declares no states");
            }

            return initial;
        }

        private void CheckCSharpNames()
        {
            CheckCSharpNames(_states.ConvertAll(s => s.Name));
            CheckCSharpNames(_events.ConvertAll(e => e.Name));
            CheckCSharpNames(_actions.ConvertAll(a => a.Name));
        }

        private void CheckCSharpNames(List<NameSyntax> names)
        {
            var seen = new Dictionary<string, NameSyntax>();
            foreach (NameSyntax name in names)
            {
                string csharp = Naming.ToCSharp(name.Text);
                if (seen.TryGetValue(csharp, out NameSyntax? other))
                {
                    Report(DiagnosticCatalogue.NameCollision, name.Location, other.Text, name.Text, csharp);
                }
                else
                {
                    seen[csharp] = name;
                }
            }
        }

        private ResolvedRule? Resolve(RuleSyntax rule)
        {
            bool ok = true;
            var states = new List<(int State, int Tier)>();
            if (rule.IsWildcard)
            {
                for (int i = 0; i < _states.Count; i++)
                {
                    states.Add((i, WildcardTier));
                }
            }
            else
            {
                ok &= CheckRepeats(rule.States);
                foreach (NameSyntax name in rule.States)
                {
                    if (_stateIndex.TryGetValue(name.Text, out int index))
                    {
                        states.Add((index, ExplicitTier));
                    }
                    else if (_groups.TryGetValue(name.Text, out GroupSyntax? group))
                    {
                        foreach (NameSyntax member in group.Members)
                        {
                            if (_stateIndex.TryGetValue(member.Text, out int memberIndex))
                            {
                                states.Add((memberIndex, GroupTier));
                            }
                        }
                    }
                    else
                    {
                        Report(DiagnosticCatalogue.UnknownState, name.Location, name.Text);
                        ok = false;
                    }
                }
            }

            ok &= CheckRepeats(rule.Events);
            var events = new List<int>();
            foreach (NameSyntax name in rule.Events)
            {
                if (_eventIndex.TryGetValue(name.Text, out int index))
                {
                    events.Add(index);
                }
                else
                {
                    Report(DiagnosticCatalogue.UnknownEvent, name.Location, name.Text);
                    ok = false;
                }
            }

            int next = -1;
            if (rule.Next is not null)
            {
                if (!_stateIndex.TryGetValue(rule.Next.Text, out next))
                {
                    Report(DiagnosticCatalogue.UnknownState, rule.Next.Location, rule.Next.Text);
                    ok = false;
                }
            }

            var actions = new List<int>();
            foreach (NameSyntax name in rule.Actions)
            {
                if (_actionIndex.TryGetValue(name.Text, out int index))
                {
                    actions.Add(index);
                }
                else
                {
                    Report(DiagnosticCatalogue.UnknownAction, name.Location, name.Text);
                    ok = false;
                }
            }

            if (rule.Actions.Count > MaxActionsPerRule)
            {
                Report(DiagnosticCatalogue.TooManyActions, rule.Actions[MaxActionsPerRule].Location, rule.Actions.Count, MaxActionsPerRule);
                ok = false;
            }

            // An unresolved rule still claims its resolvable cells, so one typo does not also report missing cells.
            return new ResolvedRule(rule, states, events, next, actions, ok);
        }

        private bool CheckRepeats(IReadOnlyList<NameSyntax> names)
        {
            var seen = new HashSet<string>();
            bool ok = true;
            foreach (NameSyntax name in names)
            {
                if (!seen.Add(name.Text))
                {
                    Report(DiagnosticCatalogue.RepeatedName, name.Location, name.Text);
                    ok = false;
                }
            }

            return ok;
        }

        private ResolvedRule?[] DecideCells(List<ResolvedRule> rules)
        {
            int eventCount = _events.Count;
            var winners = new ResolvedRule?[_states.Count * eventCount];
            var tiers = new int[winners.Length];
            var reportedPairs = new HashSet<(ResolvedRule, ResolvedRule)>();
            _conflicted.Clear();
            for (int i = 0; i < tiers.Length; i++)
            {
                tiers[i] = int.MaxValue;
            }

            foreach (ResolvedRule rule in rules)
            {
                foreach ((int state, int tier) in rule.States)
                {
                    foreach (int evt in rule.Events)
                    {
                        int cell = (state * eventCount) + evt;
                        if (tier < tiers[cell])
                        {
                            tiers[cell] = tier;
                            winners[cell] = rule;
                        }
                        else if (tier == tiers[cell] && !ReferenceEquals(winners[cell], rule) && reportedPairs.Add((rule, winners[cell]!)))
                        {
                            _conflicted.Add(rule);
                            Report(
                                DiagnosticCatalogue.Nondeterministic,
                                rule.Syntax.Location,
                                _states[state].Name.Text,
                                _events[evt].Name.Text,
                                winners[cell]!.Syntax.Location.Line);
                        }
                    }
                }
            }

            return winners;
        }

        private void ReportShadowedRules(List<ResolvedRule> rules, ResolvedRule?[] winners)
        {
            var used = new HashSet<ResolvedRule>();
            foreach (ResolvedRule? winner in winners)
            {
                if (winner is not null)
                {
                    used.Add(winner);
                }
            }

            foreach (ResolvedRule rule in rules)
            {
                // A rule that lost a TCPGEN006 conflict already has its error; "never applies" would only add noise.
                if (rule.IsValid && !used.Contains(rule) && !_conflicted.Contains(rule) && rule.States.Count > 0 && rule.Events.Count > 0)
                {
                    Report(DiagnosticCatalogue.ShadowedRule, rule.Syntax.Location);
                }
            }
        }

        private void ReportMissingCells(ResolvedRule?[] winners)
        {
            int eventCount = _events.Count;
            for (int state = 0; state < _states.Count; state++)
            {
                var missing = new List<string>();
                for (int evt = 0; evt < eventCount; evt++)
                {
                    if (winners[(state * eventCount) + evt] is null)
                    {
                        missing.Add(_events[evt].Name.Text);
                    }
                }

                if (missing.Count > 0)
                {
                    Report(DiagnosticCatalogue.MissingCells, _states[state].Name.Location, _states[state].Name.Text, string.Join(", ", missing));
                }
            }
        }

        private void ReportUnused(List<RuleSyntax> rules)
        {
            var usedEvents = new HashSet<string>();
            var usedActions = new HashSet<string>();
            foreach (RuleSyntax rule in rules)
            {
                foreach (NameSyntax e in rule.Events)
                {
                    usedEvents.Add(e.Text);
                }

                foreach (NameSyntax a in rule.Actions)
                {
                    usedActions.Add(a.Text);
                }
            }

            foreach (EventSyntax e in _events)
            {
                if (!usedEvents.Contains(e.Name.Text))
                {
                    Report(DiagnosticCatalogue.UnusedEvent, e.Name.Location, e.Name.Text);
                }
            }

            foreach (ActionSyntax a in _actions)
            {
                if (!usedActions.Contains(a.Name.Text))
                {
                    Report(DiagnosticCatalogue.UnusedAction, a.Name.Location, a.Name.Text);
                }
            }
        }

        private MachineModel BuildModel(MachineSyntax machine, int initial, ResolvedRule?[] winners)
        {
            var states = _states.ConvertAll(s => new StateInfo(
                s.Name.Text, Naming.ToCSharp(s.Name.Text), s.DisplayName?.Text ?? s.Name.Text, s.Doc, s.IsInitial, s.Location.Line));
            var events = _events.ConvertAll(e => new EventInfo(e.Name.Text, Naming.ToCSharp(e.Name.Text), e.Kind, e.Doc, e.Location.Line));
            var actions = _actions.ConvertAll(a => new ActionInfo(a.Name.Text, Naming.ToCSharp(a.Name.Text), a.Doc, a.Location.Line));

            int eventCount = _events.Count;
            var cells = new List<Cell>(winners.Length);
            for (int i = 0; i < winners.Length; i++)
            {
                ResolvedRule rule = winners[i]!;
                int state = i / eventCount;
                int evt = i % eventCount;
                RuleSyntax syntax = rule.Syntax;
                cells.Add(new Cell(
                    state,
                    evt,
                    syntax.IsIgnore,
                    rule.Next >= 0 ? rule.Next : state,
                    rule.Actions.ToEquatableArray(),
                    syntax.Citation,
                    syntax.Doc,
                    syntax.Location.Line));
            }

            return new MachineModel(
                machine.Name.Text,
                _document.FilePath,
                states.ToEquatableArray(),
                events.ToEquatableArray(),
                actions.ToEquatableArray(),
                cells.ToEquatableArray(),
                initial);
        }

        private SourceLocation StateLocation(int state) => _states[state].Name.Location;

        private int CountErrors()
        {
            int errors = 0;
            foreach (SpecDiagnostic diagnostic in _diagnostics)
            {
                if (diagnostic.IsError)
                {
                    errors++;
                }
            }

            return errors;
        }

        private void Report(DiagnosticDescriptor descriptor, SourceLocation location, params object[] args) =>
            _diagnostics.Add(SpecDiagnostic.Create(descriptor, location, args));

        /// <summary>A rule with its names resolved to indices; States carries each state's precedence tier.</summary>
        private sealed class ResolvedRule
        {
            public ResolvedRule(RuleSyntax syntax, List<(int State, int Tier)> states, List<int> events, int next, List<int> actions, bool isValid)
            {
                Syntax = syntax;
                States = states;
                Events = events;
                Next = next;
                Actions = actions;
                IsValid = isValid;
            }

            public RuleSyntax Syntax { get; }

            public List<(int State, int Tier)> States { get; }

            public List<int> Events { get; }

            public int Next { get; }

            public List<int> Actions { get; }

            public bool IsValid { get; }
        }
    }
}
