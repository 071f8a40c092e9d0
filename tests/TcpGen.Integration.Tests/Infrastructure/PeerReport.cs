using System;
using System.Collections.Generic;
using System.Globalization;

namespace TcpGen.Integration.Tests.Infrastructure
{
    /// <summary>One connection's report line from the kernel peer: <c>conn=I sent=N sent_sha256=H received=M received_sha256=H end=E</c>.</summary>
    internal sealed record PeerReport(int Connection, long Sent, string SentSha256, long Received, string ReceivedSha256, string End)
    {
        /// <summary>Parses a report line; fields a failed connect did not print stay empty.</summary>
        public static PeerReport Parse(string line)
        {
            var fields = new Dictionary<string, string>(StringComparer.Ordinal);
            foreach (string part in line.Split(' ', StringSplitOptions.RemoveEmptyEntries))
            {
                int equals = part.IndexOf('=', StringComparison.Ordinal);
                if (equals > 0)
                {
                    fields[part.Substring(0, equals)] = part.Substring(equals + 1);
                }
            }

            string Field(string name) => fields.TryGetValue(name, out string? value) ? value : "";
            long Number(string name) => long.TryParse(Field(name), NumberStyles.None, CultureInfo.InvariantCulture, out long value) ? value : 0;
            return new PeerReport((int)Number("conn"), Number("sent"), Field("sent_sha256"), Number("received"), Field("received_sha256"), Field("end"));
        }
    }
}
