using System.Buffers;
using System.Text;
using McpFuzz.Model.Wire.Sse;

namespace McpFuzz.Tests.Wire.Sse;

public class SseWriterTests
{
    private static string Write(SseFraming framing, Action<SseWriter> write)
    {
        var buffer = new ArrayBufferWriter<byte>();
        write(new SseWriter(buffer, framing));
        return Encoding.UTF8.GetString(buffer.WrittenSpan);
    }

    [Fact]
    public void The_default_framing_is_the_common_one()
    {
        string text = Write(SseFraming.Default, w => w.WriteEvent("{\"a\":1}", "message", "7", 3000));
        Assert.Equal("id: 7\nretry: 3000\ndata: {\"a\":1}\n\n", text);
    }

    [Fact]
    public void Odd_framings_are_written_exactly()
    {
        var odd = new SseFraming
        {
            LineEnding = SseLineEnding.Cr, SpaceAfterColon = false, MetadataAfterData = true,
            CommentBeforeEvents = "", OmitMessageType = false,
        };
        string text = Write(odd, w => w.WriteEvent("a\r\nb", "message", "9"));
        Assert.Equal(":\revent:message\rdata:a\rdata:b\rid:9\r\r", text);
    }

    [Fact]
    public void A_value_that_starts_with_a_space_keeps_it()
    {
        string text = Write(SseFraming.Default with { SpaceAfterColon = false }, w => w.WriteEvent(" x"));
        Assert.Equal("data:  x\n\n", text);
    }

    [Fact]
    public void Priming_events_have_an_id_and_empty_data_in_either_spelling()
    {
        Assert.Equal("id: p\nretry: 5\ndata: \n\n", Write(SseFraming.Default, w => w.WritePriming("p", 5)));
        Assert.Equal("id: p\ndata\n\n", Write(SseFraming.Default with { BareEmptyFields = true }, w => w.WritePriming("p")));
    }

    [Fact]
    public void Fields_that_cannot_carry_a_line_break_are_refused()
    {
        Assert.Throws<ArgumentException>(() => Write(SseFraming.Default, w => w.WriteEvent("x", id: "a\nb")));
        Assert.Throws<ArgumentException>(() => Write(SseFraming.Default, w => w.WriteEvent("x", type: "a\rb")));
    }

    [Theory]
    [InlineData(SseSplit.None, new int[0])]
    [InlineData(SseSplit.EveryByte, new[] { 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12 })]
    [InlineData(SseSplit.InsideLineEndings, new[] { 9, 11 })]
    [InlineData(SseSplit.MidLine, new[] { 4 })]
    public void Splits_cut_where_they_say(SseSplit split, int[] cuts)
    {
        byte[] stream = "data: ab\r\n\r\nx"u8.ToArray();
        Assert.Equal(cuts, SseSegments.Cuts(stream, split));
    }

    [Theory]
    [InlineData(SseSplit.EveryByte)]
    [InlineData(SseSplit.InsideLineEndings)]
    [InlineData(SseSplit.MidLine)]
    public void A_split_stream_reads_the_same(SseSplit split)
    {
        var buffer = new ArrayBufferWriter<byte>();
        var writer = new SseWriter(buffer, SseFraming.Default with { LineEnding = SseLineEnding.CrLf });
        writer.WritePriming("1", 100);
        writer.WriteEvent("{\"jsonrpc\":\"2.0\",\"method\":\"ping\",\"id\":1}", "message", "2");
        byte[] stream = buffer.WrittenSpan.ToArray();
        var cuts = SseSegments.Cuts(stream, split);
        var sizes = cuts.Prepend(0).Append(stream.Length).Zip(cuts.Append(stream.Length), (from, to) => to - from).Where(n => n > 0).ToArray();
        Assert.Equal(stream.Length, sizes.Sum());
        Assert.True(SseObserver.Observe(stream).Equivalent(SseObserver.Observe(stream, chunkSizes: sizes)));
    }
}
