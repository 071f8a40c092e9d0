using System;
using System.Collections;
using System.Collections.Generic;
using System.Linq;
using System.Reflection;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Xunit;

namespace TcpGen.Tests.Generator
{
    /// <summary>The generator caches: unrelated edits redo nothing, and its models hold no Roslyn objects.</summary>
    public class IncrementalityTest
    {
        private static readonly string[] OurSteps = { "TcpGen.DslFiles", "TcpGen.Compile", "TcpGen.Namespace", "TcpGen.Model" };

        private static readonly Type[] ForbiddenTypes =
        {
            typeof(ISymbol), typeof(SyntaxNode), typeof(SyntaxTree), typeof(Compilation), typeof(SemanticModel), typeof(Location),
        };

        [Fact]
        public void UnrelatedCSharpEditShouldLeaveEveryStepCachedOrUnchanged()
        {
            Compilation compilation = GeneratorHarness.CreateCompilation("namespace Consumer { public static class Marker { } }");
            GeneratorDriver driver = GeneratorHarness.CreateDriver(RepositoryPaths.ReadDsl()).RunGenerators(compilation);

            driver = driver.RunGenerators(compilation.AddSyntaxTrees(CSharpSyntaxTree.ParseText("class Unrelated { }")));

            GeneratorRunResult second = driver.GetRunResult().Results.Single();
            foreach (string step in OurSteps)
            {
                Assert.All(Outputs(second, step), o => Assert.Contains(o.Reason, new[] { IncrementalStepRunReason.Cached, IncrementalStepRunReason.Unchanged }));
            }

            Assert.All(second.TrackedOutputSteps.SelectMany(s => s.Value).SelectMany(s => s.Outputs), o => Assert.Equal(IncrementalStepRunReason.Cached, o.Reason));
        }

        [Fact]
        public void CommentAddedAtEndOfDslShouldKeepTheModelUnchanged()
        {
            string dsl = RepositoryPaths.ReadDsl();
            var original = new InMemoryAdditionalText(GeneratorHarness.DslPath, dsl);
            Compilation compilation = GeneratorHarness.CreateCompilation("namespace Consumer { }");
            GeneratorDriver driver = GeneratorHarness.CreateDriver(original).RunGenerators(compilation);

            driver = Replace(driver, original, dsl + "\n# a trailing comment moves no rule\n").RunGenerators(compilation);

            GeneratorRunResult second = driver.GetRunResult().Results.Single();
            Assert.Contains(Outputs(second, "TcpGen.DslFiles"), o => o.Reason == IncrementalStepRunReason.Modified);
            Assert.All(Outputs(second, "TcpGen.Compile"), o => Assert.Equal(IncrementalStepRunReason.Unchanged, o.Reason));
            Assert.All(Outputs(second, "TcpGen.Model"), o => Assert.Contains(o.Reason, new[] { IncrementalStepRunReason.Cached, IncrementalStepRunReason.Unchanged }));
            Assert.All(second.TrackedOutputSteps.SelectMany(s => s.Value).SelectMany(s => s.Outputs), o => Assert.Equal(IncrementalStepRunReason.Cached, o.Reason));
        }

        [Fact]
        public void RuleEditShouldRegenerate()
        {
            string dsl = RepositoryPaths.ReadDsl();
            var original = new InMemoryAdditionalText(GeneratorHarness.DslPath, dsl);
            Compilation compilation = GeneratorHarness.CreateCompilation("namespace Consumer { }");
            GeneratorDriver driver = GeneratorHarness.CreateDriver(original).RunGenerators(compilation);

            string edited = dsl.Replace("in TIME-WAIT on RCV-RST ignore", "in TIME-WAIT on RCV-RST -> CLOSED do DELETE-TCB");
            driver = Replace(driver, original, edited).RunGenerators(compilation);

            GeneratorRunResult second = driver.GetRunResult().Results.Single();
            Assert.Contains(Outputs(second, "TcpGen.Compile"), o => o.Reason == IncrementalStepRunReason.Modified);
            Assert.Contains("[TIME-WAIT, RCV-RST] -> CLOSED do DELETE-TCB", GeneratorHarness.GeneratedText(second, "TcpTransitions.g.cs"));
        }

        [Fact]
        public void PipelineModelsShouldHoldNoRoslynObjects()
        {
            Compilation compilation = GeneratorHarness.CreateCompilation("namespace Consumer { }");
            GeneratorDriver driver = GeneratorHarness.CreateDriver(RepositoryPaths.ReadDsl()).RunGenerators(compilation);
            GeneratorRunResult result = driver.GetRunResult().Results.Single();

            foreach (string step in OurSteps)
            {
                foreach ((object Value, IncrementalStepRunReason _) output in Outputs(result, step))
                {
                    AssertNoRoslynObjects(output.Value, step, new HashSet<object>(ReferenceEqualityComparer.Instance));
                }
            }
        }

        private static GeneratorDriver Replace(GeneratorDriver driver, AdditionalText old, string newText) =>
            driver.ReplaceAdditionalText(old, new InMemoryAdditionalText(GeneratorHarness.DslPath, newText));

        private static IEnumerable<(object Value, IncrementalStepRunReason Reason)> Outputs(GeneratorRunResult result, string step) =>
            result.TrackedSteps.TryGetValue(step, out var runs)
                ? runs.SelectMany(r => r.Outputs)
                : throw new InvalidOperationException($"Step {step} was not tracked.");

        private static void AssertNoRoslynObjects(object? value, string path, HashSet<object> seen)
        {
            if (value is null || value is string || value.GetType().IsPrimitive || value.GetType().IsEnum)
            {
                return;
            }

            Type type = value.GetType();
            Assert.False(ForbiddenTypes.Any(t => t.IsAssignableFrom(type)), $"{path} holds a {type.FullName}");
            if (!type.IsValueType && !seen.Add(value))
            {
                return;
            }

            if (value is IEnumerable items)
            {
                int i = 0;
                foreach (object? item in items)
                {
                    AssertNoRoslynObjects(item, $"{path}[{i++}]", seen);
                }
            }

            for (Type? t = type; t is not null && t != typeof(object); t = t.BaseType)
            {
                foreach (FieldInfo field in t.GetFields(BindingFlags.Instance | BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.DeclaredOnly))
                {
                    AssertNoRoslynObjects(field.GetValue(value), $"{path}.{field.Name}", seen);
                }
            }
        }
    }
}
