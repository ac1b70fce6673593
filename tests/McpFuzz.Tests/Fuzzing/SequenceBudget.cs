namespace McpFuzz.Tests.Fuzzing;

/// <summary>How many sequences a property tries: a bounded number with a fixed seed in the normal
/// suite; <c>MCPFUZZ_LONG=1</c> (nightly jobs) raises it.</summary>
public static class SequenceBudget
{
    public static bool Long => Environment.GetEnvironmentVariable("MCPFUZZ_LONG") == "1";

    public static int Runs(int normal) => Long ? normal * 50 : normal;

    public const ulong Seed = 20261121;

    // FsCheck 3.6 Gen.Sample(count, rnd, size): the first number is how many values, the last their size.

}
