using McpFuzz.Driver.Fuzz;
using McpFuzz.Driver.Reference;
using McpFuzz.Driver.Server;
using McpFuzz.Fuzzer.Sequences;
using McpFuzz.Model.Machines.Peers;
using McpFuzz.Model.Revisions;

namespace McpFuzz.Tests.Fuzzing;

/// <summary>
/// A finding of the long run on the conforming reference server: three initializes, DELETE, a
/// fourth initialize, then notifications/initialized bearing the DELETEd session id. The server
/// answers 404, as the spec requires for an ended session; the oracle expected 202, because the
/// model numbers only three sessions, the ended third and the new fourth got the same number, and
/// the oracle took the ended one for the live one.
/// </summary>
public sealed class StaleSessionAfterManySessionsTests
{
    [Fact]
    public async Task An_ended_session_stays_ended_after_the_model_runs_out_of_session_numbers()
    {
        await using var server = await EmbeddedTarget.StartAsync(PeerRevision.V2025_11_25, ServerProfile.None);
        using var probe = new HttpProbe(ProbeLimits.Default with { Listen = TimeSpan.FromMilliseconds(100) }, null);
        using var executor = new LiveExecutor(probe, server.Url, Revision.V2025_11_25, PeerRevision.V2025_11_25, []);
        var run = await executor.RunAsync(new ActionSequence(PeerRevision.V2025_11_25, [
            new SequenceStep(StepKind.Initialize),
            new SequenceStep(StepKind.Initialize),
            new SequenceStep(StepKind.Initialize),
            new SequenceStep(StepKind.Delete),
            new SequenceStep(StepKind.Initialize),
            new SequenceStep(StepKind.Initialized, StepFaults.StaleSession),
            new SequenceStep(StepKind.Initialized),
        ]));
        Assert.Null(run.Rule);
        Assert.Equal(404, run.Exchanges.Single(e => e.Step == 5).Judged.Exchange.Response!.Status);
        Assert.Equal(202, run.Exchanges.Single(e => e.Step == 6).Judged.Exchange.Response!.Status);
    }
}
