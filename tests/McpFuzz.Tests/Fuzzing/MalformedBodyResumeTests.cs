using McpFuzz.Driver.Fuzz;
using McpFuzz.Driver.Reference;
using McpFuzz.Driver.Server;
using McpFuzz.Fuzzer.Sequences;
using McpFuzz.Model.Machines.Peers;
using McpFuzz.Model.Revisions;

namespace McpFuzz.Tests.Fuzzing;

/// <summary>
/// The long run's findings on the conforming reference server: initialize, a POST with a
/// malformed body, then a resume of the initialize stream from its priming event id.
/// - Body #8 repeats "id". The reference server keeps the last one (RFC 8259 section 4 leaves the
///   reading to the receiver; most parsers, and the abstraction, keep the last pair), serves the
///   ping and moves on, so the resume replays nothing. The fuzzer kept the oracle out of every
///   malformed body, so the oracle still expected the initialize result and reported
///   shttp.no-close-before-response: the oracle was wrong. Body #4 (<c>"jsonrpc":"1.0"</c>), served
///   leniently, is the same case.
/// - Body #1 is empty. The abstraction read an empty POST as a request without an id; the
///   reference server stepped its machine on it, then failed to render the answer (500) with its
///   state already moved on: the reference server was wrong. It now refuses it with 400.
/// </summary>
public sealed class MalformedBodyResumeTests
{
    private static async Task<LiveRun> RunAsync(byte body)
    {
        await using var server = await EmbeddedTarget.StartAsync(PeerRevision.V2025_11_25, ServerProfile.None);
        using var probe = new HttpProbe(ProbeLimits.Default with { Listen = TimeSpan.FromMilliseconds(100) }, null);
        using var executor = new LiveExecutor(probe, server.Url, Revision.V2025_11_25, PeerRevision.V2025_11_25, []);
        return await executor.RunAsync(new ActionSequence(PeerRevision.V2025_11_25, [
            new SequenceStep(StepKind.Initialize),
            new SequenceStep(StepKind.Request, StepFaults.MalformedBody, Corpus: body),
            new SequenceStep(StepKind.Resume, Pick: 0),
        ]));
    }

    [Theory]
    [InlineData(8, "\"id\":2,\"result\"")]
    [InlineData(4, "\"id\":1,\"result\"")]
    public async Task A_served_malformed_body_is_followed_by_the_oracle_and_the_resume_after_it_conforms(byte body, string answered)
    {
        var run = await RunAsync(body);
        Assert.Null(run.Rule);
        var served = Assert.Single(run.Exchanges, e => e.Step == 1).Judged;
        Assert.Contains(answered, string.Join("\n", ExchangeLines.Of(served.Exchange)), StringComparison.Ordinal);
        Assert.True(MalformedAnswer.ServerReadAsMessage(served.Exchange));
        Assert.NotNull(served.Request);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(0)]
    public async Task A_refused_malformed_body_stays_out_of_the_oracle_and_the_stream_is_still_replayed(byte body)
    {
        var run = await RunAsync(body);
        Assert.Null(run.Rule);
        var refused = Assert.Single(run.Exchanges, e => e.Step == 1).Judged;
        Assert.Equal(400, refused.Exchange.Response!.Status);
        Assert.False(MalformedAnswer.ServerReadAsMessage(refused.Exchange));
        Assert.Null(refused.Request);
        var resumed = Assert.Single(run.Exchanges, e => e.Step == 2).Judged;
        Assert.Contains("protocolVersion", string.Join("\n", ExchangeLines.Of(resumed.Exchange)), StringComparison.Ordinal);
    }
}
