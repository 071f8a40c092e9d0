using System;
using System.Collections.Generic;
using System.Linq;
using System.Text.Json;
using TcpGen.Spec;
using TcpGen.Spec.Model;
using Xunit;

namespace TcpGen.Tests.Cli
{
    public class TableCommandTest
    {
        private static MachineModel RealModel => SpecCompiler.Compile(RepositoryPaths.Dsl, RepositoryPaths.ReadDsl()).Model!;

        [Fact]
        public void TextShouldBeTheDefaultFormat()
        {
            CliResult byDefault = CliRunner.Run("table", RepositoryPaths.Dsl);
            CliResult explicitText = CliRunner.Run("table", RepositoryPaths.Dsl, "--format", "text");

            Assert.Equal(0, byDefault.ExitCode);
            Assert.Equal(explicitText.Out, byDefault.Out);
        }

        [Fact]
        public void TextShouldPrintOneAlignedLinePerCell()
        {
            MachineModel model = RealModel;

            CliResult result = CliRunner.Run("table", RepositoryPaths.Dsl, "--format", "text");

            Assert.Equal(0, result.ExitCode);
            string[] lines = result.Out.Split('\n', StringSplitOptions.RemoveEmptyEntries);

            // Title, column header, then one line per cell.
            Assert.Equal(2 + model.Cells.Count, lines.Length);
            int eventColumn = lines[1].IndexOf("EVENT", StringComparison.Ordinal);
            int nextColumn = lines[1].IndexOf("NEXT", StringComparison.Ordinal);
            for (int i = 0; i < model.Cells.Count; i++)
            {
                Cell cell = model.Cells[i];
                string line = lines[2 + i];
                Assert.StartsWith(model.States[cell.State].Name + " ", line, StringComparison.Ordinal);
                Assert.Equal(model.Events[cell.Event].Name, line.Substring(eventColumn).Split(' ')[0]);
                string next = cell.IsIgnore ? "ignore" : cell.Next == cell.State ? "stay" : model.States[cell.Next].Name;
                Assert.Equal(next, line.Substring(nextColumn).Split(' ')[0]);
                Assert.Equal(line.TrimEnd(), line);
            }
        }

        [Fact]
        public void TextShouldShowActionsAndCitations()
        {
            using var folder = new TempFolder();
            string path = folder.Write("door.dsl", DoorDsl.Text);

            string[] lines = CliRunner.Run("table", path).Out.Split('\n');

            Assert.Contains(lines, l => l.StartsWith("SHUT", StringComparison.Ordinal) && l.Contains(" PUSH ", StringComparison.Ordinal)
                && l.Contains(" OPEN ", StringComparison.Ordinal) && l.EndsWith("CREAK  [Door manual §1, \"push\"]", StringComparison.Ordinal));
            Assert.Contains(lines, l => l.StartsWith("AJAR", StringComparison.Ordinal) && l.Contains(" GUST ", StringComparison.Ordinal)
                && l.Contains(" stay ", StringComparison.Ordinal) && l.EndsWith("CREAK", StringComparison.Ordinal));
            Assert.Contains(lines, l => l.StartsWith("AJAR", StringComparison.Ordinal) && l.Contains(" PULL ", StringComparison.Ordinal)
                && l.EndsWith("ignore", StringComparison.Ordinal));
        }

        [Fact]
        public void MarkdownShouldHaveOneRowPerStateAndOneColumnPerEvent()
        {
            MachineModel model = RealModel;

            CliResult result = CliRunner.Run("table", RepositoryPaths.Dsl, "--format", "markdown");

            Assert.Equal(0, result.ExitCode);
            List<string[]> rows = MarkdownRows(result.Out);
            Assert.Equal(model.States.Count + 2, rows.Count);
            Assert.All(rows, row => Assert.Equal(model.Events.Count + 1, row.Length));
            for (int s = 0; s < model.States.Count; s++)
            {
                Assert.StartsWith("**" + model.States[s].Name + "**", rows[2 + s][0], StringComparison.Ordinal);
                if (model.States[s].DisplayName != model.States[s].Name)
                {
                    Assert.Contains("(RFC " + model.States[s].DisplayName + ")", rows[2 + s][0], StringComparison.Ordinal);
                }
            }

            Assert.Contains("*initial*", rows[2 + model.InitialState][0], StringComparison.Ordinal);
        }

