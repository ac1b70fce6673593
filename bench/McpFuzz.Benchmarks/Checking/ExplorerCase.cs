using McpFuzz.Model.Checking;
using McpFuzz.Model.Machines.Peers;

namespace McpFuzz.Benchmarks.Checking;

/// <summary>Fixed explorations of <c>mcpfuzz check</c>, each one pairing with the default fault budget of 2.</summary>
public enum ExplorerCase
{
    /// <summary>2025-11-25 client and server: the largest conforming pairing, complete (about 1.3 million states).</summary>
    Streamable2025_11_25,

    /// <summary>Dual-era client and server: a complete exploration of the two eras side by side.</summary>
    DualEra,
}

public static class ExplorerCases
{
    private static readonly Dictionary<ExplorerCase, long> StateCounts = [];

    public static Pairing PairingOf(ExplorerCase @case) => @case switch
    {
        ExplorerCase.Streamable2025_11_25 => new Pairing(PeerRevision.V2025_11_25, ClientProfile.None, PeerRevision.V2025_11_25, ServerProfile.None, 2),
        ExplorerCase.DualEra => new Pairing(PeerRevision.DualEra, ClientProfile.None, PeerRevision.DualEra, ServerProfile.None, 2),
        _ => throw new ArgumentOutOfRangeException(nameof(@case)),
    };

    public static ExplorationBounds Bounds { get; } = new();

    /// <summary>Distinct states one exploration finds (explored once, then remembered): what the
    /// states/s column divides by the time of an operation.</summary>
    public static long States(ExplorerCase @case)
    {
        lock (StateCounts)
        {
            if (!StateCounts.TryGetValue(@case, out long states))
            {
                states = Explorer.Run(new McpWorld(PairingOf(@case)), Bounds).States;
                StateCounts[@case] = states;
            }

            return states;
        }
    }
}
