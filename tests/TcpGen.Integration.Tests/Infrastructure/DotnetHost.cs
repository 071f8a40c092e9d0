using System;
using System.IO;
using System.Runtime.InteropServices;

namespace TcpGen.Integration.Tests.Infrastructure
{
    /// <summary>The `dotnet` host running these tests, so child processes (the built tcpgen, the kernel peer) run on the same runtime.</summary>
    internal static class DotnetHost
    {
        /// <summary>DOTNET_HOST_PATH when the SDK set it, else the host above the running runtime, else `dotnet` on PATH.</summary>
        public static string Path
        {
            get
            {
                string? fromSdk = Environment.GetEnvironmentVariable("DOTNET_HOST_PATH");
                if (!string.IsNullOrEmpty(fromSdk) && File.Exists(fromSdk))
                {
                    return fromSdk;
                }

                // The runtime lives in DOTNET_ROOT/shared/Microsoft.NETCore.App/VERSION/.
                string root = System.IO.Path.GetFullPath(System.IO.Path.Combine(RuntimeEnvironment.GetRuntimeDirectory(), "..", "..", ".."));
                string host = System.IO.Path.Combine(root, "dotnet");
                return File.Exists(host) ? host : "dotnet";
            }
        }
    }
}
