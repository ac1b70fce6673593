using McpFuzz.Model.Wire.Sse;

namespace McpFuzz.Tests.Wire.Sse;

/// <summary>One test per rule of WHATWG HTML "interpreting an event stream".</summary>
public class SseReaderWhatwgTests
{
    private static Observed[] Events(string stream) => SseObserver.Observe(stream).Events.ToArray();

    [Fact]
    public void A_blank_line_dispatches_the_data_without_its_final_line_feed()
    {
        var e = Assert.Single(Events("data: hello\n\n"));
        Assert.Equal("hello", e.DataText);
        Assert.Equal("message", e.TypeText);
    }

    [Theory]
    [InlineData("data: a\ndata: b\n\n")]
    [InlineData("data: a\r\ndata: b\r\n\r\n")]
    [InlineData("data: a\rdata: b\r\r")]
    [InlineData("data: a\r\ndata: b\rdata: c\n\n")]
    public void Lines_end_with_CRLF_LF_or_CR_and_data_lines_join_with_LF(string stream)
    {
        var e = Assert.Single(Events(stream));
        Assert.StartsWith("a\nb", e.DataText);
    }

    [Fact]
    public void A_block_without_data_dispatches_nothing_and_resets_the_type()
    {
        var events = Events("event: foo\n\ndata: x\n\n");
        var e = Assert.Single(events);
        Assert.Equal("message", e.TypeText);
    }

    [Theory]
    [InlineData("id: 7\ndata:\n\n")]
    [InlineData("id: 7\ndata\n\n")]
    [InlineData("id: 7\nretry: 5000\ndata: \n\n")]
    public void An_empty_data_field_still_dispatches_the_priming_event(string stream)
    {
        var e = Assert.Single(Events(stream));
        Assert.Equal("", e.DataText);
        Assert.Equal("7", e.LastEventIdText);
        Assert.True((e.Flags & SseEventFlags.HasId) != 0);
    }

    [Fact]
    public void The_event_field_sets_the_type_and_an_empty_value_means_message()
    {
        var events = Events("event: endpoint\ndata: /message?sessionId=1\n\nevent:\ndata: y\n\n");
        Assert.Equal(["endpoint", "message"], events.Select(e => e.TypeText));
    }

    [Fact]
    public void Exactly_one_leading_space_is_removed_from_a_value()
    {
        var events = Events("data:x\n\ndata: x\n\ndata:  x\n\n");
        Assert.Equal(["x", "x", " x"], events.Select(e => e.DataText));
    }

    [Fact]
    public void A_line_without_a_colon_is_a_field_with_an_empty_value()
    {
        var events = Events("data\ndata\n\n");
        Assert.Equal("\n", Assert.Single(events).DataText);
    }

    [Fact]
    public void The_field_splits_at_the_first_colon_only()
    {
        Assert.Equal("a: b: c", Assert.Single(Events("data: a: b: c\n\n")).DataText);
    }

    [Fact]
    public void Comments_are_reported_separately_and_do_not_touch_the_event()
    {
        var observation = SseObserver.Observe(": keepalive\ndata: a\n:\ndata: b\n\n");
        Assert.Equal(["comment", "comment", "event"], observation.Items.Select(i => i.Kind));
        Assert.Equal(" keepalive", observation.Items[0].DataText);
        Assert.Equal("a\nb", observation.Items[2].DataText);
    }

    [Fact]
    public void Comments_are_counted_but_not_returned_unless_asked()
    {
        var reader = new SseReader();
        var bytes = "::\n: ping\ndata: a\n\n"u8.ToArray();
        var token = reader.Read(bytes, out int consumed, out SseEvent e);
        Assert.Equal(SseToken.Event, token);
        Assert.Equal(bytes.Length, consumed);
        Assert.Equal(2, reader.CommentCount);
    }

    [Fact]
    public void Unknown_fields_are_ignored_and_field_names_are_case_sensitive()
    {
        var events = Events("Data: no\nfoo: bar\ndata : no\ndata: yes\n\n");
        Assert.Equal("yes", Assert.Single(events).DataText);
    }

    [Fact]
    public void The_last_event_id_persists_until_changed_and_an_empty_id_resets_it()
    {
        var events = Events("id: 1\ndata: a\n\ndata: b\n\nid\ndata: c\n\n");
        Assert.Equal(["1", "1", ""], events.Select(e => e.LastEventIdText));
        Assert.Equal([true, false, true], events.Select(e => (e.Flags & SseEventFlags.HasId) != 0));
    }

    [Fact]
    public void An_id_containing_NUL_is_ignored_and_flagged()
    {
        var events = Events("id: 1\ndata: a\n\nid: 2\0x\ndata: b\n\n");
        Assert.Equal(["1", "1"], events.Select(e => e.LastEventIdText));
        Assert.True((events[1].Flags & SseEventFlags.IdRejected) != 0);
    }

    [Fact]
    public void An_id_in_a_block_without_data_still_sets_the_last_event_id()
    {
        var observation = SseObserver.Observe("id: 5\n\ndata: y\n\n");
        Assert.Equal("5", Assert.Single(observation.Events).LastEventIdText);
    }

    [Theory]
    [InlineData("retry: 3000\n", 3000, true)]
    [InlineData("retry: 007\n", 7, true)]
    [InlineData("retry:\n", -1, false)]
    [InlineData("retry: 5 \n", -1, false)]
    [InlineData("retry: +5\n", -1, false)]
    [InlineData("retry: 7\0\n", -1, false)]
    [InlineData("retry: -1\n", -1, false)]
    [InlineData("retry: 99999999999999999999999\n", long.MaxValue, true)]
    public void Retry_applies_only_when_the_value_is_all_ASCII_digits(string line, long expected, bool applied)
    {
        var observation = SseObserver.Observe(line + "data: x\n\n");
        Assert.Equal(expected, observation.ReconnectionTime);
        var e = Assert.Single(observation.Events);
        Assert.Equal(applied ? expected : -1, e.Retry);
        Assert.Equal(applied ? SseEventFlags.HasRetry : SseEventFlags.RetryRejected, e.Flags & (SseEventFlags.HasRetry | SseEventFlags.RetryRejected));
    }

