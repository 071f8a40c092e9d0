using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Globalization;
using System.IO;
using System.Text;
using TcpGen.Runtime;
using TcpGen.Runtime.Codec;

namespace TcpGen.Cli.Demo
{
    /// <summary>
    /// The readable timeline `tcpgen demo` prints: one line per segment on the wire (flags, relative seq and ack,
    /// window, length, handshake options, as in the Wireshark figures of the seed document) and one per state change.
    /// Segments and transitions arrive from two stack loop threads, so every line is written under one lock.
    /// </summary>
    internal sealed class DemoTimeline
    {
        /// <summary>Where the lines go (stdout, or a test's writer).</summary>
        private readonly TextWriter _output;

        /// <summary>Serializes lines from the two loop threads and the demo script.</summary>
        private readonly object _gate = new();

        /// <summary>Timestamps are milliseconds since the demo started.</summary>
        private readonly long _origin = Stopwatch.GetTimestamp();

        /// <summary>The ISN each sender used, so seq and ack print relative to it, as Wireshark does.</summary>
        private readonly Dictionary<(IpAddress Address, ushort Port), uint> _initialSequence = new();

        /// <summary>Window-scale shift each sender announced in its SYN (-1: none), so Win= shows bytes as Wireshark's calculated window does.</summary>
        private readonly Dictionary<(IpAddress Address, ushort Port), int> _windowShift = new();

        /// <summary>Friendly names ("client", "server", "kernel") of the endpoints by address.</summary>
        private readonly Dictionary<IpAddress, string> _names = new();

        public DemoTimeline(TextWriter output)
        {
            _output = output;
        }

        /// <summary>Segments printed so far.</summary>
        public int SegmentCount { get; private set; }

        /// <summary>State changes printed so far.</summary>
        public int TransitionCount { get; private set; }

        /// <summary>Names an address in the timeline.</summary>
        public void Name(IpAddress address, string name)
        {
            lock (_gate)
            {
                _names[address] = name;
            }
        }

        /// <summary>Prints one IP packet as a segment line; anything that is not TCP is shown as such.</summary>
        public void Segment(ReadOnlySpan<byte> packet)
        {
            PacketParseResult parsed = PacketParser.Parse(packet, out TcpSegmentView segment);
            lock (_gate)
            {
                if (!parsed.IsOk)
                {
                    WriteLine($"{"",-18}  {Describe(packet)}: dropped, {DropReasonNames.Name(parsed.DropReason)}");
                    return;
                }

                var from = (segment.Source, segment.SourcePort);
                var to = (segment.Destination, segment.DestinationPort);
                if (segment.Has(TcpFlags.Syn))
                {
                    _initialSequence[from] = segment.SequenceNumber;
                    _windowShift[from] = segment.Options.WindowScale is byte shift ? shift : -1;
                }

                var line = new StringBuilder();
                line.Append(CultureInfo.InvariantCulture, $"{NameOf(segment.Source)} → {NameOf(segment.Destination)}").Append(' ', 2);
                line.Append(FormatFlags(segment.Flags).PadRight(17));
                line.Append(CultureInfo.InvariantCulture, $"Seq={Relative(from, segment.SequenceNumber)}");
                if (segment.Has(TcpFlags.Ack))
                {
                    line.Append(CultureInfo.InvariantCulture, $" Ack={Relative(to, segment.AcknowledgmentNumber)}");
                }

                line.Append(CultureInfo.InvariantCulture, $" Win={ScaledWindow(from, to, segment)} Len={segment.Payload.Length}");
                TcpOptions options = segment.Options;
                if (options.MaximumSegmentSize is ushort mss)
                {
                    line.Append(CultureInfo.InvariantCulture, $" MSS={mss}");
                }

                if (options.WindowScale is byte scale)
                {
                    line.Append(CultureInfo.InvariantCulture, $" WS={1 << scale}");
                }

                if (options.SackPermitted)
                {
                    line.Append(" SACK_PERM");
                }

                if (options.Timestamps is TcpTimestamps timestamps)
                {
                    line.Append(CultureInfo.InvariantCulture, $" TSval={timestamps.Value} TSecr={timestamps.EchoReply}");
                }

                SegmentCount++;
                WriteLine(line.ToString());
            }
        }

