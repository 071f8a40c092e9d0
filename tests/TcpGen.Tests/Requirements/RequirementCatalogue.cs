using System.Collections.Generic;
using System.IO;

namespace TcpGen.Tests.Requirements
{
    /// <summary>
    /// Reads RFC 9293's requirement list. The repository keeps its own copy (docs/rfc9293-requirements.tsv), so a clean
    /// clone needs nothing beside it; <see cref="SharedTsvPath"/> is the team's reference it was copied from.
    /// </summary>
    public static class RequirementCatalogue
    {
        public static string TsvPath => Path.Combine(RepositoryPaths.Root, "docs", "rfc9293-requirements.tsv");

        /// <summary>The shared reference beside the repository (../shared/reference), present on team machines only.</summary>
        public static string SharedTsvPath => Path.GetFullPath(Path.Combine(RepositoryPaths.Root, "..", "shared", "reference", "rfc9293-requirements.tsv"));

        /// <summary>The MUST and MUST NOT rows, in file order (an id may appear on several rows).</summary>
        public static IReadOnlyList<Requirement> Musts()
        {
            var musts = new List<Requirement>();
            foreach (string line in File.ReadLines(TsvPath))
            {
                string[] f = line.Split('\t');
                if (f.Length >= 5 && f[1].StartsWith("MUST-", System.StringComparison.Ordinal))
                {
                    musts.Add(new Requirement(f[1], f[2], f[3], f[4].TrimEnd('.'), f[0]));
                }
            }

            return musts;
        }
    }
}
