using McpFuzz.Driver.Fuzz;
using McpFuzz.Driver.Reference;
using McpFuzz.Driver.Server;
using McpFuzz.Fuzzer.Sequences;
using McpFuzz.Model.Machines.Peers;
using McpFuzz.Model.Revisions;

namespace McpFuzz.Tests.Fuzzing;

/// <summary>
/// The long run's finding on the conforming reference server: a ping with a repeated "id" member
/// (malformed body #8), then a resume of the initialize stream from its priming event id. The
/// reference server keeps the last "id" (as RFC 8259 lets a receiver, and as the abstraction
/// does), serves the ping and moves on; the resume then replays nothing. The fuzzer used to keep
/// the oracle out of every malformed body, so the oracle still expected the initialize result on
/// the resume and reported shttp.no-close-before-response against a conforming server.
/// </summary>
public sealed class DuplicateIdResumeTests
{
    private static async Task<LiveRun> RunAsync(params SequenceStep[] steps)
    {
        await using var server = await EmbeddedTarget.StartAsync(PeerRevision.V2025_11_25, ServerProfile.None);
        using var probe = new HttpProbe(ProbeLimits.Default with { Listen = TimeSpan.FromMilliseconds(100) }, null);
        using var executor = new LiveExecutor(probe, server.Url, Revision.V2025_11_25, PeerRevision.V2025_11_25, []);
        return await executor.RunAsync(new ActionSequence(PeerRevision.V2025_11_25, steps));
    }

    [Fact]
    public async Task A_served_ping_with_a_repeated_id_is_followed_by_the_oracle_and_the_resume_after_it_conforms()
    {
        Assert.Contains("\"id\":2}", MalformedBodies.All[8], StringComparison.Ordinal);
        var run = await RunAsync(
            new SequenceStep(StepKind.Initialize),
            new SequenceStep(StepKind.Initialized, StepFaults.MalformedBody, Corpus: 8),
            new SequenceStep(StepKind.Resume, Pick: 0));
        Assert.Null(run.Rule);

        // The ping was served under the last "id" and judged by the oracle (it has an abstract request).
        var ping = Assert.Single(run.Exchanges, e => e.Step == 1).Judged;
        Assert.Contains("\"id\":2,\"result\"", string.Join("\n", ExchangeLines.Of(ping.Exchange)), StringComparison.Ordinal);
        Assert.NotNull(ping.Request);
        Assert.True(MalformedAnswer.ServerReadAsMessage(ping.Exchange));
    }

    [Fact]
    public async Task A_refused_malformed_body_stays_out_of_the_oracle()
    {
        var run = await RunAsync(
            new SequenceStep(StepKind.Initialize),
            new SequenceStep(StepKind.Request, StepFaults.MalformedBody, Corpus: 5),
            new SequenceStep(StepKind.Resume, Pick: 0));
        Assert.Null(run.Rule);
        var refused = Assert.Single(run.Exchanges, e => e.Step == 1).Judged;
        Assert.False(MalformedAnswer.ServerReadAsMessage(refused.Exchange));
        Assert.Null(refused.Request);
    }
}
