using System.Linq;
using System.Text;
using TcpGen.Spec;
using TcpGen.Spec.Diagnostics;
using TcpGen.Spec.Model;
using Xunit;

namespace TcpGen.Tests.Spec
{
    /// <summary>Name resolution, precedence and the semantic checks, one diagnostic id at a time.</summary>
    public class BinderTest
    {
        [Fact]
        public void MinimalMachineShouldCompileCleanly()
        {
            SpecCompilation compilation = SpecText.Compile(SpecText.Minimal);

            Assert.Empty(compilation.Diagnostics);
            MachineModel model = compilation.Model!;
            Cell go = model.CellAt(model.FindState("A"), model.FindEvent("GO"));
            Assert.Equal((model.FindState("B"), false, 7), (go.Next, go.IsIgnore, go.RuleLine));
            Assert.Equal(new[] { model.FindAction("X") }, go.Actions);
            Assert.True(model.CellAt(model.FindState("A"), model.FindEvent("BACK")).IsIgnore);
        }

        [Fact]
        public void ExplicitStateShouldBeatGroupWhichShouldBeatWildcard()
        {
            SpecCompilation compilation = SpecText.Compile("""
                machine M
                state A initial
                state B
                state C
                group AB = A, B
                event E
                event BACK
                action WILD
                action GROUP
                action NAMED
                in * on E -> stay do WILD
                in AB on E -> stay do GROUP
                in A on E -> C do NAMED
                in * on BACK -> A
                in C on BACK -> B
                """);

            MachineModel model = Assert.IsType<MachineModel>(compilation.Model);
            int e = model.FindEvent("E");
            Assert.Equal("NAMED", ActionOf(model, model.CellAt(model.FindState("A"), e)));
            Assert.Equal("GROUP", ActionOf(model, model.CellAt(model.FindState("B"), e)));
            Assert.Equal("WILD", ActionOf(model, model.CellAt(model.FindState("C"), e)));
            Assert.Equal(model.FindState("C"), model.CellAt(model.FindState("A"), e).Next);
        }

        [Fact]
        public void StayShouldKeepTheStateAndRunActionsInOrder()
        {
            SpecCompilation compilation = SpecText.Compile(SpecText.Minimal.Replace("in B on GO ignore", "action Y\naction Z\nin B on GO -> stay do Z, X, Y"));

            MachineModel model = compilation.Model!;
            Cell cell = model.CellAt(model.FindState("B"), model.FindEvent("GO"));
            Assert.Equal(model.FindState("B"), cell.Next);
            Assert.Equal(new[] { "Z", "X", "Y" }, cell.Actions.Select(a => model.Actions[a].Name));
        }

        [Fact]
        public void UnknownStateShouldPointAtTheName()
        {
            SpecDiagnostic error = Assert.Single(SpecText.Diagnostics(SpecText.Minimal.Replace("in B on BACK -> A", "in B on BACK -> AA"), "TCPGEN002"));

            Assert.Equal((9, 17), (error.Location.Line, error.Location.Column));
            Assert.Contains("'AA'", error.Message);
        }

        [Fact]
        public void UnknownGroupMemberShouldBeReported() =>
            Assert.Single(SpecText.Diagnostics(SpecText.Minimal + "\ngroup G = A, Q", "TCPGEN002"));

        [Fact]
        public void UnknownEventShouldBeReported() =>
            Assert.Single(SpecText.Diagnostics(SpecText.Minimal.Replace("in A on BACK ignore", "in A on BACK, BAK ignore"), "TCPGEN003"));

        [Fact]
        public void UnknownActionShouldBeReported() =>
            Assert.Single(SpecText.Diagnostics(SpecText.Minimal.Replace("do X", "do XX"), "TCPGEN004"));

        [Fact]
        public void DuplicateDeclarationShouldNameTheFirstLine()
        {
            SpecDiagnostic error = Assert.Single(SpecText.Diagnostics(SpecText.Minimal + "\nstate B", "TCPGEN005"));

            Assert.Contains("line 3", error.Message);
        }

        [Fact]
        public void TwoRulesAtTheSamePrecedenceShouldBeNondeterministic()
        {
            SpecDiagnostic error = Assert.Single(SpecText.Diagnostics(SpecText.Minimal + "\nin A on GO -> A", "TCPGEN006"));

            Assert.Equal(11, error.Location.Line);
            Assert.Equal("Nondeterministic: state A on event GO is also handled by the rule at line 7 with the same precedence", error.Message);
        }

        [Fact]
        public void OverlappingGroupsShouldBeNondeterministic() =>
            Assert.Single(SpecText.Diagnostics(SpecText.Minimal + "\nevent GO2\ngroup G1 = A, B\ngroup G2 = B\nin G1 on GO2 ignore\nin G2 on GO2 -> stay do X", "TCPGEN006"));