        /// <summary>Prints a state change of one side's connection and the DSL event that caused it.</summary>
        public void Transition(string side, TcpState from, TcpEvent evt, TcpState to)
        {
            lock (_gate)
            {
                TransitionCount++;
                WriteLine($"{"",18}  {side}: {TcpTransitions.RfcStateName(from)} → {TcpTransitions.RfcStateName(to)}  (on {TcpTransitions.EventName(evt)})");
            }
        }

        /// <summary>Prints what the demo script does next (a user call, a check).</summary>
        public void Note(string text)
        {
            lock (_gate)
            {
                WriteLine("# " + text);
            }
        }

        private void WriteLine(string text)
        {
            double milliseconds = Stopwatch.GetElapsedTime(_origin).TotalMilliseconds;
            _output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{milliseconds,9:F3} ms  {text}"));
        }

        private string NameOf(IpAddress address) => _names.TryGetValue(address, out string? name) ? name : address.ToString();

        /// <summary>A sequence number relative to the sender's ISN (raw when the SYN was not seen).</summary>
        /// <summary>What a packet that is not a TCP segment for us is, from its IP header (the kernel's IPv6 solicitations, say).</summary>
        private static string Describe(ReadOnlySpan<byte> packet)
        {
            // Read the header by hand: the parser refuses exactly these packets (unspecified or multicast addresses).
            int version = packet.Length > 0 ? packet[0] >> 4 : 0;
            (int protocol, int addresses, int addressLength) = version switch
            {
                4 when packet.Length >= 20 => (packet[9], 12, 4),
                6 when packet.Length >= 40 => (packet[6], 8, 16),
                _ => (-1, 0, 0),
            };
            if (protocol < 0)
            {
                return $"{packet.Length}-byte packet";
            }

            var source = new System.Net.IPAddress(packet.Slice(addresses, addressLength));
            var destination = new System.Net.IPAddress(packet.Slice(addresses + addressLength, addressLength));
            string name = protocol switch { 1 => "ICMP", 6 => "TCP", 17 => "UDP", 58 => "ICMPv6", _ => "protocol " + protocol };
            return $"{source} → {destination} {name}";
        }

        /// <summary>RFC 7323 §2.2: the window field is scaled only outside SYNs and only when both sides offered the option.</summary>
        private long ScaledWindow((IpAddress, ushort) sender, (IpAddress, ushort) receiver, TcpSegmentView segment) =>
            !segment.Has(TcpFlags.Syn) && _windowShift.TryGetValue(sender, out int shift) && shift >= 0
                && _windowShift.TryGetValue(receiver, out int receiverShift) && receiverShift >= 0
                ? (long)segment.Window << shift
                : segment.Window;

        private long Relative((IpAddress, ushort) sender, uint sequence) =>
            _initialSequence.TryGetValue(sender, out uint isn) ? unchecked(sequence - isn) : sequence;

        /// <summary>Wireshark's notation: [SYN, ACK], [FIN, ACK], [PSH, ACK], [RST].</summary>
        internal static string FormatFlags(TcpFlags flags)
        {
            var names = new List<string>(4);
            if ((flags & TcpFlags.Fin) != 0) names.Add("FIN");
            if ((flags & TcpFlags.Syn) != 0) names.Add("SYN");
            if ((flags & TcpFlags.Rst) != 0) names.Add("RST");
            if ((flags & TcpFlags.Psh) != 0) names.Add("PSH");
            if ((flags & TcpFlags.Urg) != 0) names.Add("URG");
            if ((flags & TcpFlags.Ack) != 0) names.Add("ACK");
            return "[" + string.Join(", ", names) + "]";
        }
    }
}
