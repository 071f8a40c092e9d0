using System.IO;
using System.Text;
using ApprovalTests.Core;
using DiffPlex.DiffBuilder;
using DiffPlex.DiffBuilder.Model;
using Xunit.Sdk;

namespace TcpGen.Tests.Snapshots
{
    /// <summary>
    /// Reports a snapshot mismatch as a readable diff in the failure message (CI logs show it),
    /// with the command that accepts the change. Never launches a diff tool.
    /// </summary>
    public sealed class UnifiedDiffReporter : IApprovalFailureReporter
    {
        // Unchanged lines shown around each change.
        private const int Context = 2;

        public void Report(string approved, string received)
        {
            string approvedText = File.Exists(approved) ? File.ReadAllText(approved) : string.Empty;
            string receivedText = File.ReadAllText(received);
            var message = new StringBuilder();
            message.AppendLine($"Snapshot differs from {Path.GetFileName(approved)} (- approved, + received):");
            DiffPaneModel diff = InlineDiffBuilder.Diff(approvedText, receivedText, ignoreWhiteSpace: false);
            int lastPrinted = -1;
            for (int i = 0; i < diff.Lines.Count; i++)
            {
                if (diff.Lines[i].Type == ChangeType.Unchanged && !NearChange(diff, i))
                {
                    continue;
                }

                if (lastPrinted >= 0 && i > lastPrinted + 1)
                {
                    message.AppendLine("  ...");
                }

                DiffPiece line = diff.Lines[i];
                string mark = line.Type switch
                {
                    ChangeType.Inserted => "+ ",
                    ChangeType.Deleted => "- ",
                    _ => "  ",
                };
                message.Append(mark).AppendLine(line.Text);
                lastPrinted = i;
            }

            message.AppendLine($"If the change is intended, accept it: mv \"{received}\" \"{approved}\"");
            throw new XunitException(message.ToString());
        }

        private static bool NearChange(DiffPaneModel diff, int index)
        {
            for (int j = index - Context; j <= index + Context; j++)
            {
                if (j >= 0 && j < diff.Lines.Count && diff.Lines[j].Type != ChangeType.Unchanged)
                {
                    return true;
                }
            }

            return false;
        }
    }
}
