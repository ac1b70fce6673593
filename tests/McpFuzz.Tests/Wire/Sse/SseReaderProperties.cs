using System.Buffers;
using FsCheck;
using FsCheck.Fluent;
using McpFuzz.Fuzzer.Generators;
using McpFuzz.Model.Wire.Sse;

namespace McpFuzz.Tests.Wire.Sse;

public class SseReaderProperties
{
    private static readonly Config Many = Config.QuickThrowOnFailure.WithMaxTest(1000).WithQuietOnSuccess(true);

    [Fact]
    public void Any_partition_of_the_bytes_gives_the_same_tokens_and_end()
    {
        var streamsAndPlans = from stream in SseGenerators.Streams
                              from plan in SseGenerators.ChunkPlans
                              select (stream, plan);
        Check.One(Many, Prop.ForAll(streamsAndPlans.ToArbitrary(), t =>
        {
            var whole = SseObserver.Observe(t.stream);
            var chunked = SseObserver.Observe(t.stream, chunkSizes: t.plan);
            SseObserver.AssertEquivalent(whole, chunked, t.stream, t.plan);
        }));
    }

    [Fact]
    public void Any_partition_gives_the_same_result_when_a_limit_stops_the_stream()
    {
        var options = SseReaderOptions.Default with { MaxLineLength = 12, MaxEventSize = 20, MaxEvents = 3, ReportComments = true };
        var streamsAndPlans = from stream in SseGenerators.Streams
                              from plan in SseGenerators.ChunkPlans
                              select (stream, plan);
        Check.One(Many, Prop.ForAll(streamsAndPlans.ToArbitrary(), t =>
        {
            var whole = SseObserver.Observe(t.stream, options);
            var chunked = SseObserver.Observe(t.stream, options, t.plan);
            SseObserver.AssertEquivalent(whole, chunked, t.stream, t.plan);
        }));
    }

    [Fact]
    public void Arbitrary_bytes_never_throw_and_never_exceed_the_limits()
    {
        var options = SseReaderOptions.Default with { MaxLineLength = 16, MaxEventSize = 24, MaxEvents = 4, ReportComments = true };
        var bytes = Gen.OneOf(SseGenerators.Streams, ArbMap.Default.GeneratorFor<byte[]>());
        Check.One(Many, Prop.ForAll(bytes.ToArbitrary(), Arb.From(SseGenerators.ChunkPlans), (stream, plan) =>
        {
            var observation = SseObserver.Observe(stream, options, plan);
            Assert.True(observation.Events.Count() <= options.MaxEvents);
            foreach (var e in observation.Events)
            {
                Assert.True(e.Data.Length / 2 < options.MaxEventSize);
                Assert.True(e.Type.Length / 2 <= options.MaxLineLength);
                Assert.True(e.LastEventId.Length / 2 <= options.MaxLineLength);
            }

            Assert.True(observation.End.UnterminatedLineBytes <= options.MaxLineLength);
            Assert.Equal(observation.Limit != SseLimit.None, observation.LimitOffset >= 0);
        }));
    }

    [Fact]
    public void Whatever_the_writer_frames_the_reader_gives_back()
    {
        var cases = from events in Gen.ListOf(SseGenerators.Events)
                    from framing in SseGenerators.Framings
                    from plan in SseGenerators.ChunkPlans
                    from bom in ArbMap.Default.GeneratorFor<bool>()
                    select (events: events.ToArray(), framing, plan, bom);
        Check.One(Many, Prop.ForAll(cases.ToArbitrary(), c =>
        {
            var buffer = new ArrayBufferWriter<byte>();
            var writer = new SseWriter(buffer, c.framing);
            if (c.bom) writer.WriteBom();
            foreach (var e in c.events) writer.WriteEvent(e.Data, e.Type, e.Id, e.Retry);

            var observation = SseObserver.Observe(buffer.WrittenSpan.ToArray(), chunkSizes: c.plan);
            var read = observation.Events.ToArray();
            Assert.Equal(c.events.Length, read.Length);
            string lastId = "";
            for (int i = 0; i < read.Length; i++)
            {
                var spec = c.events[i];
                lastId = spec.Id ?? lastId;
                Assert.Equal(spec.Type ?? "message", read[i].TypeText);
                Assert.Equal(spec.Data, read[i].DataText);
                Assert.Equal(lastId, read[i].LastEventIdText);
                Assert.Equal(spec.Id is not null, (read[i].Flags & SseEventFlags.HasId) != 0);
                Assert.Equal(spec.Retry ?? -1, read[i].Retry);
            }

            Assert.Equal(c.bom, observation.HadBom);
            Assert.False(observation.End.EndedInsideEvent);
            Assert.False(observation.SawInvalidUtf8);
        }));
    }
}