        [Fact]
        public void MissingCellsShouldBeNamedAtTheStateDeclaration()
        {
            SpecDiagnostic error = Assert.Single(SpecText.Diagnostics(SpecText.Minimal.Replace("in B on GO ignore", string.Empty), "TCPGEN007"));

            Assert.Equal((3, 7), (error.Location.Line, error.Location.Column));
            Assert.Equal("Incomplete: state B has no rule for event(s) GO", error.Message);
        }

        [Fact]
        public void NoInitialStateShouldBeReported() =>
            Assert.Single(SpecText.Diagnostics(SpecText.Minimal.Replace("state A initial", "state A"), "TCPGEN008"));

        [Fact]
        public void TwoInitialStatesShouldBeReported() =>
            Assert.Single(SpecText.Diagnostics(SpecText.Minimal.Replace("state B", "state B initial"), "TCPGEN008"));

        [Fact]
        public void UnreachableStateShouldBeReported()
        {
            SpecDiagnostic error = Assert.Single(SpecText.Diagnostics(SpecText.Minimal + "\nstate C\nin C on GO, BACK -> A", "TCPGEN009"));

            Assert.Equal("State C cannot be reached from the initial state A", error.Message);
            Assert.Null(SpecText.Compile(SpecText.Minimal + "\nstate C\nin C on GO, BACK -> A").Model);
        }

        [Fact]
        public void StateWithNoWayBackShouldBeReported()
        {
            SpecDiagnostic error = Assert.Single(SpecText.Diagnostics(SpecText.Minimal.Replace("in B on BACK -> A", "in B on BACK ignore"), "TCPGEN010"));

            Assert.Equal("State B can never return to the initial state A", error.Message);
        }

        [Fact]
        public void UnusedActionShouldBeAWarningThatKeepsTheModel()
        {
            SpecCompilation compilation = SpecText.Compile(SpecText.Minimal + "\naction NOP");

            Assert.NotNull(compilation.Model);
            SpecDiagnostic warning = Assert.Single(compilation.Diagnostics);
            Assert.Equal(("TCPGEN012", Severity.Warning), (warning.Id, warning.Severity));
        }

        [Fact]
        public void UnusedEventShouldBeAWarning()
        {
            // An event no rule mentions also leaves every state incomplete (TCPGEN007); the warning says why.
            SpecDiagnostic warning = Assert.Single(SpecText.Diagnostics(SpecText.Minimal + "\nevent LOST", "TCPGEN011"));

            Assert.Equal(Severity.Warning, warning.Severity);
            Assert.Contains("LOST", warning.Message);
        }

        [Fact]
        public void TooManyActionsShouldBeReported()
        {
            string text = SpecText.Minimal + "\naction A1\naction A2\naction A3\naction A4\naction A5\naction A6\naction A7\n";
            text = text.Replace("in A on GO -> B do X", "in A on GO -> B do X, A1, A2, A3, A4, A5, A6, A7");

            SpecDiagnostic error = Assert.Single(SpecText.Diagnostics(text, "TCPGEN013"));

            Assert.Equal("A rule performs 8 actions; a table entry holds at most 7", error.Message);
        }

        [Fact]
        public void MissingMachineShouldBeReported() =>
            Assert.Single(SpecText.Diagnostics(SpecText.Minimal.Replace("machine M", string.Empty), "TCPGEN014"));

        [Fact]
        public void NamesThatCollideInCSharpShouldBeReported()
        {
            SpecDiagnostic error = Assert.Single(SpecText.Diagnostics(SpecText.Minimal + "\nevent back\nin * on back ignore", "TCPGEN015"));

            Assert.Equal("'BACK' and 'back' both become the C# name 'Back'", error.Message);
        }

        [Fact]
        public void FullyShadowedRuleShouldBeAWarning() =>
            Assert.Equal(Severity.Warning, Assert.Single(SpecText.Diagnostics(SpecText.Minimal + "\nin * on GO, BACK ignore", "TCPGEN016")).Severity);

        [Fact]
        public void NameListedTwiceShouldBeReported() =>
            Assert.Single(SpecText.Diagnostics(SpecText.Minimal.Replace("in A on BACK ignore", "in A, A on BACK ignore"), "TCPGEN017"));

        [Fact]
        public void MoreStatesThanAnEntryCanHoldShouldBeReported()
        {
            var text = new StringBuilder("machine M\nstate S0 initial\nevent E\n");
            for (int i = 1; i < 256; i++)
            {
                text.Append("state S").Append(i).Append('\n');
            }

            text.Append("in * on E -> S0\n");

            Assert.Contains("256", Assert.Single(SpecText.Diagnostics(text.ToString(), "TCPGEN018")).Message);
        }

        [Fact]
        public void EveryCatalogueIdShouldBeUniqueAndNumberedInOrder()
        {
            string[] ids = DiagnosticCatalogue.All.Select(d => d.Id).ToArray();

            Assert.Equal(Enumerable.Range(1, ids.Length).Select(i => $"TCPGEN{i:000}"), ids);
        }

        private static string ActionOf(MachineModel model, Cell cell) => model.Actions[Assert.Single(cell.Actions)].Name;
    }
}
