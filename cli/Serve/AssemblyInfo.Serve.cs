using System.Runtime.CompilerServices;

// serve and connect run in-process in the kernel integration tests (device in the test's namespace via --netns settings).
[assembly: InternalsVisibleTo("TcpGen.Integration.Tests")]
[assembly: InternalsVisibleTo("TcpGen.Tests")]
