using System.Collections.Generic;
using System.Text;
using TcpGen.Spec.Model;

namespace TcpGen.Cli.Rendering
{
    /// <summary>
    /// A Graphviz DOT digraph: one node per state (RFC name under the machine name when they differ),
    /// a start point pointing at the initial state, and one edge per (from, to) pair carrying every
    /// event that makes that change. Stay and ignore cells are not drawn (see <see cref="GraphEdges"/>).
    /// </summary>
    public static class DotGraphRenderer
    {
        /// <summary>The start point's node id; parentheses cannot occur in DSL names, so it never collides with a state.</summary>
        private const string StartNode = "(start)";

        public static string Render(MachineModel model)
        {
            var text = new StringBuilder();
            text.Append("digraph ").Append(Quote(model.Name)).Append(" {\n");
            text.Append("  // tcpgen graph: state changes only; 'stay' and 'ignore' cells are in `tcpgen table`.\n");
            text.Append("  node [shape=box, style=rounded, fontname=\"Helvetica\"];\n");
            text.Append("  edge [fontname=\"Helvetica\", fontsize=10];\n");
            text.Append("  ").Append(Quote(StartNode)).Append(" [shape=point, width=0.15, label=\"\"];\n");

            for (int s = 0; s < model.States.Count; s++)
            {
                StateInfo state = model.States[s];
                string label = state.DisplayName == state.Name ? state.Name : state.Name + "\n(" + state.DisplayName + ")";
                text.Append("  ").Append(Quote(state.Name)).Append(" [label=").Append(Quote(label));
                if (s == model.InitialState)
                {
                    text.Append(", style=\"rounded,bold\"");
                }

                text.Append("];\n");
            }

            text.Append("  ").Append(Quote(StartNode)).Append(" -> ").Append(Quote(model.States[model.InitialState].Name)).Append(";\n");
            foreach (GraphEdge edge in GraphEdges.Collect(model))
            {
                text.Append("  ").Append(Quote(model.States[edge.From].Name))
                    .Append(" -> ").Append(Quote(model.States[edge.To].Name))
                    .Append(" [label=").Append(Quote(JoinLines(edge.LabelLines))).Append("];\n");
            }

            text.Append("}\n");
            return text.ToString();
        }

        private static string JoinLines(IReadOnlyList<string> lines) => string.Join("\n", lines);

        /// <summary>A DOT double-quoted string: quotes and backslashes escaped, line breaks as DOT's <c>\n</c> (centred line).</summary>
        private static string Quote(string text)
        {
            var quoted = new StringBuilder(text.Length + 2);
            quoted.Append('"');
            foreach (char c in text)
            {
                switch (c)
                {
                    case '"':
                        quoted.Append("\\\"");
                        break;
                    case '\\':
                        quoted.Append("\\\\");
                        break;
                    case '\n':
                        quoted.Append("\\n");
                        break;
                    case '\r':
                        break;
                    default:
                        quoted.Append(c);
                        break;
                }
            }

            return quoted.Append('"').ToString();
        }
    }
}
