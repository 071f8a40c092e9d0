namespace TcpGen.Runtime.Codec
{
    /// <summary>IANA protocol / next-header numbers the codec looks at (RFC 791 3.1 "Protocol", RFC 8200 3 "Next Header").</summary>
    public static class IpProtocol
    {
        /// <summary>IPv6 Hop-by-Hop Options header (RFC 8200 4.3).</summary>
        public const byte HopByHopOptions = 0;

        /// <summary>TCP (RFC 9293).</summary>
        public const byte Tcp = 6;

        /// <summary>IPv6 Routing header (RFC 8200 4.4).</summary>
        public const byte Routing = 43;

        /// <summary>IPv6 Fragment header (RFC 8200 4.5).</summary>
        public const byte Fragment = 44;

        /// <summary>Encapsulating Security Payload (RFC 4303).</summary>
        public const byte EncapsulatingSecurityPayload = 50;

        /// <summary>Authentication Header (RFC 4302).</summary>
        public const byte AuthenticationHeader = 51;

        /// <summary>IPv6 No Next Header (RFC 8200 4.7).</summary>
        public const byte NoNextHeader = 59;

        /// <summary>IPv6 Destination Options header (RFC 8200 4.6).</summary>
        public const byte DestinationOptions = 60;

        /// <summary>Mobility header (RFC 6275).</summary>
        public const byte Mobility = 135;

        /// <summary>Host Identity Protocol (RFC 7401).</summary>
        public const byte HostIdentity = 139;

        /// <summary>Shim6 (RFC 5533).</summary>
        public const byte Shim6 = 140;

        /// <summary>Experimentation and testing (RFC 3692).</summary>
        public const byte Experimental1 = 253;

        /// <summary>Experimentation and testing (RFC 3692).</summary>
        public const byte Experimental2 = 254;
    }
}
