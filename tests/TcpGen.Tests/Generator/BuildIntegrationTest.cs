using System;
using System.Diagnostics;
using System.IO;
using Xunit;

namespace TcpGen.Tests.Generator
{
    /// <summary>
    /// End to end through MSBuild: a project that lists a .dsl as AdditionalFiles gets the table,
    /// and a broken .dsl fails `dotnet build` with TCPGEN errors at the right DSL lines.
    /// </summary>
    public class BuildIntegrationTest : IDisposable
    {
        // A scratch project folder outside the repository, so the repo's build props do not apply.
        private readonly string _folder = Path.Combine(Path.GetTempPath(), "tcpgen-build-" + Guid.NewGuid().ToString("N"));

        public BuildIntegrationTest()
        {
            Directory.CreateDirectory(_folder);
            File.WriteAllText(Path.Combine(_folder, "Consumer.csproj"), $"""
                <Project Sdk="Microsoft.NET.Sdk">
                  <PropertyGroup>
                    <TargetFramework>net10.0</TargetFramework>
                    <RootNamespace>Consumer</RootNamespace>
                    <Nullable>enable</Nullable>
                  </PropertyGroup>
                  <ItemGroup>
                    <AdditionalFiles Include="tcp-states.dsl" />
                    <Analyzer Include="{Path.Combine(AppContext.BaseDirectory, "TcpGen.Generator.dll")}" />
                  </ItemGroup>
                </Project>
                """);
            File.WriteAllText(Path.Combine(_folder, "Use.cs"), """
                namespace Consumer;
                public static class Use
                {
                    public static TcpState AfterPassiveOpen() => TcpTransitions.Next(TcpState.Closed, TcpEvent.OpenPassive).Next;
                }
                """);
        }

        [Fact]
        public void BrokenDslShouldFailDotnetBuildAtTheDslLines()
        {
            string dsl = RepositoryPaths.ReadDsl();
            string broken = DslMutations.MisspellState(DslMutations.DuplicateRule(DslMutations.DeleteRule(dsl)));
            File.WriteAllText(Path.Combine(_folder, "tcp-states.dsl"), broken);

            (int exitCode, string output) = Build();

            Assert.NotEqual(0, exitCode);
            int duplicateLine = DslMutations.LineOf(broken, DslMutations.DuplicatedRule) + 1;
            int misspelledLine = DslMutations.LineOf(DslMutations.DuplicateRule(DslMutations.DeleteRule(dsl)), DslMutations.MisspelledRule);
            int establishedLine = DslMutations.LineOf(broken, "state ESTABLISHED");
            Assert.Contains($"tcp-states.dsl({duplicateLine},1): error TCPGEN006", output);
            Assert.Contains($"tcp-states.dsl({misspelledLine},{DslMutations.MisspelledColumn(dsl)}): error TCPGEN002", output);
            Assert.Contains($"tcp-states.dsl({establishedLine},7): error TCPGEN007", output);
        }

        [Fact]
        public void ValidDslShouldBuildAConsumerOfTheTable()
        {
            File.WriteAllText(Path.Combine(_folder, "tcp-states.dsl"), RepositoryPaths.ReadDsl());

            (int exitCode, string output) = Build();

            Assert.True(exitCode == 0, output);
        }

        public void Dispose() => Directory.Delete(_folder, recursive: true);

        private (int ExitCode, string Output) Build()
        {
            var start = new ProcessStartInfo("dotnet", "build --nologo -nodeReuse:false -p:UseSharedCompilation=false -clp:NoSummary")
            {
                WorkingDirectory = _folder,
                RedirectStandardOutput = true,
                RedirectStandardError = true,
            };
            start.Environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";
            using Process process = Process.Start(start)!;
            System.Threading.Tasks.Task<string> stderr = process.StandardError.ReadToEndAsync();
            string stdout = process.StandardOutput.ReadToEnd();
            process.WaitForExit();
            return (process.ExitCode, stdout + stderr.Result);
        }
    }
}
