using System;
using System.Collections.Generic;
using System.Linq;
using System.Text.RegularExpressions;
using System.Xml.Linq;
using TcpGen.Spec;
using TcpGen.Spec.Model;
using Xunit;

namespace TcpGen.Tests.Cli
{
    public class GraphCommandTest
    {
        /// <summary>An edge line of the DOT output: "FROM" -> "TO" [label="..."];</summary>
        private static readonly Regex DotEdge = new("^  \"(?<from>[^\"]+)\" -> \"(?<to>[^\"]+)\"(?: \\[label=\"(?<label>(?:[^\"\\\\]|\\\\.)*)\"\\])?;$", RegexOptions.Multiline);

        /// <summary>A transition line of the Mermaid output: FROM --> TO : LABEL</summary>
        private static readonly Regex MermaidEdge = new("^    (?<from>\\S+) --> (?<to>\\S+)(?: : (?<label>.*))?$", RegexOptions.Multiline);

        private static MachineModel RealModel => SpecCompiler.Compile(RepositoryPaths.Dsl, RepositoryPaths.ReadDsl()).Model!;

        [Fact]
        public void DotShouldBeTheDefaultFormat()
        {
            CliResult byDefault = CliRunner.Run("graph", RepositoryPaths.Dsl);

            Assert.Equal(0, byDefault.ExitCode);
            Assert.Equal(CliRunner.Run("graph", RepositoryPaths.Dsl, "--format", "dot").Out, byDefault.Out);
            Assert.StartsWith("digraph \"Tcp\" {", byDefault.Out, StringComparison.Ordinal);
        }

        [Fact]
        public void DotOfTheRealSpecShouldRenderWithGraphvizAndShowEveryState()
        {
            MachineModel model = RealModel;
            string dot = CliRunner.Run("graph", RepositoryPaths.Dsl, "--format", "dot").Out;

            IReadOnlyCollection<string> texts = SvgTexts(RenderSvg(dot));

            foreach (StateInfo state in model.States)
            {
                Assert.Contains(state.Name, texts);
            }
        }

        [Fact]
        public void DotOfASmallMachineShouldRenderWithGraphviz()
        {
            using var folder = new TempFolder();
            string path = folder.Write("door.dsl", DoorDsl.Text);

            IReadOnlyCollection<string> texts = SvgTexts(RenderSvg(CliRunner.Run("graph", path).Out));

            Assert.Contains("SHUT", texts);
            Assert.Contains("AJAR", texts);
            Assert.Contains("(OPEN)", texts);
            Assert.Contains("PULL", texts);
        }

        [Fact]
        public void DotShouldDrawEveryStateChangeOnceAndNoStayOrIgnoreCell()
        {
            MachineModel model = RealModel;
            string dot = CliRunner.Run("graph", RepositoryPaths.Dsl).Out;

            var labels = new Dictionary<(string From, string To), string>();
            foreach (Match edge in DotEdge.Matches(dot))
            {
                if (edge.Groups["label"].Success)
                {
                    // One edge per ordered pair: parallel transitions are merged into one label.
                    labels.Add((edge.Groups["from"].Value, edge.Groups["to"].Value), edge.Groups["label"].Value);
                }
            }

            Assert.DoesNotContain(labels.Keys, pair => pair.From == pair.To);
            var expectedPairs = new HashSet<(string, string)>();
            foreach (Cell cell in model.Cells)
            {
                if (cell.IsIgnore || cell.Next == cell.State)
                {
                    continue;
                }

                var pair = (model.States[cell.State].Name, model.States[cell.Next].Name);
                expectedPairs.Add(pair);
                string[] lines = labels[pair].Split("\\n");
                string actions = string.Join(", ", cell.Actions.Select(a => model.Actions[a].Name));
                string evt = model.Events[cell.Event].Name;
                Assert.Contains(lines, line => line.Split(" / ")[0].Split(", ").Contains(evt)
                    && (line.Contains(" / ", StringComparison.Ordinal) ? line.Split(" / ")[1] : string.Empty) == actions);
            }

            Assert.Equal(expectedPairs.Count, labels.Count);
        }

        [Fact]
        public void DotShouldPointAStartMarkAtTheInitialState()
        {
            using var folder = new TempFolder();
            string path = folder.Write("door.dsl", DoorDsl.Text);

            string dot = CliRunner.Run("graph", path).Out;

            Match start = Assert.Single(DotEdge.Matches(dot), m => !m.Groups["label"].Success);
            Assert.Equal("(start)", start.Groups["from"].Value);
            Assert.Equal("SHUT", start.Groups["to"].Value);
            Assert.Contains("\"SHUT\" [label=\"SHUT\", style=\"rounded,bold\"];", dot, StringComparison.Ordinal);
        }

