namespace McpFuzz.Fuzzer.Targets;

/// <summary>
/// One fuzz target: code of ours that takes arbitrary bytes. <see cref="Run"/> returns normally
/// when the input is handled as the target's invariants require; any exception it lets escape
/// is a crash (an invariant that does not hold throws <see cref="InvariantViolation"/>). A target
/// is synchronous and single-threaded (the coverage trace has one <c>Prev</c>) and keeps no state
/// between runs that changes what a later input does.
/// </summary>
public interface IFuzzTarget
{
    /// <summary>The name used on the command line (<c>mcpfuzz fuzz NAME</c>), lower-case with dashes.</summary>
    string Name { get; }

    /// <summary>One line for <c>mcpfuzz fuzz --list</c>.</summary>
    string Description { get; }

    /// <summary>The names of the assemblies whose code the target exercises, the ones to
    /// instrument (for the parsers: <c>McpFuzz.Model</c>).</summary>
    IReadOnlyList<string> CodeUnderTest { get; }

    void Run(ReadOnlySpan<byte> input);
}

/// <summary>A target's invariant did not hold for an input: a bug, reported as a crash.</summary>
public sealed class InvariantViolation(string message) : Exception(message);
