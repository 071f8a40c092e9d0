using TcpGen.Runtime;

namespace TcpGen.Bench.Transitions
{
    /// <summary>One (state, event) cell where an implementation does not return what the generated table holds.</summary>
    public readonly record struct CellDisagreement(string Implementation, TcpState State, TcpEvent Event, TcpTransition Expected, TcpTransition Actual)
    {
        /// <summary>A line that names the cell and both transitions in DSL terms, e.g. for updating the hand-written switch.</summary>
        public override string ToString() =>
            $"{Implementation}: [{TcpTransitions.StateName(State)}, {TcpTransitions.EventName(Event)}] table {Describe(Expected)}, {Implementation} {Describe(Actual)}";

        /// <summary>"-> NEXT do A, B" or "ignore"-style text for one packed transition.</summary>
        public static string Describe(TcpTransition transition)
        {
            var text = new System.Text.StringBuilder("-> ").Append(TcpTransitions.StateName(transition.Next));
            string separator = " do ";
            foreach (TcpAction action in transition)
            {
                text.Append(separator).Append(TcpTransitions.ActionName(action));
                separator = ", ";
            }

            return text.ToString();
        }
    }
}
