using McpFuzz.Model.Wire.Sse;

namespace McpFuzz.Tests.Wire.Sse;

public class SseReaderLimitTests
{
    [Theory]
    [InlineData(null)]
    [InlineData(new[] { 3 })]
    [InlineData(new[] { 1 })]
    public void A_line_longer_than_the_limit_stops_the_stream_at_that_line(int[]? plan)
    {
        var options = new SseReaderOptions { MaxLineLength = 10 };
        var observation = SseObserver.Observe("data: ok\n\ndata: far too long\n\n"u8.ToArray(), options, plan);
        Assert.Equal("ok", Assert.Single(observation.Events).DataText);
        Assert.Equal(SseLimit.LineLength, observation.Limit);
        Assert.Equal(10, observation.LimitOffset);
        Assert.Equal(SseLimit.LineLength, observation.End.Limit);
    }

    [Fact]
    public void A_line_of_exactly_the_limit_is_accepted()
    {
        var options = new SseReaderOptions { MaxLineLength = 10 };
        var observation = SseObserver.Observe("data: 1234\n\n"u8.ToArray(), options, [2]);
        Assert.Equal("1234", Assert.Single(observation.Events).DataText);
        Assert.Equal(SseLimit.None, observation.Limit);
    }

    [Fact]
    public void An_unterminated_line_is_bounded_too()
    {
        var options = new SseReaderOptions { MaxLineLength = 8 };
        var reader = new SseReader(options);
        Assert.Equal(SseToken.NeedMoreData, reader.Read("data: ab"u8, out _, out _));
        Assert.Equal(SseToken.LimitExceeded, reader.Read("c"u8, out _, out _));
        Assert.Equal(SseLimit.LineLength, reader.Limit);
    }

    [Fact]
    public void Data_beyond_the_event_size_stops_the_stream()
    {
        var options = new SseReaderOptions { MaxEventSize = 8 };
        var observation = SseObserver.Observe("data: abc\n\ndata: abc\ndata: defg\n\n"u8.ToArray(), options);
        Assert.Equal("abc", Assert.Single(observation.Events).DataText);
        Assert.Equal(SseLimit.EventSize, observation.Limit);
        Assert.Equal(11, observation.LimitOffset);
    }

    [Fact]
    public void The_event_count_is_bounded()
    {
        var options = new SseReaderOptions { MaxEvents = 2 };
        var observation = SseObserver.Observe("data: 1\n\ndata: 2\n\ndata: 3\n\n"u8.ToArray(), options);
        Assert.Equal(["1", "2"], observation.Events.Select(e => e.DataText));
        Assert.Equal(SseLimit.EventCount, observation.Limit);
    }

    [Fact]
    public void After_a_limit_every_call_reports_it_and_consumes_nothing()
    {
        var reader = new SseReader(new SseReaderOptions { MaxLineLength = 4 });
        Assert.Equal(SseToken.LimitExceeded, reader.Read("data: x\n\n"u8, out _, out _));
        Assert.Equal(SseToken.LimitExceeded, reader.Read("data: y\n\n"u8, out int consumed, out _));
        Assert.Equal(0, consumed);
    }

    [Fact]
    public void Memory_stays_bounded_for_an_endless_line()
    {
        var reader = new SseReader(new SseReaderOptions { MaxLineLength = 1024 });
        byte[] chunk = new byte[100];
        chunk.AsSpan().Fill((byte)'a');
        SseToken token = SseToken.NeedMoreData;
        for (int i = 0; i < 1000 && token == SseToken.NeedMoreData; i++) token = reader.Read(chunk, out _, out _);
        Assert.Equal(SseToken.LimitExceeded, token);
        Assert.True(reader.BytesConsumed <= 1024 + chunk.Length);
    }
}
