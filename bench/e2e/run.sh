#!/bin/sh
# End-to-end benchmark: kernel<->kernel over veth, raw TUN read/write ceilings, and TcpGen<->kernel over TUN (bulk both
# ways, connections per second). Needs root (network namespaces, TUN devices); every namespace it makes is deleted.
# Usage: sudo bench/e2e/run.sh [--seconds S]     (default 3 s per measurement)
set -e
cd "$(dirname "$0")/../.."
exec dotnet run -c Release --project bench/e2e -- "$@"
