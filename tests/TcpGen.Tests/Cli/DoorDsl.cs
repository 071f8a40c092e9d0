namespace TcpGen.Tests.Cli
{
    /// <summary>
    /// A small machine written for these tests: 3 states (AJAR is reported as the "RFC" name OPEN),
    /// 4 events of three kinds declared out of kind order, 3 actions, 12 cells.
    /// </summary>
    public static class DoorDsl
    {
        public const string Text = @"machine Door

/// Closed and latched.
state SHUT initial
/// Swung open.
state OPEN
/// Open and propped, reported as OPEN.
state AJAR as OPEN

/// Nobody came for a while.
timer event IDLE
/// Someone pushes.
user event PUSH
/// The wind gusts.
segment event GUST
/// Someone pulls.
user event PULL

action CREAK
action LATCH
action BANG

/// Wind and time do nothing by default.
in * on GUST, IDLE ignore
/// Pushing a shut door opens it.
in SHUT on PUSH -> OPEN do CREAK                 [Door manual §1, ""push""]
/// Pulling a shut door does nothing.
in SHUT on PULL ignore
/// Pushing an open door shuts it.
in OPEN on PUSH -> SHUT do LATCH                 [Door manual §2]
/// Pulling an open door props it.
in OPEN on PULL -> AJAR
/// A propped door creaks in the wind.
in AJAR on GUST -> stay do CREAK
/// Pushing a propped door slams it.
in AJAR on PUSH -> SHUT do BANG, LATCH
/// Pulling a propped door does nothing more.
in AJAR on PULL ignore
/// An open door swings shut in time.
in OPEN, AJAR on IDLE -> SHUT do BANG
";

        /// <summary>The rule that decides SHUT on PUSH, for tests that edit it.</summary>
        public const string ShutOnPushRule = "in SHUT on PUSH -> OPEN do CREAK";

        /// <summary>The rule that decides AJAR on PUSH; sending it to OPEN instead keeps every state reachable.</summary>
        public const string AjarOnPushRule = "in AJAR on PUSH -> SHUT do BANG, LATCH";

        /// <summary>Door with one more event, KNOCK, which creaks in every state (3 added cells).</summary>
        public static string WithKnock() => Text
            .Replace("action CREAK", "/// Someone knocks.\nuser event KNOCK\n\naction CREAK")
            + "/// Knocking creaks.\nin * on KNOCK -> stay do CREAK\n";

        /// <summary>Door without AJAR: the 4 cells of AJAR are removed and OPEN on PULL now does nothing.</summary>
        public static string WithoutAjar() => Text
            .Replace("state AJAR as OPEN", string.Empty)
            .Replace("in OPEN on PULL -> AJAR", "in OPEN on PULL ignore")
            .Replace("in AJAR on GUST -> stay do CREAK", string.Empty)
            .Replace("in AJAR on PUSH -> SHUT do BANG, LATCH", string.Empty)
            .Replace("in AJAR on PULL ignore", string.Empty)
            .Replace("in OPEN, AJAR on IDLE", "in OPEN on IDLE");
    }
}