    [Fact]
    public void One_leading_BOM_is_skipped_and_reported()
    {
        var observation = SseObserver.Observe("\uFEFFdata: x\n\n");
        Assert.True(observation.HadBom);
        Assert.Equal("x", Assert.Single(observation.Events).DataText);
        Assert.Equal(3, observation.Events.Single().Offset);
    }

    [Fact]
    public void A_second_BOM_is_part_of_the_first_field_name()
    {
        var observation = SseObserver.Observe("\uFEFF\uFEFFdata: x\n\ndata: y\n\n");
        Assert.Equal("y", Assert.Single(observation.Events).DataText);
    }

    [Fact]
    public void A_partial_BOM_is_ordinary_bytes_of_the_first_line()
    {
        byte[] stream = [0xEF, 0xBB, (byte)'\n', .. "data: x\n\n"u8];
        var observation = SseObserver.Observe(stream, chunkSizes: [1, 1, 1, 100]);
        Assert.False(observation.HadBom);
        Assert.Equal("x", Assert.Single(observation.Events).DataText);
    }

    [Fact]
    public void An_incomplete_event_at_the_end_is_discarded_and_reported()
    {
        var observation = SseObserver.Observe("data: a\n\ndata: b\n");
        Assert.Equal("a", Assert.Single(observation.Events).DataText);
        Assert.True(observation.End.EndedInsideEvent);
        Assert.True(observation.End.DiscardedEvent);
        Assert.Equal(0, observation.End.UnterminatedLineBytes);
    }

    [Fact]
    public void An_unterminated_last_line_is_never_processed()
    {
        var observation = SseObserver.Observe("data: a\n\nid: 9");
        Assert.Equal("", observation.LastEventId);
        Assert.Equal(5, observation.End.UnterminatedLineBytes);
        Assert.False(observation.End.DiscardedEvent);
    }

    [Fact]
    public void A_stream_that_ends_between_events_ends_cleanly()
    {
        var observation = SseObserver.Observe("data: a\n\n: bye\n");
        Assert.False(observation.End.EndedInsideEvent);
    }

    [Fact]
    public void Invalid_UTF8_is_replaced_as_WHATWG_decodes_and_flagged()
    {
        byte[] stream = [.. "data: a"u8, 0xFF, 0xC3, .. "b\n\n"u8];
        var observation = SseObserver.Observe(stream);
        var e = Assert.Single(observation.Events);
        Assert.Equal("a\uFFFD\uFFFDb", e.DataText);
        Assert.True((e.Flags & SseEventFlags.InvalidUtf8) != 0);
        Assert.True(observation.SawInvalidUtf8);
    }

    [Fact]
    public void Multibyte_characters_pass_through_unchanged()
    {
        var e = Assert.Single(Events("data: héllo 世界 🎉\n\n"));
        Assert.Equal("héllo 世界 🎉", e.DataText);
        Assert.Equal(SseEventFlags.None, e.Flags);
    }

    [Fact]
    public void Offsets_point_at_the_first_field_line_of_each_event()
    {
        var events = Events(": c\ndata: a\n\n\n\nevent: e\ndata: b\n\n");
        Assert.Equal([4, 15], events.Select(e => e.Offset));
        Assert.Equal([0, 1], events.Select(e => e.Index));
    }

    [Fact]
    public void Nul_bytes_in_data_are_data()
    {
        Assert.Equal("a\0b", Assert.Single(Events("data: a\0b\n\n")).DataText);
    }

    [Fact]
    public void Read_stops_after_each_event_and_leaves_the_rest_to_the_caller()
    {
        var reader = new SseReader();
        byte[] bytes = "data: a\n\ndata: b\n\n"u8.ToArray();
        Assert.Equal(SseToken.Event, reader.Read(bytes, out int consumed, out SseEvent first));
        Assert.Equal("a", first.DataString());
        Assert.Equal(9, consumed);
        Assert.Equal(SseToken.Event, reader.Read(bytes.AsSpan(consumed), out int consumed2, out SseEvent second));
        Assert.Equal("b", second.DataString());
        Assert.Equal(9, consumed2);
        Assert.Equal(SseToken.NeedMoreData, reader.Read([], out int consumed3, out _));
        Assert.Equal(0, consumed3);
        Assert.Equal(18, reader.BytesConsumed);
    }

    [Fact]
    public void Reset_forgets_the_last_event_id_and_reconnection_time()
    {
        var reader = new SseReader();
        reader.Read("id: 1\nretry: 5\ndata: a\n\n"u8, out _, out _);
        Assert.Equal("1"u8.ToArray(), reader.LastEventId.ToArray());
        reader.Reset();
        Assert.True(reader.LastEventId.IsEmpty);
        Assert.Equal(-1, reader.ReconnectionTime);
        Assert.Equal(0, reader.EventCount);
    }

    [Fact]
    public void Priming_is_an_id_with_empty_data_and_nothing_else_is()
    {
        var reader = new SseReader();
        reader.Read("id: p\ndata:\n\n"u8, out _, out SseEvent priming);
        Assert.True(priming.IsPriming);
        reader.Read("data:\n\n"u8, out _, out SseEvent empty);
        Assert.False(empty.IsPriming);
        reader.Read("id: q\ndata: x\n\n"u8, out _, out SseEvent full);
        Assert.False(full.IsPriming);
    }
}
