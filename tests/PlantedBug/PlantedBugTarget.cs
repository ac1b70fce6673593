using McpFuzz.Fuzzer.Targets;

namespace McpFuzz.PlantedBug;

/// <summary>
/// <c>planted-bug</c>: crashes only on input that starts with <see cref="Magic"/>. Each byte is
/// checked in a branch of its own, so every correct byte reached lights a new edge and a
/// coverage-guided engine climbs to the crash one byte at a time, while blind mutation needs
/// to guess all six at once (1 in 2^48).
/// </summary>
public sealed class PlantedBugTarget : IFuzzTarget
{
    /// <summary>The input prefix that crashes: "MCP!" then two binary bytes.</summary>
    public static ReadOnlySpan<byte> Magic => [(byte)'M', (byte)'C', (byte)'P', (byte)'!', 0xF0, 0x0D];

    public string Name => "planted-bug";

    public string Description => "Test target: throws PlantedBugFound on input starting with \"MCP!\" 0xF0 0x0D (proves an engine follows coverage).";

    public IReadOnlyList<string> CodeUnderTest => ["McpFuzz.PlantedBug"];

    public void Run(ReadOnlySpan<byte> input)
    {
        // Deliberately one nested branch per byte; do not fold into a SequenceEqual.
        Depth = 0;
        if (input.Length < 6) return;
        if (input[0] != 'M') return;
        Depth = 1;
        if (input[1] != 'C') return;
        Depth = 2;
        if (input[2] != 'P') return;
        Depth = 3;
        if (input[3] != '!') return;
        Depth = 4;
        if (input[4] != 0xF0) return;
        Depth = 5;
        if (input[5] != 0x0D) return;
        throw new PlantedBugFound();
    }

    /// <summary>How many magic bytes the last input matched before it stopped (a side effect that
    /// keeps each level a distinct block for any compiler; also handy in tests).</summary>
    public static int Depth { get; private set; }
}

/// <summary>The planted bug: what an engine should report as a crash.</summary>
public sealed class PlantedBugFound() : Exception("planted bug reached: input starts with the magic");
