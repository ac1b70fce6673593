using McpFuzz.Driver.Fuzz;
using McpFuzz.Driver.Reference;
using McpFuzz.Driver.Server;
using McpFuzz.Model.Machines.Peers;
using McpFuzz.Model.Machines.Rules;
using McpFuzz.Model.Revisions;

namespace McpFuzz.Tests.Fuzzing;

/// <summary>Stateful fuzzing of the embedded reference server: a deliberately broken profile is
/// found, shrunk against the live server to a few steps, confirmed and saved; the conforming
/// server shows no such failure in the same budget.</summary>
public sealed class LiveFuzzTests
{
    private static async Task<FuzzSummary> FuzzAsync(ServerProfile profile, string? outDirectory)
    {
        await using var server = await EmbeddedTarget.StartAsync(PeerRevision.V2025_11_25, profile);
        var limits = ProbeLimits.Default with { Listen = TimeSpan.FromMilliseconds(100) };
        using var probe = new HttpProbe(limits, null);
        using var executor = new LiveExecutor(probe, server.Url, Revision.V2025_11_25, PeerRevision.V2025_11_25, []);
        var options = new FuzzOptions(Runs: SequenceBudget.Runs(30), Time: null, Seed: 7, outDirectory, ShrinkRuns: 100);
        return await new FuzzCampaign(executor, options, TextWriter.Null, server.Url).RunAsync();
    }

    [Fact]
    public async Task A_server_answering_400_for_an_unknown_session_is_found_and_shrunk()
    {
        string directory = Path.Combine(Path.GetTempPath(), "mcpfuzz-fuzz-" + Guid.NewGuid().ToString("N"));
        try
        {
            var summary = await FuzzAsync(ServerProfile.Status400ForUnknownSession, directory);
            var failure = Assert.Single(summary.Failures, f => f.Rule == Cite.SessionExpired404);
            Assert.True(failure.Reproduced);
            Assert.True(failure.Minimal.Steps.Count <= 3, failure.Minimal.ToString());
            Assert.True(failure.Minimal.Steps.Count <= failure.Original.Steps.Count);

            // Saved as a replay file that reads back to the minimal sequence, with a curl script beside it.
            Assert.NotNull(failure.ReplayPath);
            Assert.Equal(failure.Minimal, ReplayFile.Load(failure.ReplayPath!));
            Assert.Equal(Cite.SessionExpired404, ReplayFile.RuleOf(failure.ReplayPath!));
            Assert.Contains("curl", File.ReadAllText(Path.ChangeExtension(failure.ReplayPath!, ".sh")), StringComparison.Ordinal);
            Assert.True(summary.States.Count >= 3);
        }
        finally
        {
            if (Directory.Exists(directory)) Directory.Delete(directory, recursive: true);
        }
    }

    [Fact]
    public async Task The_conforming_server_shows_no_failure_of_its_own_in_the_same_budget()
    {
        var summary = await FuzzAsync(ServerProfile.None, null);
        Assert.Empty(summary.Failures);
        Assert.True(summary.Exchanges > summary.Sequences);
    }
}
