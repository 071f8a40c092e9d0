using System;
using System.Collections.Generic;
using System.Linq;
using System.Reflection;
using System.Threading.Tasks;
using TcpGen.Runtime.Engine;
using Xunit;

namespace TcpGen.Runtime.Tests.Engine
{
    /// <summary>
    /// Each RFC state has one test class (smoltcp style). This runs every fact of each class with a recorder on the
    /// harness and checks that the class drives its state through every DSL event: a cell nobody scripts is a cell
    /// nobody checks.
    /// </summary>
    public sealed class StateTestCoverageTest
    {
        /// <summary>Each per-state class and the machine states it owns (SYN-RECEIVED is two machine states, MUST-11).</summary>
        public static TheoryData<string> Classes => new(StateClasses.Keys);

        private static readonly Dictionary<string, TcpState[]> StateClasses = new()
        {
            [nameof(ClosedTest)] = [TcpState.Closed],
            [nameof(ListenTest)] = [TcpState.Listen],
            [nameof(SynSentTest)] = [TcpState.SynSent],
            [nameof(SynReceivedTest)] = [TcpState.SynReceivedPassive, TcpState.SynReceivedActive],
            [nameof(EstablishedTest)] = [TcpState.Established],
            [nameof(FinWait1Test)] = [TcpState.FinWait1],
            [nameof(FinWait2Test)] = [TcpState.FinWait2],
            [nameof(CloseWaitTest)] = [TcpState.CloseWait],
            [nameof(ClosingTest)] = [TcpState.Closing],
            [nameof(LastAckTest)] = [TcpState.LastAck],
            [nameof(TimeWaitTest)] = [TcpState.TimeWait],
        };

        [Theory]
        [MemberData(nameof(Classes))]
        public async Task PerStateClassShouldDriveItsStateThroughEveryEvent(string className)
        {
            Type type = typeof(StateTestCoverageTest).Assembly.GetType(typeof(StateTestCoverageTest).Namespace + "." + className)!;
            var cells = new HashSet<(TcpState State, TcpEvent Event)>();
            EngineHarness.CellRecorder.Value = cells;
            try
            {
                foreach (MethodInfo method in type.GetMethods().Where(m => m.GetCustomAttribute<FactAttribute>() is { Skip: null } && m.GetParameters().Length == 0))
                {
                    object instance = Activator.CreateInstance(type)!;
                    try
                    {
                        if (method.Invoke(instance, null) is Task task)
                        {
                            await task;
                        }
                    }
                    finally
                    {
                        (instance as IDisposable)?.Dispose();
                    }
                }
            }
            finally
            {
                EngineHarness.CellRecorder.Value = null;
            }

            var missing = new List<string>();
            foreach (TcpState state in StateClasses[className])
            {
                foreach (TcpEvent evt in Enum.GetValues<TcpEvent>())
                {
                    if (!cells.Contains((state, evt)))
                    {
                        missing.Add($"{TcpTransitions.StateName(state)} × {TcpTransitions.EventName(evt)}");
                    }
                }
            }

            Assert.True(missing.Count == 0, $"{className} never drives: {string.Join(", ", missing)}");
        }
    }
}
