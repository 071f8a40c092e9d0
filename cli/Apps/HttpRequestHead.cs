using System;
using System.Globalization;
using System.Text;

namespace TcpGen.Cli.Apps
{
    /// <summary>
    /// The request line and the few headers <see cref="HttpApp"/> acts on, parsed from an HTTP/1.x request head
    /// (RFC 9112 §2–§3, §6): method, target, version, Connection, Content-Length, Transfer-Encoding. Anything it
    /// cannot make sense of is a bad request, never an exception.
    /// </summary>
    public sealed record HttpRequestHead(string Method, string Target, int MinorVersion, bool ConnectionClose, bool ConnectionKeepAlive, long ContentLength, bool HasTransferEncoding)
    {
        /// <summary>True when the connection stays open after the response (HTTP/1.1 unless "close"; HTTP/1.0 only with "keep-alive").</summary>
        public bool KeepAlive => MinorVersion >= 1 ? !ConnectionClose : ConnectionKeepAlive && !ConnectionClose;

        /// <summary>Parses the head (everything before the blank line, without it); null when it is not a valid HTTP/1.x request.</summary>
        public static HttpRequestHead? TryParse(ReadOnlySpan<byte> head)
        {
            foreach (byte b in head)
            {
                if (b == 0 || b >= 0x80)
                {
                    return null;
                }
            }

            string[] lines = Encoding.ASCII.GetString(head).Split("\r\n");
            string[] requestLine = lines[0].Split(' ');
            if (requestLine.Length != 3 || requestLine[0].Length == 0 || requestLine[1].Length == 0)
            {
                return null;
            }

            int minor = requestLine[2] switch
            {
                "HTTP/1.1" => 1,
                "HTTP/1.0" => 0,
                _ => -1,
            };
            if (minor < 0)
            {
                return null;
            }

            bool close = false;
            bool keepAlive = false;
            long contentLength = 0;
            bool transferEncoding = false;
            for (int i = 1; i < lines.Length; i++)
            {
                string line = lines[i];
                int colon = line.IndexOf(':', StringComparison.Ordinal);
                if (colon <= 0 || line[colon - 1] is ' ' or '\t')
                {
                    return null;
                }

                string name = line.Substring(0, colon);
                string value = line.Substring(colon + 1).Trim(' ', '\t');
                if (name.Equals("Connection", StringComparison.OrdinalIgnoreCase))
                {
                    foreach (string token in value.Split(','))
                    {
                        string option = token.Trim(' ', '\t');
                        close |= option.Equals("close", StringComparison.OrdinalIgnoreCase);
                        keepAlive |= option.Equals("keep-alive", StringComparison.OrdinalIgnoreCase);
                    }
                }
                else if (name.Equals("Content-Length", StringComparison.OrdinalIgnoreCase))
                {
                    if (!long.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out contentLength))
                    {
                        return null;
                    }
                }
                else if (name.Equals("Transfer-Encoding", StringComparison.OrdinalIgnoreCase))
                {
                    transferEncoding = true;
                }
            }

            return new HttpRequestHead(requestLine[0], requestLine[1], minor, close, keepAlive, contentLength, transferEncoding);
        }
    }
}
