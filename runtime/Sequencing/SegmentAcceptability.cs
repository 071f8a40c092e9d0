namespace TcpGen.Runtime.Sequencing
{
    /// <summary>
    /// The four-case segment acceptability test of RFC 9293 3.10.7.4 (Table 6), applied first to every segment
    /// received in a synchronized state. Unacceptable segments are answered with an ACK (unless RST) and dropped.
    /// </summary>
    public static class SegmentAcceptability
    {
        /// <summary>
        /// Applies Table 6 exactly:
        /// <list type="table">
        /// <item><description>SEG.LEN = 0, RCV.WND = 0: SEG.SEQ = RCV.NXT.</description></item>
        /// <item><description>SEG.LEN = 0, RCV.WND &gt; 0: RCV.NXT =&lt; SEG.SEQ &lt; RCV.NXT+RCV.WND.</description></item>
        /// <item><description>SEG.LEN &gt; 0, RCV.WND = 0: not acceptable.</description></item>
        /// <item><description>SEG.LEN &gt; 0, RCV.WND &gt; 0: the first or the last octet lies in the window.</description></item>
        /// </list>
        /// All comparisons are modulo 2^32. Note that, as written in the RFC, a segment whose first octet is before
        /// the window and whose last octet is after it is not acceptable.
        /// </summary>
        /// <param name="seq">SEG.SEQ.</param>
        /// <param name="length">SEG.LEN: data octets plus one each for SYN and FIN.</param>
        /// <param name="rcvNxt">RCV.NXT.</param>
        /// <param name="rcvWnd">RCV.WND, already scaled (RFC 7323).</param>
        public static bool IsAcceptable(SeqNum seq, uint length, SeqNum rcvNxt, uint rcvWnd)
        {
            if (length == 0)
            {
                return rcvWnd == 0 ? seq == rcvNxt : seq.InWindow(rcvNxt, rcvWnd);
            }

            if (rcvWnd == 0)
            {
                return false;
            }

            SeqNum lastOctet = seq + (length - 1u);
            return seq.InWindow(rcvNxt, rcvWnd) || lastOctet.InWindow(rcvNxt, rcvWnd);
        }
    }
}
