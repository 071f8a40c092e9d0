using System;
using TcpGen.Runtime.Sequencing;
using TcpGen.Runtime.Timers;

namespace TcpGen.Runtime.Engine
{
    /// <summary>
    /// Keep-alives (RFC 9293 3.8.4): off unless asked for (MUST-24, MUST-25). After <see cref="TcpEngineOptions.KeepAliveIdle"/>
    /// with no segment from the peer (MUST-26, MUST-27, MUST-28) and nothing of ours outstanding, a probe
    /// &lt;SEQ=SND.UNA-1&gt;&lt;ACK=RCV.NXT&gt; draws an ACK from a live peer. Only
    /// <see cref="TcpEngineOptions.KeepAliveProbes"/> unanswered probes in a row end the connection (MUST-29), through
    /// the table's KEEPALIVE-TIMEOUT cells. The idle check is lazy: arriving segments only record the time, and the
    /// timer re-arms itself when it finds the connection was not idle.
    /// </summary>
    internal sealed partial class TcpConnection
    {
        /// <summary>Keep-alives on for this connection (MUST-24: the application asks; MUST-25: off by default).</summary>
        private bool _keepAlive;

        /// <summary>When the last segment from the peer arrived: the idle time is measured from it (MUST-26).</summary>
        private Instant _lastReceived;

        /// <summary>Probes sent since the peer was last heard from.</summary>
        private int _keepAliveProbesSent;

        /// <summary>A probe must go out at the next output.</summary>
        private bool _keepAliveProbeDue;

        /// <summary>Keep-alive switch (MUST-24); turning it on in a synchronized state starts the idle timer.</summary>
        public bool KeepAlive
        {
            get => _keepAlive;
            set
            {
                _keepAlive = value;
                if (!value)
                {
                    _keepAliveProbeDue = false;
                    StopTimer(ref _keepaliveTimer);
                }
                else if (_keepaliveTimer.IsNone && !Deleted && IsKeepAliveState(State))
                {
                    ArmKeepAlive(_lastReceived.AddMicroseconds(KeepAliveIdleMicroseconds));
                }
            }
        }

        /// <summary>Records that the peer was heard from (any segment for this TCB).</summary>
        private void PeerHeardFrom(Instant now)
        {
            _lastReceived = now;
            _keepAliveProbesSent = 0;
        }

        /// <summary>The connection opened: with keep-alives on, the idle timer starts.</summary>
        private void StartKeepAliveIfEnabled(Instant now)
        {
            _lastReceived = now;
            if (_keepAlive)
            {
                ArmKeepAlive(now.AddMicroseconds(KeepAliveIdleMicroseconds));
            }
        }

        /// <summary>The keep-alive timer fired: re-arm if the peer was heard from, probe, or give up (KEEPALIVE-TIMEOUT).</summary>
        private void OnKeepAliveTimer(ref EventContext context)
        {
            Instant now = context.Now;
            if (!_keepAlive || Deleted)
            {
                return;
            }

            long idle = KeepAliveIdleMicroseconds;
            if (!IsKeepAliveState(State) || _sndUna != _sndMax || SendBufferCount > 0)
            {
                // Our own segments are outstanding (the retransmission timer watches the peer) or the state has none
                // to keep alive: look again after another idle period.
                _keepAliveProbesSent = 0;
                ArmKeepAlive(now.AddMicroseconds(idle));
                return;
            }

            if (_keepAliveProbesSent == 0 && now.MicrosecondsSince(_lastReceived) < idle)
            {
                ArmKeepAlive(_lastReceived.AddMicroseconds(idle)); // not idle long enough (MUST-26)
                return;
            }

            if (_keepAliveProbesSent >= Math.Max(1, _engine.Options.KeepAliveProbes))
            {
                Step(TcpEvent.KeepaliveTimeout, ref context);
                return;
            }

            _keepAliveProbesSent++;
            _keepAliveProbeDue = true;
            _engine.Counters.KeepAliveProbes++;
            _engine.MarkReady(this);
            ArmKeepAlive(now.AddMicroseconds(_engine.Options.KeepAliveInterval.Ticks / TimeSpan.TicksPerMicrosecond));
        }

        /// <summary>Writes a due probe: no text, SEG.SEQ one below SND.UNA, so the peer must answer with an ACK.</summary>
        private bool TryWriteKeepAliveProbe(Span<byte> destination, out int length)
        {
            length = 0;
            if (!_keepAliveProbeDue)
            {
                return false;
            }

            _keepAliveProbeDue = false;
            length = WriteControl(destination, Codec.TcpFlags.Ack, _sndUna - 1u);
            return length > 0;
        }

        /// <summary>States whose idle connections keep-alives watch: those in which nothing of ours need be in flight.</summary>
        private static bool IsKeepAliveState(TcpState state) => state is TcpState.Established or TcpState.CloseWait or TcpState.FinWait2;

        /// <summary>The idle time before the first probe, microseconds.</summary>
        private long KeepAliveIdleMicroseconds => _engine.Options.KeepAliveIdle.Ticks / TimeSpan.TicksPerMicrosecond;

        /// <summary>Schedules the keep-alive timer.</summary>
        private void ArmKeepAlive(Instant deadline) => SetTimer(ref _keepaliveTimer, TimerKind.Keepalive, deadline);
    }
}