        [Fact]
        public void MarkdownCellsShouldReadNextStateActionsAndRule()
        {
            using var folder = new TempFolder();
            string path = folder.Write("door.dsl", DoorDsl.Text);
            MachineModel model = SpecCompiler.Compile(path, DoorDsl.Text).Model!;

            string markdown = CliRunner.Run("table", path, "--format", "markdown").Out;

            List<string[]> rows = MarkdownRows(markdown);
            string[] header = rows[0];
            string[] shut = rows[2];
            string[] ajar = rows[4];
            Assert.StartsWith("→ OPEN: CREAK [^L", shut[Array.IndexOf(header, "PUSH (user)")], StringComparison.Ordinal);
            Assert.StartsWith("ignore [^L", shut[Array.IndexOf(header, "PULL (user)")], StringComparison.Ordinal);
            Assert.StartsWith("stay: CREAK [^L", ajar[Array.IndexOf(header, "GUST (segment)")], StringComparison.Ordinal);
            Assert.StartsWith("→ SHUT: BANG, LATCH [^L", ajar[Array.IndexOf(header, "PUSH (user)")], StringComparison.Ordinal);
            Assert.Contains("(RFC OPEN)", ajar[0], StringComparison.Ordinal);

            // Every referenced rule has a footnote that carries its citation.
            int pushLine = model.CellAt(model.FindState("SHUT"), model.FindEvent("PUSH")).RuleLine;
            Assert.Contains($"[^L{pushLine}]: Rule at line {pushLine}, Door manual §1, \"push\": Pushing a shut door opens it.", markdown, StringComparison.Ordinal);
            foreach (Cell cell in model.Cells)
            {
                Assert.Contains($"\n[^L{cell.RuleLine}]: Rule at line {cell.RuleLine}", markdown, StringComparison.Ordinal);
            }
        }

        [Fact]
        public void MarkdownColumnsShouldBeGroupedByKind()
        {
            using var folder = new TempFolder();
            string path = folder.Write("door.dsl", DoorDsl.Text);

            string[] header = MarkdownRows(CliRunner.Run("table", path, "--format", "markdown").Out)[0];

            // Door declares timer, user, segment, user; the table shows user, user, segment, timer.
            Assert.Equal(new[] { "State", "PUSH (user)", "PULL (user)", "GUST (segment)", "IDLE (timer)" }, header);
        }

        [Fact]
        public void MarkdownShouldNotDependOnTheFilePathOrTheRun()
        {
            using var folder = new TempFolder();
            string copy = folder.Write("copy-of-spec.dsl", RepositoryPaths.ReadDsl());

            string first = CliRunner.Run("table", RepositoryPaths.Dsl, "--format", "markdown").Out;
            string second = CliRunner.Run("table", RepositoryPaths.Dsl, "--format", "markdown").Out;
            string fromCopy = CliRunner.Run("table", copy, "--format", "markdown").Out;

            Assert.Equal(first, second);
            Assert.Equal(first, fromCopy);
            Assert.DoesNotContain("\r", first, StringComparison.Ordinal);
        }

        [Fact]
        public void CsvShouldHaveOneRfc4180RecordPerCell()
        {
            using var folder = new TempFolder();
            string path = folder.Write("door.dsl", DoorDsl.Text);
            MachineModel model = SpecCompiler.Compile(path, DoorDsl.Text).Model!;

            CliResult result = CliRunner.Run("table", path, "--format", "csv");

            Assert.Equal(0, result.ExitCode);
            List<List<string>> records = CsvRecords.Parse(result.Out);
            Assert.Equal(new[] { "state", "event", "kind", "next", "actions", "ignore", "citation", "line" }, records[0]);
            Assert.Equal(model.Cells.Count + 1, records.Count);
            Assert.All(records, r => Assert.Equal(8, r.Count));
            for (int i = 0; i < model.Cells.Count; i++)
            {
                Cell cell = model.Cells[i];
                List<string> record = records[i + 1];
                Assert.Equal(model.States[cell.State].Name, record[0]);
                Assert.Equal(model.Events[cell.Event].Name, record[1]);
                Assert.Equal(model.States[cell.Next].Name, record[3]);
                Assert.Equal(string.Join(" ", cell.Actions.Select(a => model.Actions[a].Name)), record[4]);
                Assert.Equal(cell.IsIgnore ? "true" : "false", record[5]);
                Assert.Equal(cell.Citation ?? string.Empty, record[6]);
                Assert.Equal(cell.RuleLine.ToString(System.Globalization.CultureInfo.InvariantCulture), record[7]);
            }

            // The citation holds a comma and quotes, so it must come back intact through RFC 4180 quoting.
            Assert.Contains(records, r => r[6] == "Door manual §1, \"push\"");
            Assert.Contains(records, r => r[0] == "SHUT" && r[1] == "IDLE" && r[2] == "timer");
        }

