using System.Text;
using TcpGen.Spec.Model;

namespace TcpGen.Cli.Rendering
{
    /// <summary>
    /// A Mermaid <c>stateDiagram-v2</c> with the same content as <see cref="DotGraphRenderer"/>:
    /// states keyed by their C# name (Mermaid ids cannot hold '-'), shown with their DSL name,
    /// <c>[*]</c> pointing at the initial state, merged edges with label lines joined by <c>&lt;br/&gt;</c>.
    /// </summary>
    public static class MermaidGraphRenderer
    {
        public static string Render(MachineModel model)
        {
            var text = new StringBuilder();
            text.Append("stateDiagram-v2\n");
            text.Append("    %% tcpgen graph: state changes only; 'stay' and 'ignore' cells are in `tcpgen table`.\n");
            foreach (StateInfo state in model.States)
            {
                string label = state.DisplayName == state.Name ? state.Name : state.Name + " (" + state.DisplayName + ")";
                text.Append("    state \"").Append(Clean(label)).Append("\" as ").Append(state.CSharpName).Append('\n');
            }

            text.Append("    [*] --> ").Append(model.States[model.InitialState].CSharpName).Append('\n');
            foreach (GraphEdge edge in GraphEdges.Collect(model))
            {
                text.Append("    ").Append(model.States[edge.From].CSharpName)
                    .Append(" --> ").Append(model.States[edge.To].CSharpName)
                    .Append(" : ").Append(Clean(string.Join("<br/>", edge.LabelLines))).Append('\n');
            }

            return text.ToString();
        }

        /// <summary>Drops characters that end a Mermaid statement or a quoted label early.</summary>
        private static string Clean(string text) =>
            text.Replace("\"", "'").Replace(";", ",").Replace("\n", " ").Replace("\r", string.Empty);
    }
}
