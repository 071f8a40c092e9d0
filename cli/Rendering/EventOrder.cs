using System.Collections.Generic;
using TcpGen.Spec.Model;
using TcpGen.Spec.Syntax;

namespace TcpGen.Cli.Rendering
{
    /// <summary>Orders event columns by kind (user calls, segment arrivals, timers, others), keeping DSL order within a kind.</summary>
    public static class EventOrder
    {
        /// <summary>The kinds in column order: what the user does, what the network does, what time does.</summary>
        private static readonly EventKind[] KindOrder = { EventKind.User, EventKind.Segment, EventKind.Timer, EventKind.Other };

        public static IReadOnlyList<int> ByKind(MachineModel model)
        {
            var order = new List<int>(model.Events.Count);
            foreach (EventKind kind in KindOrder)
            {
                for (int e = 0; e < model.Events.Count; e++)
                {
                    if (model.Events[e].Kind == kind)
                    {
                        order.Add(e);
                    }
                }
            }

            return order;
        }

        /// <summary>The DSL keyword of a kind (<c>user</c>, <c>segment</c>, <c>timer</c>), or <c>other</c> for an unqualified event.</summary>
        public static string KindName(EventKind kind) => kind switch
        {
            EventKind.User => "user",
            EventKind.Segment => "segment",
            EventKind.Timer => "timer",
            _ => "other",
        };
    }
}
