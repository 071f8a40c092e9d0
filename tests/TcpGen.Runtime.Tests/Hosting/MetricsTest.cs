using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Diagnostics.Metrics;
using System.Linq;
using System.Threading.Tasks;
using TcpGen.Runtime.Engine;
using TcpGen.Runtime.Hosting;
using Xunit;
using TcpConnection = TcpGen.Runtime.Hosting.TcpConnection;

namespace TcpGen.Runtime.Tests.Hosting
{
    /// <summary>The "TcpGen" meter, read as any MeterListener (dotnet-counters, OpenTelemetry) would.</summary>
    public class MetricsTest
    {
        [Fact]
        public async Task MeterShouldPublishCountersTaggedWithTheStackName()
        {
            await using var pair = new StackPair();
            (TcpConnection client, TcpConnection server, _) = await pair.OpenAsync();
            await client.GetStream().WriteAsync(new byte[5000]).WithTimeout();
            await server.Input.ReadAtLeastAsync(5000).WithTimeout();
            client.Abort();
            await server.Completion.WithTimeout();
            TcpStackSnapshot snapshot = await pair.Client.GetSnapshotAsync().WithTimeout();

            var longs = new ConcurrentDictionary<(string Instrument, string Tags), long>();
            var ints = new ConcurrentDictionary<(string Instrument, string Tags), int>();
            using var listener = new MeterListener
            {
                InstrumentPublished = (instrument, l) =>
                {
                    if (instrument.Meter.Name == TcpStack.MeterName)
                    {
                        l.EnableMeasurementEvents(instrument);
                    }
                },
            };
            listener.SetMeasurementEventCallback<long>((instrument, value, tags, _) => longs[(instrument.Name, Format(tags))] = value);
            listener.SetMeasurementEventCallback<int>((instrument, value, tags, _) => ints[(instrument.Name, Format(tags))] = value);
            listener.Start();
            listener.RecordObservableInstruments();

            string stack = "stack=" + pair.Client.Name;
            Assert.Equal(snapshot.SegmentsSent, longs[("tcpgen.segments.sent", stack)]);
            Assert.Equal(snapshot.SegmentsReceived, longs[("tcpgen.segments.received", stack)]);
            Assert.Equal(1, longs[("tcpgen.opens.active", stack)]);
            Assert.Equal(1, longs[("tcpgen.resets.sent", stack)]);
            // Loss-recovery counters equal the snapshot's; they are not asserted zero, because this link runs on the
            // wall clock and a loaded machine can delay an ACK past a loss probe's 2 x SRTT (seen on CI).
            Assert.Equal(snapshot.Retransmissions, longs[("tcpgen.segments.retransmitted", stack)]);
            Assert.Equal(snapshot.RetransmissionTimeouts, longs[("tcpgen.retransmission_timeouts", stack)]);
            Assert.Equal(snapshot.FastRetransmits, longs[("tcpgen.fast_retransmits", stack)]);
            Assert.Equal(snapshot.DuplicateAcksReceived, longs[("tcpgen.duplicate_acks.received", stack)]);
            Assert.Equal(snapshot.LostRetransmissions, longs[("tcpgen.lost_retransmissions", stack)]);
            Assert.Equal(snapshot.LossProbes, longs[("tcpgen.loss_probes", stack)]);
            Assert.Equal(1, longs[("tcpgen.resets.received", "stack=" + pair.Server.Name)]);
            Assert.True(longs.ContainsKey(("tcpgen.drops", stack + ",reason=BadChecksum")));
            Assert.True(ints.ContainsKey(("tcpgen.connections", "stack=" + pair.Server.Name + ",state=LISTEN")));
            Assert.Equal(
                TcpTransitions.StateCount,
                ints.Keys.Count(k => k.Instrument == "tcpgen.connections" && k.Tags.StartsWith(stack + ",", System.StringComparison.Ordinal)));
        }

        [Fact]
        public async Task DisposedStackShouldStopPublishing()
        {
            var pair = new StackPair();
            string name = pair.Client.Name;
            await pair.DisposeAsync();

            var seen = new List<string>();
            using var listener = new MeterListener
            {
                InstrumentPublished = (instrument, l) =>
                {
                    if (instrument.Meter.Name == TcpStack.MeterName)
                    {
                        l.EnableMeasurementEvents(instrument);
                    }
                },
            };
            listener.SetMeasurementEventCallback<long>((instrument, value, tags, _) =>
            {
                lock (seen)
                {
                    seen.Add(Format(tags));
                }
            });
            listener.Start();
            listener.RecordObservableInstruments();
            Assert.DoesNotContain(seen, t => t.StartsWith("stack=" + name + ",", System.StringComparison.Ordinal) || t == "stack=" + name);
        }

        private static string Format(System.ReadOnlySpan<KeyValuePair<string, object?>> tags)
        {
            var parts = new List<string>();
            foreach (KeyValuePair<string, object?> tag in tags)
            {
                parts.Add(tag.Key + "=" + tag.Value);
            }

            return string.Join(",", parts);
        }
    }
}
