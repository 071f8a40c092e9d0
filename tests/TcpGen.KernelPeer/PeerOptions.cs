using System;
using System.Globalization;
using System.Net;

namespace TcpGen.KernelPeer
{
    /// <summary>What one run of the peer does, parsed from `MODE --option value ...`.</summary>
    internal sealed class PeerOptions
    {
        /// <summary>server, client or ping.</summary>
        public string Mode { get; private set; } = "";

        /// <summary>The address to listen on (server), connect to (client) or ping.</summary>
        public IPEndPoint Endpoint { get; private set; } = new(IPAddress.Loopback, 0);

        /// <summary>Bytes each connection sends (a deterministic pseudo-random stream).</summary>
        public long SendBytes { get; private set; }

        /// <summary>Seed of the sent stream, so the other side can regenerate it.</summary>
        public ulong Seed { get; private set; } = 1;

        /// <summary>Start sending only after the peer's FIN arrived (half-close test: data flows after the other side closed).</summary>
        public bool SendAfterEof { get; private set; }

        /// <summary>Send back everything received, then close when the peer does.</summary>
        public bool Echo { get; private set; }

        /// <summary>After sending, close with SO_LINGER 0 so the kernel sends RST instead of FIN.</summary>
        public bool Reset { get; private set; }

        /// <summary>Milliseconds to wait after the connection is up before closing the sending side.</summary>
        public int CloseDelayMilliseconds { get; private set; }

        /// <summary>Connections to open (client) or accept (server) concurrently.</summary>
        public int Connections { get; private set; } = 1;

        /// <summary>Echo requests to send in ping mode.</summary>
        public int PingCount { get; private set; } = 1;

        /// <summary>The whole run's time limit.</summary>
        public TimeSpan Timeout { get; private set; } = TimeSpan.FromSeconds(60);

        /// <summary>Parses the command line; throws <see cref="ArgumentException"/> with a one-line reason.</summary>
        public static PeerOptions Parse(string[] args)
        {
            if (args.Length == 0 || args[0] is not ("server" or "client" or "ping"))
            {
                throw new ArgumentException("usage: server|client|ping --address IP[:PORT] [--send N] [--seed N] [--send-after-eof] [--echo] [--reset] [--close-delay MS] [--connections K] [--count N] [--timeout S]");
            }

            var options = new PeerOptions { Mode = args[0] };
            for (int i = 1; i < args.Length; i++)
            {
                string name = args[i];
                string Value() => i + 1 < args.Length ? args[++i] : throw new ArgumentException(name + " needs a value");
                switch (name)
                {
                    case "--address":
                        string text = Value();
                        options.Endpoint = IPEndPoint.TryParse(text, out IPEndPoint? endpoint)
                            ? endpoint
                            : throw new ArgumentException("not an address: " + text);
                        break;
                    case "--send":
                        options.SendBytes = long.Parse(Value(), CultureInfo.InvariantCulture);
                        break;
                    case "--seed":
                        options.Seed = ulong.Parse(Value(), CultureInfo.InvariantCulture);
                        break;
                    case "--send-after-eof":
                        options.SendAfterEof = true;
                        break;
                    case "--echo":
                        options.Echo = true;
                        break;
                    case "--reset":
                        options.Reset = true;
                        break;
                    case "--close-delay":
                        options.CloseDelayMilliseconds = int.Parse(Value(), CultureInfo.InvariantCulture);
                        break;
                    case "--connections":
                        options.Connections = int.Parse(Value(), CultureInfo.InvariantCulture);
                        break;
                    case "--count":
                        options.PingCount = int.Parse(Value(), CultureInfo.InvariantCulture);
                        break;
                    case "--timeout":
                        options.Timeout = TimeSpan.FromSeconds(double.Parse(Value(), CultureInfo.InvariantCulture));
                        break;
                    default:
                        throw new ArgumentException("unknown option " + name);
                }
            }

            return options;
        }
    }
}
