using System.Collections.Generic;
using System.IO;

namespace TcpGen.Tests.Requirements
{
    /// <summary>Reads RFC 9293's requirement list shipped beside the repository in ../shared/reference.</summary>
    public static class RequirementCatalogue
    {
        public static string TsvPath => Path.GetFullPath(Path.Combine(RepositoryPaths.Root, "..", "shared", "reference", "rfc9293-requirements.tsv"));

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
