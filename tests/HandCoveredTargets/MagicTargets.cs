using McpFuzz.Coverage;
using McpFuzz.Fuzzer.Targets;

namespace McpFuzz.HandCoveredTargets;

/// <summary>A planted bug: crashes on inputs starting with the 4 bytes <c>MCP!</c>.</summary>
public sealed class PlantedMagicCrash(string input) : Exception($"planted magic reached: {input}");

/// <summary>Checks the magic one byte at a time and records an edge for every byte that matched,
/// as instrumented code records the branch it took: each matching byte is new coverage, so a
/// coverage-guided engine climbs to the crash a byte at a time (about 4 × 256 tries, not 2^32).</summary>
public sealed class HandCoveredMagicTarget : IFuzzTarget
{
    public static readonly byte[] Magic = "MCP!"u8.ToArray();

    public string Name => "hand-covered-magic";

    public string Description => "Test only: crashes on the prefix MCP!, reporting an edge per matched byte.";

    public IReadOnlyList<string> CodeUnderTest => ["McpFuzz.HandCoveredTargets"];

    public void Run(ReadOnlySpan<byte> input)
    {
        Trace.Hit(0x1234);
        for (int i = 0; i < Magic.Length; i++)
        {
            if (input.Length <= i || input[i] != Magic[i]) return;
            Trace.Hit(0x2000 + 0x111 * i);
        }
        throw new PlantedMagicCrash(Convert.ToHexString(input[..Magic.Length]));
    }
}

/// <summary>The control: the same planted bug, with only the entry edge recorded, so an engine
/// sees a live target but nothing that leads it to the magic.</summary>
public sealed class UncoveredMagicTarget : IFuzzTarget
{
    public string Name => "uncovered-magic";

    public string Description => "Test only: crashes on the prefix MCP!, reporting no edge for the comparisons.";

    public IReadOnlyList<string> CodeUnderTest => ["McpFuzz.HandCoveredTargets"];

    public void Run(ReadOnlySpan<byte> input)
    {
        Trace.Hit(0x1234);
        if (input.StartsWith(HandCoveredMagicTarget.Magic)) throw new PlantedMagicCrash(Convert.ToHexString(input[..4]));
    }
}
