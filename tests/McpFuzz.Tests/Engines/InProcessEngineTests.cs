using McpFuzz.Fuzzer.Engines;
using McpFuzz.HandCoveredTargets;

namespace McpFuzz.Tests.Engines;

[Collection(EngineCollection.Name)]
public sealed class InProcessEngineTests : IDisposable
{
    private const long Budget = 300_000;
    private readonly string directory = Directory.CreateTempSubdirectory("mcpfuzz-engine-").FullName;

    public void Dispose() => Directory.Delete(directory, recursive: true);

    private EngineStatus Campaign(bool feedback, ulong seed = 7, long runs = Budget)
    {
        using var engine = new InProcessEngine(new PlantedMagicTarget(), new EngineOptions
        {
            Seed = seed,
            MaxRuns = runs,
            MaxLength = 64,
            Feedback = feedback,
            CorpusDirectory = Path.Combine(directory, $"corpus-{feedback}-{seed}"),
            CrashDirectory = Path.Combine(directory, $"crashes-{feedback}-{seed}"),
        });
        return engine.Run();
    }

    [Fact]
    public void Coverage_feedback_finds_the_planted_magic_within_the_budget()
    {
        var status = Campaign(feedback: true);

        var crash = Assert.Single(status.NewCrashes);
        Assert.StartsWith("System.InvalidOperationException at McpFuzz.HandCoveredTargets.PlantedMagicTarget.Explode", crash.Signature.Text);
        Assert.Equal(PlantedMagicTarget.Magic, crash.Input.AsSpan(0, 5).ToArray());
        Assert.True(File.Exists(crash.Path));
        Assert.True(File.Exists(crash.Path + ".txt"));
    }

    [Fact]
    public void Without_feedback_the_same_budget_does_not_find_it()
    {
        var status = Campaign(feedback: false);

        Assert.Empty(status.NewCrashes);
        Assert.Equal(Budget, status.Executions);
    }
}
