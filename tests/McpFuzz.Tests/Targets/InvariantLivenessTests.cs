using System.Text;
using McpFuzz.Fuzzer.Targets;
using McpFuzz.Model.Wire.JsonRpc;
using McpFuzz.Model.Wire.Sse;

namespace McpFuzz.Tests.Targets;

/// <summary>The targets' checks are live: fed a deliberately wrong comparison, or a reader with a
/// lowered limit, each reports an <see cref="InvariantViolation"/>.</summary>
public class InvariantLivenessTests
{
    private static readonly byte[] TwoEvents = "event: a\nid: 1\ndata: first\n\ndata: second\ndata: line\n\n"u8.ToArray();

    [Fact]
    public void The_limit_check_catches_an_event_beyond_a_lowered_limit()
    {
        var outcome = SseReading.Read(TwoEvents, SseReaderOptions.Default);
        SseChunkedTarget.CheckLimits(outcome, SseReaderOptions.Default);
        Assert.Throws<InvariantViolation>(() => SseChunkedTarget.CheckLimits(outcome, SseReaderOptions.Default with { MaxEventSize = 6 }));
        Assert.Throws<InvariantViolation>(() => SseChunkedTarget.CheckLimits(outcome, SseReaderOptions.Default with { MaxEvents = 1 }));
        Assert.Throws<InvariantViolation>(() => SseChunkedTarget.CheckLimits(outcome, SseReaderOptions.Default with { MaxLineLength = 1 }));
    }

    [Fact]
    public void The_limit_is_reported_where_the_reference_puts_it()
    {
        var options = new SseReaderOptions { MaxEventSize = 8 };
        var outcome = SseReading.Read(TwoEvents, options, new InputRandom(TwoEvents));
        Assert.Equal(SseLimit.EventSize, outcome.Limit);
        Assert.Equal(WhatwgEventStream.Parse(TwoEvents, options).Outcome.LimitOffset, outcome.LimitOffset);
        Assert.Single(outcome.Items);
        new SseChunkedTarget(options).Run(TwoEvents);
    }

    [Fact]
    public void Outcome_comparison_sees_a_changed_event_and_a_missing_one()
    {
        var a = SseReading.Read(TwoEvents, SseReaderOptions.Default);
        var changed = SseReading.Read(Encoding.ASCII.GetBytes(Encoding.ASCII.GetString(TwoEvents).Replace("first", "frist")), SseReaderOptions.Default);
        var shorter = SseReading.Read(TwoEvents, SseReaderOptions.Default with { MaxEvents = 1 });
        Assert.Null(SseOutcome.Difference(a, a, "a", "a"));
        Assert.Contains("item 0", SseOutcome.Difference(a, changed, "a", "b"));
        Assert.NotNull(SseOutcome.Difference(a, shorter, "a", "b"));
    }

    [Fact]
    public void The_differential_target_reports_our_reader_when_it_is_wrong()
    {
        new SseDifferentialTarget().Run(TwoEvents);
        var error = Assert.Throws<InvariantViolation>(() => new SseDifferentialTarget(SseReaderOptions.Default with { MaxEvents = 1 }).Run(TwoEvents));
        Assert.Contains("our reader wrong", error.Message);
    }

    [Theory]
    [InlineData("event: foo\n\ndata: x\n\n")]
    [InlineData("event:\ndata: x\n\n")]
    [InlineData("retry: 7\0\ndata: x\n\n")]
    [InlineData("retry: 10000000000000000\ndata: x\n\n")]
    public void The_known_SseParser_deviations_are_excluded(string stream)
    {
        Assert.Equal(4, SseParserDeviations.All.Count);
        new SseDifferentialTarget().Run(Encoding.UTF8.GetBytes(stream));
    }

    [Fact]
    public void The_classifier_target_reports_a_reference_that_disagrees()
    {
        byte[] request = """{"jsonrpc":"2.0","id":1,"method":"ping"}"""u8.ToArray();
        new JsonRpcClassifierTarget().Run(request);
        var wrongKind = new JsonRpcClassifierTarget(p => JsonRpcDomClassifier.Classify(p) with { Kind = JsonRpcKind.Notification });
        Assert.Throws<InvariantViolation>(() => wrongKind.Run(request));
        var wrongFacts = new JsonRpcClassifierTarget(p => JsonRpcDomClassifier.Classify(p) with { Facts = JsonRpcFacts.BadVersion });
        Assert.Throws<InvariantViolation>(() => wrongFacts.Run(request));
        var notJson = new JsonRpcClassifierTarget(p => JsonRpcDomClassifier.Classify("x"u8));
        Assert.Throws<InvariantViolation>(() => notJson.Run(request));
    }

    [Fact]
    public void The_SseReader_bug_found_by_the_chunked_target_stays_fixed()
    {
        // A partial BOM (EF BB) starting a first line already longer than MaxLineLength = 1.
        byte[] stream = [0xEF, 0xBB, (byte)'x', (byte)'\n', (byte)'\n'];
        var options = new SseReaderOptions { MaxLineLength = 1 };
        var outcome = SseReading.Read(stream, options);
        Assert.Equal((SseLimit.LineLength, 0L), (outcome.Limit, outcome.LimitOffset));
        new SseChunkedTarget(options).Run(stream);
    }
}
