using System.IO;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using TcpGen.Spec.Model;

namespace TcpGen.Cli.Rendering
{
    /// <summary>
    /// The whole model as JSON for other tools: machine name, initial state, states, events, actions and
    /// every cell (row-major, names rather than indices so the file reads on its own).
    /// </summary>
    public static class JsonTableRenderer
    {
        public static string Render(MachineModel model)
        {
            var options = new JsonWriterOptions
            {
                Indented = true,

                // Keeps '§' and '<SEQ=...>' readable; the output is data, never embedded in HTML.
                Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
                NewLine = "\n",
            };

            using var stream = new MemoryStream();
            using (var json = new Utf8JsonWriter(stream, options))
            {
                json.WriteStartObject();
                json.WriteString("machine", model.Name);
                json.WriteString("initialState", model.States[model.InitialState].Name);

                json.WriteStartArray("states");
                foreach (StateInfo state in model.States)
                {
                    json.WriteStartObject();
                    json.WriteString("name", state.Name);
                    json.WriteString("rfcName", state.DisplayName);
                    json.WriteBoolean("initial", state.IsInitial);
                    json.WriteString("doc", state.Doc);
                    json.WriteNumber("line", state.Line);
                    json.WriteEndObject();
                }

                json.WriteEndArray();

                json.WriteStartArray("events");
                foreach (EventInfo evt in model.Events)
                {
                    json.WriteStartObject();
                    json.WriteString("name", evt.Name);
                    json.WriteString("kind", EventOrder.KindName(evt.Kind));
                    json.WriteString("doc", evt.Doc);
                    json.WriteNumber("line", evt.Line);
                    json.WriteEndObject();
                }

                json.WriteEndArray();

                json.WriteStartArray("actions");
                foreach (ActionInfo action in model.Actions)
                {
                    json.WriteStartObject();
                    json.WriteString("name", action.Name);
                    json.WriteString("doc", action.Doc);
                    json.WriteNumber("line", action.Line);
                    json.WriteEndObject();
                }

                json.WriteEndArray();

                json.WriteStartArray("cells");
                foreach (Cell cell in model.Cells)
                {
                    CellView view = CellView.From(model, cell);
                    json.WriteStartObject();
                    json.WriteString("state", view.State);
                    json.WriteString("event", view.Event);
                    json.WriteBoolean("ignore", view.IsIgnore);
                    json.WriteString("next", view.Next);
                    json.WriteStartArray("actions");
                    foreach (string action in view.Actions)
                    {
                        json.WriteStringValue(action);
                    }

                    json.WriteEndArray();
                    json.WriteString("citation", view.Citation);
                    json.WriteString("doc", view.Doc);
                    json.WriteNumber("line", view.Line);
                    json.WriteEndObject();
                }

                json.WriteEndArray();
                json.WriteEndObject();
            }

            return Encoding.UTF8.GetString(stream.ToArray()) + "\n";
        }
    }
}
