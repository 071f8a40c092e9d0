using System.Collections.Generic;
using TcpGen.Spec.Model;

namespace TcpGen.Cli.Rendering
{
    /// <summary>
    /// One (state, event) cell with its indices resolved to DSL names, so renderers and the diff
    /// work with text and never index the model twice.
    /// </summary>
    public sealed class CellView
    {
        /// <summary>The separator between action names in every human-readable format.</summary>
        public const string ActionSeparator = ", ";

        private CellView(string state, string @event, bool isIgnore, string next, IReadOnlyList<string> actions, string? citation, string? doc, int line)
        {
            State = state;
            Event = @event;
            IsIgnore = isIgnore;
            Next = next;
            Actions = actions;
            Citation = citation;
            Doc = doc;
            Line = line;
        }

        public string State { get; }

        public string Event { get; }

        public bool IsIgnore { get; }

        /// <summary>The next state's name; the cell's own state for 'stay' and 'ignore'.</summary>
        public string Next { get; }

        public IReadOnlyList<string> Actions { get; }

        public string? Citation { get; }

        public string? Doc { get; }

        /// <summary>The DSL line of the rule that decides this cell.</summary>
        public int Line { get; }

        /// <summary>True when the cell runs its actions without leaving the state (<c>-> stay</c>).</summary>
        public bool IsStay => !IsIgnore && Next == State;

        public string ActionList => string.Join(ActionSeparator, Actions);

        /// <summary>The NEXT column of the text table: the next state, <c>stay</c> or <c>ignore</c>.</summary>
        public string NextColumn => IsIgnore ? "ignore" : IsStay ? "stay" : Next;

        /// <summary>Arrow form for tables: <c>→ ESTABLISHED: ACCEPT-ACK, SIGNAL-OPEN</c>, <c>stay: SEND-ACK</c>, <c>ignore</c>.</summary>
        public string Summary
        {
            get
            {
                if (IsIgnore)
                {
                    return "ignore";
                }

                string head = IsStay ? "stay" : "→ " + Next;
                return Actions.Count == 0 ? head : head + ": " + ActionList;
            }
        }

        /// <summary>The DSL's own form: <c>-> ESTABLISHED do ACCEPT-ACK</c>, <c>-> stay do SEND-ACK</c>, <c>ignore</c>.</summary>
        public string DslForm
        {
            get
            {
                if (IsIgnore)
                {
                    return "ignore";
                }

                string head = "-> " + (IsStay ? "stay" : Next);
                return Actions.Count == 0 ? head : head + " do " + ActionList;
            }
        }

        public static CellView From(MachineModel model, Cell cell)
        {
            var actions = new string[cell.Actions.Count];
            for (int i = 0; i < actions.Length; i++)
            {
                actions[i] = model.Actions[cell.Actions[i]].Name;
            }

            return new CellView(
                model.States[cell.State].Name,
                model.Events[cell.Event].Name,
                cell.IsIgnore,
                model.States[cell.Next].Name,
                actions,
                cell.Citation,
                cell.Doc,
                cell.RuleLine);
        }

        /// <summary>
        /// True when both cells make the machine do the same thing: same ignore-ness, next state and actions
        /// in the same order. Citations, docs and lines are documentation, not behaviour.
        /// </summary>
        public bool BehavesLike(CellView other)
        {
            if (IsIgnore != other.IsIgnore || Next != other.Next || Actions.Count != other.Actions.Count)
            {
                return false;
            }

            for (int i = 0; i < Actions.Count; i++)
            {
                if (Actions[i] != other.Actions[i])
                {
                    return false;
                }
            }

            return true;
        }
    }
}
