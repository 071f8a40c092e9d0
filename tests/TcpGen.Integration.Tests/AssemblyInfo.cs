using Xunit;

// Kernel tests create namespaces, devices and peer processes and move a lot of data on a 2-core machine:
// run them one at a time so they neither compete for CPU nor time out.
[assembly: CollectionBehavior(DisableTestParallelization = true)]
