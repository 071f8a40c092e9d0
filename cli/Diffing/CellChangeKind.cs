namespace TcpGen.Cli.Diffing
{
    /// <summary>How a (state, event) cell differs between two tables.</summary>
    public enum CellChangeKind
    {
        /// <summary>Only the new table has the cell (its state or event is new).</summary>
        Added,

        /// <summary>Only the old table has the cell (its state or event was removed).</summary>
        Removed,

        /// <summary>Both have it, with a different next state, actions or ignore-ness.</summary>
        Changed,
    }
}
