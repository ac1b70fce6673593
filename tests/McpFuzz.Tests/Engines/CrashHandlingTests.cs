using McpFuzz.Fuzzer.Engines;
using McpFuzz.Fuzzer.Targets;
using McpFuzz.HandCoveredTargets;

namespace McpFuzz.Tests.Engines;

[Collection(EngineCollection.Name)]
public sealed class CrashHandlingTests : IDisposable
{
    private readonly string directory = Directory.CreateTempSubdirectory("mcpfuzz-crashes-").FullName;

    public void Dispose() => Directory.Delete(directory, recursive: true);

    /// <summary>Throws from one of two places chosen by the first byte, whatever else the input holds.</summary>
    private sealed class TwoBugsTarget : IFuzzTarget
    {
        public string Name => "two-bugs";
        public string Description => "";
        public IReadOnlyList<string> CodeUnderTest => [];

        public void Run(ReadOnlySpan<byte> input)
        {
            if (input.Length == 0) return;
            if (input[0] == (byte)'a') Alpha();
            if (input[0] == (byte)'b') Beta();
        }

        private static void Alpha() => throw new FormatException("a");
        private static void Beta() => throw new FormatException("b");
    }

    [Fact]
    public void Crashes_with_the_same_stack_are_kept_once_and_different_stacks_separately()
    {
        string crashes = Path.Combine(directory, "crashes");
        using var engine = new InProcessEngine(new TwoBugsTarget(), new EngineOptions
        {
            Seed = 3,
            MaxRuns = 3,
            Seeds = ["a1"u8.ToArray(), "a22"u8.ToArray(), "b333"u8.ToArray(), "x"u8.ToArray()],
            CrashDirectory = crashes,
        });

        var status = engine.Run();

        Assert.Equal(2, status.NewCrashes.Count);
        Assert.NotEqual(status.NewCrashes[0].Signature.Hash, status.NewCrashes[1].Signature.Hash);
        Assert.Contains("TwoBugsTarget.Alpha", status.NewCrashes[0].Signature.Text);
        Assert.Contains("TwoBugsTarget.Beta", status.NewCrashes[1].Signature.Text);
        var files = Directory.GetFiles(crashes, "crash-*").Select(Path.GetFileName).Order().ToList();
        Assert.Equal(4, files.Count);
        Assert.Equal("a1"u8.ToArray(), File.ReadAllBytes(status.NewCrashes[0].Path!));

        // A second campaign over the same directory knows both bugs already.
        using var again = new InProcessEngine(new TwoBugsTarget(), new EngineOptions { Seed = 4, MaxRuns = 3, Seeds = ["a9"u8.ToArray()], CrashDirectory = crashes });
        Assert.Empty(again.Run().NewCrashes);
    }

    [Fact]
    public void Minimisation_shrinks_a_crash_to_the_magic()
    {
        var random = new Prng(11);
        byte[] input = [.. PlantedMagicTarget.Magic, .. Enumerable.Range(0, 200).Select(_ => random.Byte())];

        byte[]? smallest = TargetRunner.Minimize(new PlantedMagicTarget(), input);

        Assert.Equal(PlantedMagicTarget.Magic, smallest);
    }

    [Fact]
    public void Minimisation_keeps_the_same_crash()
    {
        // "b" alone crashes in Beta; the shrinker must not settle for "a", which crashes elsewhere.
        byte[]? smallest = TargetRunner.Minimize(new TwoBugsTarget(), "bbbbbbbbaaaa"u8.ToArray());

        Assert.Equal("b"u8.ToArray(), smallest);
        Assert.Null(TargetRunner.Minimize(new TwoBugsTarget(), "xyz"u8.ToArray()));
    }

    [Fact]
    public void A_death_signature_comes_from_the_frames_the_runtime_printed()
    {
        const string stderr = """
            Stack overflow.
            Repeat 2000 times:
            --------------------------------
               at McpFuzz.HandCoveredTargets.StackOverflowTarget.Recurse(Int32)
            --------------------------------
               at McpFuzz.HandCoveredTargets.StackOverflowTarget.Run(System.ReadOnlySpan`1<Byte>)
               at McpFuzz.Fuzzer.Engines.InProcessEngine.Execute(System.ReadOnlySpan`1<Byte>)
               at McpFuzz.Driver.Cli.FuzzWorkerCommand.Whatever()
            """;

        var signature = CrashSignature.OfDeath("stack overflow", stderr);

        Assert.Equal("stack overflow at McpFuzz.HandCoveredTargets.StackOverflowTarget.Recurse < McpFuzz.HandCoveredTargets.StackOverflowTarget.Run", signature.Text);
    }
}