        [Fact]
        public void DotShouldMergeEventsThatRunTheSameActions()
        {
            using var folder = new TempFolder();

            // PUSH and IDLE now both slam an open door shut with BANG.
            string path = folder.Write("door.dsl", DoorDsl.Text.Replace("in OPEN on PUSH -> SHUT do LATCH", "in OPEN on PUSH -> SHUT do BANG"));

            string dot = CliRunner.Run("graph", path).Out;

            Assert.Contains("\"OPEN\" -> \"SHUT\" [label=\"IDLE, PUSH / BANG\"];", dot, StringComparison.Ordinal);
            Assert.Contains("\"AJAR\" -> \"SHUT\" [label=\"IDLE / BANG\\nPUSH / BANG, LATCH\"];", dot, StringComparison.Ordinal);
        }

        [Fact]
        public void MermaidShouldDeclareEveryStateAndDrawEveryStateChange()
        {
            MachineModel model = RealModel;

            CliResult result = CliRunner.Run("graph", RepositoryPaths.Dsl, "--format", "mermaid");

            Assert.Equal(0, result.ExitCode);
            Assert.StartsWith("stateDiagram-v2\n", result.Out, StringComparison.Ordinal);
            foreach (StateInfo state in model.States)
            {
                Assert.Contains($"    state \"{state.Name}", result.Out, StringComparison.Ordinal);
                Assert.Contains($"\" as {state.CSharpName}\n", result.Out, StringComparison.Ordinal);
            }

            Assert.Contains("    [*] --> " + model.States[model.InitialState].CSharpName + "\n", result.Out, StringComparison.Ordinal);
            var edges = MermaidEdge.Matches(result.Out).Where(m => m.Groups["from"].Value != "[*]")
                .Select(m => (m.Groups["from"].Value, m.Groups["to"].Value)).ToList();
            Assert.Equal(edges.Count, edges.Distinct().Count());
            foreach (Cell cell in model.Cells)
            {
                if (!cell.IsIgnore && cell.Next != cell.State)
                {
                    Assert.Contains((model.States[cell.State].CSharpName, model.States[cell.Next].CSharpName), edges);
                }
            }
        }

        [Fact]
        public void MermaidShouldJoinMergedLabelLinesWithBreaks()
        {
            using var folder = new TempFolder();
            string path = folder.Write("door.dsl", DoorDsl.Text);

            string mermaid = CliRunner.Run("graph", path, "--format", "mermaid").Out;

            Assert.Contains("    state \"AJAR (OPEN)\" as Ajar\n", mermaid, StringComparison.Ordinal);
            Assert.Contains("    Ajar --> Shut : IDLE / BANG<br/>PUSH / BANG, LATCH\n", mermaid, StringComparison.Ordinal);
            Assert.DoesNotContain("Ajar --> Ajar", mermaid, StringComparison.Ordinal);
        }

        [Fact]
        public void DslWithErrorsShouldExitOne()
        {
            using var folder = new TempFolder();
            string path = folder.Write("door.dsl", DoorDsl.Text.Replace("state SHUT initial", "state SHUT"));

            CliResult result = CliRunner.Run("graph", path);

            Assert.Equal(1, result.ExitCode);
            Assert.Equal(string.Empty, result.Out);
            Assert.Contains(result.ErrorLines, l => l.Contains("error TCPGEN008", StringComparison.Ordinal));
        }

        /// <summary>The text elements of an SVG, entities decoded (Graphviz writes '-' as &amp;#45;).</summary>
        private static IReadOnlyCollection<string> SvgTexts(string svg)
        {
            XNamespace ns = "http://www.w3.org/2000/svg";
            return XDocument.Parse(svg).Descendants(ns + "text").Select(t => t.Value).ToList();
        }

        /// <summary>Runs Graphviz on the DOT text and returns the SVG; fails when Graphviz is missing (CI installs it).</summary>
        private static string RenderSvg(string dot)
        {
            CliResult? svg = ProcessRunner.TryRun("dot", new[] { "-Tsvg" }, Environment.CurrentDirectory, dot);
            Assert.True(svg is not null, "Graphviz 'dot' is not installed: install graphviz (apt-get install graphviz) to run this test.");
            Assert.True(svg!.ExitCode == 0, "dot -Tsvg failed: " + svg.Error);
            Assert.Contains("<svg", svg.Out, StringComparison.Ordinal);
            return svg.Out;
        }
    }
}
