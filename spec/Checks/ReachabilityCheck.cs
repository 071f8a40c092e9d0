using System;
using System.Collections.Generic;
using TcpGen.Spec.Diagnostics;
using TcpGen.Spec.Model;

namespace TcpGen.Spec.Checks
{
    /// <summary>
    /// Graph checks over a complete table: every state is reachable from the initial state (TCPGEN009),
    /// and the initial state (CLOSED) is reachable again from every state (TCPGEN010), so no connection
    /// can be stuck forever.
    /// </summary>
    public static class ReachabilityCheck
    {
        public static void Run(MachineModel model, List<SpecDiagnostic> diagnostics, Func<int, SourceLocation> stateLocation)
        {
            int stateCount = model.States.Count;
            var forward = new List<int>[stateCount];
            var backward = new List<int>[stateCount];
            for (int i = 0; i < stateCount; i++)
            {
                forward[i] = new List<int>();
                backward[i] = new List<int>();
            }

            foreach (Cell cell in model.Cells)
            {
                if (!cell.IsIgnore && cell.Next != cell.State)
                {
                    forward[cell.State].Add(cell.Next);
                    backward[cell.Next].Add(cell.State);
                }
            }

            bool[] reachable = Search(model.InitialState, forward);
            bool[] canReturn = Search(model.InitialState, backward);
            string initialName = model.States[model.InitialState].Name;
            for (int state = 0; state < stateCount; state++)
            {
                if (!reachable[state])
                {
                    diagnostics.Add(SpecDiagnostic.Create(DiagnosticCatalogue.UnreachableState, stateLocation(state), model.States[state].Name, initialName));
                }
                else if (!canReturn[state])
                {
                    diagnostics.Add(SpecDiagnostic.Create(DiagnosticCatalogue.NoWayBack, stateLocation(state), model.States[state].Name, initialName));
                }
            }
        }

        private static bool[] Search(int start, List<int>[] edges)
        {
            var seen = new bool[edges.Length];
            var pending = new Stack<int>();
            seen[start] = true;
            pending.Push(start);
            while (pending.Count > 0)
            {
                foreach (int next in edges[pending.Pop()])
                {
                    if (!seen[next])
                    {
                        seen[next] = true;
                        pending.Push(next);
                    }
                }
            }

            return seen;
        }
    }
}
