using System;
using System.Collections.Generic;

namespace TcpGen.Cli.Apps
{
    /// <summary>The apps serve knows, by --app name.</summary>
    public static class ServerApps
    {
        /// <summary>The names accepted by --app, in help order.</summary>
        public static IReadOnlyList<string> Names { get; } = ["echo", "discard", "http", "chargen"];

        /// <summary>A fresh app for <paramref name="name"/>, or null when there is none by that name.</summary>
        public static IServerApp? Create(string name) => name switch
        {
            "echo" => new EchoApp(),
            "discard" => new DiscardApp(),
            "http" => new HttpApp(),
            "chargen" => new ChargenApp(),
            _ => null,
        };
    }
}
