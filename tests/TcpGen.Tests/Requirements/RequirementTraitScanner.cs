using System;
using System.Collections.Generic;
using System.IO;
using System.Text.RegularExpressions;

namespace TcpGen.Tests.Requirements
{
    /// <summary>
    /// Finds tests marked <c>[Trait("Requirement", "MUST-n")]</c> in every test project's sources, so one report
    /// covers tests/TcpGen.Tests and tests/TcpGen.Runtime.Tests alike.
    /// </summary>
    public static class RequirementTraitScanner
    {
        private static readonly Regex Trait = new(@"\[Trait\(\s*""Requirement""\s*,\s*""(?<id>(MUST|SHLD|MAY)-\d+)""\s*\)\]", RegexOptions.Compiled);
        private static readonly Regex Class = new(@"\bclass\s+(?<name>\w+)", RegexOptions.Compiled);
        private static readonly Regex Method = new(@"\bpublic\s+(async\s+)?(void|Task)\s+(?<name>\w+)\s*\(", RegexOptions.Compiled);

        /// <summary>Requirement id -> sorted "Class.Method" names of the tests that carry it.</summary>
        public static SortedDictionary<string, SortedSet<string>> Scan(string testsFolder)
        {
            var covered = new SortedDictionary<string, SortedSet<string>>(StringComparer.Ordinal);
            foreach (string file in Directory.EnumerateFiles(testsFolder, "*.cs", SearchOption.AllDirectories))
            {
                if (file.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}", StringComparison.Ordinal))
                {
                    continue;
                }

                string currentClass = Path.GetFileNameWithoutExtension(file);
                var pending = new List<string>();
                foreach (string line in File.ReadLines(file))
                {
                    Match c = Class.Match(line);
                    if (c.Success)
                    {
                        currentClass = c.Groups["name"].Value;
                    }

                    foreach (Match t in Trait.Matches(line))
                    {
                        pending.Add(t.Groups["id"].Value);
                    }

                    Match m = Method.Match(line);
                    if (m.Success && pending.Count > 0)
                    {
                        foreach (string id in pending)
                        {
                            if (!covered.TryGetValue(id, out SortedSet<string>? tests))
                            {
                                covered[id] = tests = new SortedSet<string>(StringComparer.Ordinal);
                            }

                            tests.Add($"{currentClass}.{m.Groups["name"].Value}");
                        }

                        pending.Clear();
                    }
                }
            }

            return covered;
        }
    }
}
