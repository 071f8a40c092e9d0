using System;
using System.Linq;

namespace TcpGen.Tests.Generator
{
    /// <summary>Breaks tcp-states.dsl on purpose, and says where the breakage is, without hard-coding line numbers.</summary>
    public static class DslMutations
    {
        public const string DeletedRule = "in ESTABLISHED on RCV-FIN -> CLOSE-WAIT";
        public const string DuplicatedRule = "in LISTEN on RCV-SYN, RCV-SYN-NEW-INCARNATION -> SYN-RECEIVED-PASSIVE";
        public const string MisspelledRule = "in SYN-SENT on RCV-SYN-ACK -> ESTABLISHED";

        public static string[] Lines(string text) => text.Replace("\r\n", "\n").Split('\n');

        /// <summary>1-based line of the first line starting with the prefix.</summary>
        public static int LineOf(string text, string prefix) =>
            Array.FindIndex(Lines(text), l => l.StartsWith(prefix, StringComparison.Ordinal)) + 1;

        public static string DeleteRule(string text) =>
            string.Join("\n", Lines(text).Where(l => !l.StartsWith(DeletedRule, StringComparison.Ordinal)));

        /// <summary>Repeats the rule on the next line; the copy is at LineOf(original) + 1.</summary>
        public static string DuplicateRule(string text) =>
            string.Join("\n", Lines(text).SelectMany(l => l.StartsWith(DuplicatedRule, StringComparison.Ordinal) ? new[] { l, l } : new[] { l }));

        /// <summary>ESTABLISHED becomes ESTABLISHD in one rule's target.</summary>
        public static string MisspellState(string text) =>
            string.Join("\n", Lines(text).Select(l => l.StartsWith(MisspelledRule, StringComparison.Ordinal)
                ? l.Replace("-> ESTABLISHED", "-> ESTABLISHD")
                : l));

        /// <summary>1-based column of the misspelled name in its line.</summary>
        public static int MisspelledColumn(string text) =>
            Lines(text)[LineOf(text, MisspelledRule) - 1].IndexOf("ESTABLISHED", StringComparison.Ordinal) + 1;
    }
}
