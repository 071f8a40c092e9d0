using System.Text;

namespace TcpGen.Spec.Model
{
    /// <summary>Turns DSL names (SYN-RECEIVED, FIN-WAIT-1, rcv_ack) into C# identifiers (SynReceived, FinWait1, RcvAck).</summary>
    public static class Naming
    {
        public static string ToCSharp(string name)
        {
            var result = new StringBuilder(name.Length);
            foreach (string part in name.Split('-', '_'))
            {
                if (part.Length == 0)
                {
                    continue;
                }

                bool shout = part.ToUpperInvariant() == part;
                result.Append(char.ToUpperInvariant(part[0]));
                result.Append(shout ? part.Substring(1).ToLowerInvariant() : part.Substring(1));
            }

            return result.Length == 0 ? "_" : result.ToString();
        }
    }
}
