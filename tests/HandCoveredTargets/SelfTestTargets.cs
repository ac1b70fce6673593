using McpFuzz.Fuzzer.Targets;

namespace McpFuzz.HandCoveredTargets;

/// <summary>Crashes (an <see cref="InvalidOperationException"/>) when the input starts with the
/// five-byte magic <c>FUZZ!</c>: proves the engine turns coverage into findings.</summary>
public sealed class PlantedMagicTarget : IFuzzTarget
{
    public static readonly byte[] Magic = "FUZZ!"u8.ToArray();

    public string Name => "selftest-magic";
    public string Description => "engine self-test: a crash behind the 5-byte magic FUZZ!, hand-covered";
    public IReadOnlyList<string> CodeUnderTest => [];

    public void Run(ReadOnlySpan<byte> input)
    {
        if (MagicGate.Opens(input, Magic, 0x1100)) Explode(input.Length);
    }

    private static void Explode(int length) => throw new InvalidOperationException($"planted magic reached ({length} bytes)");
}

/// <summary>Recurses without bound when the input starts with <c>SO</c>: a stack overflow ends
/// the process, which only a supervised worker survives.</summary>
public sealed class StackOverflowTarget : IFuzzTarget
{
    public static readonly byte[] Magic = "SO"u8.ToArray();

    public string Name => "selftest-overflow";
    public string Description => "engine self-test: a stack overflow behind the 2-byte magic SO, hand-covered";
    public IReadOnlyList<string> CodeUnderTest => [];

    public void Run(ReadOnlySpan<byte> input)
    {
        if (MagicGate.Opens(input, Magic, 0x2200)) Recurse(input.Length);
    }

    // Not a tail call (the addition comes after), so the JIT cannot turn it into a loop.
    private static int Recurse(int depth) => 1 + Recurse(depth + 1);
}

/// <summary>Never returns when the input starts with <c>HANG</c>: the watchdog's case.</summary>
public sealed class HangTarget : IFuzzTarget
{
    public static readonly byte[] Magic = "HANG"u8.ToArray();

    public string Name => "selftest-hang";
    public string Description => "engine self-test: an endless loop behind the 4-byte magic HANG, hand-covered";
    public IReadOnlyList<string> CodeUnderTest => [];

    public void Run(ReadOnlySpan<byte> input)
    {
        if (!MagicGate.Opens(input, Magic, 0x3300)) return;
        while (true) Thread.SpinWait(100);
    }
}

/// <summary>Does nothing: the engine's own cost per execution.</summary>
public sealed class TrivialTarget : IFuzzTarget
{
    public string Name => "selftest-trivial";
    public string Description => "engine self-test: returns at once (measures the engine's overhead)";
    public IReadOnlyList<string> CodeUnderTest => [];

    public void Run(ReadOnlySpan<byte> input) => McpFuzz.Coverage.Trace.Hit(input.Length == 0 ? 0x4400 : 0x4401);
}

/// <summary>Hits one edge per value of the input's first two bytes (up to 65,536 edges, more than
/// a short campaign can see), and has no state: which edges a worker sees depends on its seed,
/// and running an input again always hits the same edges. So the union of two workers' edges
/// exceeds either's, and a replay of the corpus they kept reaches exactly that union.</summary>
public sealed class PairsTarget : IFuzzTarget
{
    public string Name => "selftest-pairs";
    public string Description => "engine self-test: one edge per value of the first two bytes, stateless, hand-covered";
    public IReadOnlyList<string> CodeUnderTest => [];

    public void Run(ReadOnlySpan<byte> input)
    {
        McpFuzz.Coverage.Trace.Prev = 0;
        McpFuzz.Coverage.Trace.Hit(input.Length < 2 ? 0x5500 : input[0] << 8 | input[1]);
    }
}