        [Fact]
        public void CsvOfTheRealSpecShouldParseBack()
        {
            MachineModel model = RealModel;

            List<List<string>> records = CsvRecords.Parse(CliRunner.Run("table", RepositoryPaths.Dsl, "--format", "csv").Out);

            Assert.Equal(model.Cells.Count + 1, records.Count);
            Assert.All(records, r => Assert.Equal(8, r.Count));
        }

        [Fact]
        public void JsonShouldHoldTheWholeModel()
        {
            MachineModel model = RealModel;

            CliResult result = CliRunner.Run("table", RepositoryPaths.Dsl, "--format", "json");

            Assert.Equal(0, result.ExitCode);
            using JsonDocument json = JsonDocument.Parse(result.Out);
            JsonElement root = json.RootElement;
            Assert.Equal(model.Name, root.GetProperty("machine").GetString());
            Assert.Equal(model.States[model.InitialState].Name, root.GetProperty("initialState").GetString());
            Assert.Equal(model.States.Count, root.GetProperty("states").GetArrayLength());
            Assert.Equal(model.Events.Count, root.GetProperty("events").GetArrayLength());
            Assert.Equal(model.Actions.Count, root.GetProperty("actions").GetArrayLength());
            Assert.Equal(model.Cells.Count, root.GetProperty("cells").GetArrayLength());

            int i = 0;
            foreach (JsonElement cell in root.GetProperty("cells").EnumerateArray())
            {
                Cell expected = model.Cells[i++];
                Assert.Equal(model.States[expected.State].Name, cell.GetProperty("state").GetString());
                Assert.Equal(model.Events[expected.Event].Name, cell.GetProperty("event").GetString());
                Assert.Equal(expected.IsIgnore, cell.GetProperty("ignore").GetBoolean());
                Assert.Equal(model.States[expected.Next].Name, cell.GetProperty("next").GetString());
                Assert.Equal(
                    expected.Actions.Select(a => model.Actions[a].Name),
                    cell.GetProperty("actions").EnumerateArray().Select(a => a.GetString()));
                Assert.Equal(expected.Citation, cell.GetProperty("citation").GetString());
                Assert.Equal(expected.RuleLine, cell.GetProperty("line").GetInt32());
            }

            int s = 0;
            foreach (JsonElement state in root.GetProperty("states").EnumerateArray())
            {
                Assert.Equal(model.States[s].DisplayName, state.GetProperty("rfcName").GetString());
                Assert.Equal(s == model.InitialState, state.GetProperty("initial").GetBoolean());
                s++;
            }

            Assert.All(
                root.GetProperty("events").EnumerateArray(),
                e => Assert.Contains(e.GetProperty("kind").GetString(), new[] { "user", "segment", "timer", "other" }));
        }

        [Fact]
        public void JsonEventKindsShouldMatchTheDsl()
        {
            using var folder = new TempFolder();
            string path = folder.Write("door.dsl", DoorDsl.Text);

            using JsonDocument json = JsonDocument.Parse(CliRunner.Run("table", path, "--format", "json").Out);

            var kinds = json.RootElement.GetProperty("events").EnumerateArray()
                .ToDictionary(e => e.GetProperty("name").GetString()!, e => e.GetProperty("kind").GetString());
            Assert.Equal("timer", kinds["IDLE"]);
            Assert.Equal("user", kinds["PUSH"]);
            Assert.Equal("segment", kinds["GUST"]);
            Assert.Equal("user", kinds["PULL"]);
        }

        [Theory]
        [InlineData("text")]
        [InlineData("markdown")]
        [InlineData("csv")]
        [InlineData("json")]
        public void DslWithErrorsShouldPrintDiagnosticsAndExitOne(string format)
        {
            using var folder = new TempFolder();
            string path = folder.Write("door.dsl", DoorDsl.Text.Replace("-> AJAR", "-> NOWHERE"));

            CliResult result = CliRunner.Run("table", path, "--format", format);

            Assert.Equal(1, result.ExitCode);
            Assert.Equal(string.Empty, result.Out);
            Assert.Contains(result.ErrorLines, l => l.Contains("error TCPGEN002", StringComparison.Ordinal) && l.Contains("NOWHERE", StringComparison.Ordinal));
        }

        /// <summary>The cells of every Markdown table line, trimmed (the separator row included).</summary>
        private static List<string[]> MarkdownRows(string markdown)
        {
            var rows = new List<string[]>();
            foreach (string line in markdown.Split('\n'))
            {
                if (line.StartsWith("|", StringComparison.Ordinal))
                {
                    string[] cells = line.Trim().Trim('|').Split(" | ");
                    rows.Add(cells.Select(c => c.Trim()).ToArray());
                }
            }

            return rows;
        }
    }
}
