using McpFuzz.Driver.Fuzz;
using McpFuzz.Driver.Reference;
using McpFuzz.Driver.Server;
using McpFuzz.Fuzzer.Sequences;
using McpFuzz.Model.Machines.Peers;
using McpFuzz.Model.Revisions;

namespace McpFuzz.Tests.Fuzzing;

/// <summary>
/// Found fuzzing the reference server in its own process (JSON answers): an initialize whose JSON
/// answer the client cut at byte 36, then notifications/initialized. The server made the session
/// (the client read its id from the head); the oracle could not read the cut body, never followed,
/// and held the server to 404 for a session it did not know. A cut answer the oracle cannot read
/// now ends the run without a finding.
/// </summary>
public sealed class CutJsonAnswerTests
{
    [Fact]
    public async Task A_cut_json_answer_ends_the_run_without_a_finding()
    {
        await using var server = await ReferenceServer.StartAsync(PeerRevision.V2025_11_25, ServerProfile.None, ReplyStyle.Json);
        using var probe = new HttpProbe(ProbeLimits.Default with { Listen = TimeSpan.FromMilliseconds(100) }, null);
        using var executor = new LiveExecutor(probe, server.Url, Revision.V2025_11_25, PeerRevision.V2025_11_25, []);
        var run = await executor.RunAsync(new ActionSequence(PeerRevision.V2025_11_25, [
            new SequenceStep(StepKind.Initialize, AbortAt: 36),
            new SequenceStep(StepKind.Initialized),
        ]));
        Assert.Null(run.Rule);
        Assert.Equal(0, Assert.Single(run.Exchanges).Step);
    }
}
