namespace McpFuzz.Fuzzer.Targets;

/// <summary>
/// A target that feeds its input to the code under test in reads of several sizes (an incremental
/// parser). It tells the engine where the read boundaries fall for an input, so the mutator can
/// aim at the bytes either side of a boundary and shift content across it — where incremental
/// parsers keep their bugs (a CR at the end of one read, half of a UTF-8 sequence).
/// </summary>
public interface IChunkedFuzzTarget : IFuzzTarget
{
    /// <summary>The offsets in <paramref name="input"/> where one read ends and the next starts,
    /// ascending, each in (0, input.Length).</summary>
    IReadOnlyList<int> ChunkBoundaries(ReadOnlySpan<byte> input);
}
