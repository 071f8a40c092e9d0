using System.Collections.Generic;
using System.Text;

namespace TcpGen.Tests.Cli
{
    /// <summary>A strict RFC 4180 reader for checking tcpgen's CSV: CRLF record ends, quoted fields with doubled quotes.</summary>
    public static class CsvRecords
    {
        public static List<List<string>> Parse(string text)
        {
            var records = new List<List<string>>();
            var record = new List<string>();
            var field = new StringBuilder();
            bool quoted = false;
            int i = 0;
            while (i < text.Length)
            {
                char c = text[i];
                if (quoted)
                {
                    if (c == '"' && i + 1 < text.Length && text[i + 1] == '"')
                    {
                        field.Append('"');
                        i += 2;
                        continue;
                    }

                    if (c == '"')
                    {
                        quoted = false;
                    }
                    else
                    {
                        field.Append(c);
                    }

                    i++;
                    continue;
                }

                if (c == '"' && field.Length == 0)
                {
                    quoted = true;
                }
                else if (c == ',')
                {
                    record.Add(field.ToString());
                    field.Clear();
                }
                else if (c == '\r' && i + 1 < text.Length && text[i + 1] == '\n')
                {
                    record.Add(field.ToString());
                    field.Clear();
                    records.Add(record);
                    record = new List<string>();
                    i++;
                }
                else
                {
                    // A bare '\n' or '\r' outside quotes is not RFC 4180; keep it so the test sees it.
                    field.Append(c);
                }

                i++;
            }

            if (field.Length > 0 || record.Count > 0)
            {
                record.Add(field.ToString());
                records.Add(record);
            }

            return records;
        }
    }
}
