using System.Net.ServerSentEvents;
using System.Text;
using FsCheck;
using FsCheck.Fluent;
using McpFuzz.Fuzzer.Generators;

namespace McpFuzz.Tests.Wire.Sse;

/// <summary>Our reader agrees with a plain WHATWG transcription on every generated stream, and
/// System.Net.ServerSentEvents.SseParser agrees with the same transcription once exactly its
/// documented deviations are switched on. Each deviation has its own test with WHATWG as arbiter.</summary>
public class SseDifferentialTests
{
    private static readonly Config Many = Config.QuickThrowOnFailure.WithMaxTest(2000).WithQuietOnSuccess(true);

    private static (List<ReferenceEvent> Events, long ReconnectionTime, string LastEventId) Ours(byte[] stream, int[]? plan = null)
    {
        var observation = SseObserver.Observe(stream, chunkSizes: plan);
        return (observation.Events.Select(e => new ReferenceEvent(e.TypeText, e.DataText, e.LastEventIdText)).ToList(),
            observation.ReconnectionTime, Encoding.UTF8.GetString(Convert.FromHexString(observation.LastEventId)));
    }

    private static (List<ReferenceEvent> Events, long ReconnectionTime, string LastEventId) SseParserOf(byte[] stream)
    {
        var parser = SseParser.Create(new MemoryStream(stream), (type, data) => Encoding.UTF8.GetString(data));
        var events = new List<ReferenceEvent>();
        foreach (SseItem<string> item in parser.Enumerate())
        {
            // SseItem.EventId is per event; LastEventId is the persistent WHATWG value.
            events.Add(new ReferenceEvent(item.EventType, item.Data, parser.LastEventId));
        }

        long reconnection = parser.ReconnectionInterval == Timeout.InfiniteTimeSpan ? -1 : (long)parser.ReconnectionInterval.TotalMilliseconds;
        return (events, reconnection, parser.LastEventId);
    }

    private static void AssertSame((List<ReferenceEvent> Events, long ReconnectionTime, string LastEventId) expected,
        (List<ReferenceEvent> Events, long ReconnectionTime, string LastEventId) actual, byte[] stream)
    {
        string context = System.Text.Json.JsonSerializer.Serialize(Encoding.Latin1.GetString(stream));
        Assert.True(expected.Events.SequenceEqual(actual.Events),
            $"{context}\nexpected {string.Join(" ", expected.Events)}\nactual   {string.Join(" ", actual.Events)}");
        Assert.True(expected.ReconnectionTime == actual.ReconnectionTime, $"{context}: retry {expected.ReconnectionTime} vs {actual.ReconnectionTime}");
        Assert.True(expected.LastEventId == actual.LastEventId, $"{context}: last id {expected.LastEventId} vs {actual.LastEventId}");
    }

    [Fact]
    public void Our_reader_matches_WHATWG_on_generated_streams_in_any_chunking()
    {
        Check.One(Many, Prop.ForAll(SseGenerators.Streams.ToArbitrary(), Arb.From(SseGenerators.ChunkPlans), (stream, plan) =>
            AssertSame(WhatwgReference.Parse(stream), Ours(stream, plan), stream)));
    }

    [Fact]
    public void SseParser_matches_WHATWG_except_for_its_documented_deviations()
    {
        Check.One(Many, Prop.ForAll(SseGenerators.Streams.ToArbitrary(), stream =>
            AssertSame(WhatwgReference.Parse(stream, SseParserDeviations.All), SseParserOf(stream), stream)));
    }

    [Fact]
    public void Deviation_1_SseParser_keeps_the_type_of_a_block_without_data()
    {
        byte[] stream = "event: foo\n\ndata: x\n\n"u8.ToArray();
        Assert.Equal("message", Assert.Single(WhatwgReference.Parse(stream).Events).Type);
        Assert.Equal("message", Assert.Single(Ours(stream).Events).Type);
        Assert.Equal("foo", Assert.Single(SseParserOf(stream).Events).Type);
    }

    [Fact]
    public void Deviation_4_SseParser_reports_an_empty_event_field_as_an_empty_type()
    {
        byte[] stream = "event:\ndata: x\n\n"u8.ToArray();
        Assert.Equal("message", Assert.Single(WhatwgReference.Parse(stream).Events).Type);
        Assert.Equal("message", Assert.Single(Ours(stream).Events).Type);
        Assert.Equal("", Assert.Single(SseParserOf(stream).Events).Type);
    }

    [Fact]
    public void Deviation_2_SseParser_accepts_a_retry_with_trailing_NUL()
    {
        byte[] stream = "retry: 7\0\ndata: x\n\n"u8.ToArray();
        Assert.Equal(-1, WhatwgReference.Parse(stream).ReconnectionTime);
        Assert.Equal(-1, Ours(stream).ReconnectionTime);
        Assert.Equal(7, SseParserOf(stream).ReconnectionTime);
    }

    [Fact]
    public void Deviation_3_SseParser_ignores_a_retry_beyond_TimeSpan_range()
    {
        byte[] stream = "retry: 9223372036854775807\ndata: x\n\n"u8.ToArray();
        Assert.Equal(long.MaxValue, WhatwgReference.Parse(stream).ReconnectionTime);
        Assert.Equal(long.MaxValue, Ours(stream).ReconnectionTime);
        Assert.Equal(-1, SseParserOf(stream).ReconnectionTime);
    }
}
