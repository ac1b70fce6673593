namespace McpFuzz.Tests.Cli;

public class DecodeSseTests
{
    [Fact]
    public void A_body_on_standard_input_prints_one_line_per_event_and_an_end_line()
    {
        var result = CliRunner.RunWithInput("id: 1\ndata: {\"jsonrpc\":\"2.0\",\"method\":\"ping\",\"id\":1}\n\n: keepalive\n\n", "decode", "sse");
        Assert.Equal(0, result.ExitCode);
        var e = Assert.Single(result.OfKind("event"));
        Assert.Equal("message", e.GetProperty("type").GetString());
        Assert.Equal("1", e.GetProperty("lastEventId").GetString());
        Assert.True(e.GetProperty("hasId").GetBoolean());
        Assert.Equal(" keepalive", Assert.Single(result.OfKind("comment")).GetProperty("text").GetString());
        var end = Assert.Single(result.OfKind("end"));
        Assert.False(end.GetProperty("endedInsideEvent").GetBoolean());
        Assert.Contains("1 event(s)", result.Error);
    }

    [Fact]
    public void Invalid_UTF8_and_an_unfinished_event_are_findings()
    {
        byte[] stream = [.. "data: a"u8, 0xFF, .. "\n\ndata: cut"u8];
        var result = CliRunner.RunWithInput(stream, "decode", "sse", "-");
        Assert.Equal(1, result.ExitCode);
        Assert.Contains("invalid-utf8", Assert.Single(result.OfKind("event")).GetProperty("flags").EnumerateArray().Select(f => f.GetString()));
        var end = Assert.Single(result.OfKind("end"));
        Assert.True(end.GetProperty("endedInsideEvent").GetBoolean());
        Assert.Contains("sse.utf8", result.Error);
        Assert.Contains("sse.complete-events", result.Error);
    }

    [Fact]
    public void A_limit_stops_the_stream_and_is_reported()
    {
        var result = CliRunner.RunWithInput("data: 1\n\ndata: 2\n\ndata: 3\n\n", "decode", "sse", "--max-events", "2");
        Assert.Equal(1, result.ExitCode);
        Assert.Equal(2, result.OfKind("event").Count());
        Assert.Equal("EventCount", Assert.Single(result.OfKind("end")).GetProperty("limit").GetString());
    }

    [Fact]
    public void With_jsonrpc_each_message_event_is_classified_and_other_events_are_not()
    {
        string stream = "event: endpoint\ndata: /message?sessionId=1\n\nid: p\ndata:\n\ndata: {\"jsonrpc\":\"2.0\",\"id\":null,\"error\":{\"code\":-32000,\"message\":\"m\"}}\n\n";
        var result = CliRunner.RunWithInput(stream, "decode", "sse", "--jsonrpc");
        var events = result.OfKind("event").ToList();
        Assert.Equal("event type is not message", events[0].GetProperty("notClassified").GetString());
        Assert.Equal("priming event", events[1].GetProperty("notClassified").GetString());
        var message = events[2].GetProperty("message");
        Assert.Equal("error", message.GetProperty("kind").GetString());
        Assert.Equal("jsonrpc.id-not-null", message.GetProperty("violations")[0].GetProperty("rule").GetString());
        Assert.Empty(message.GetProperty("validIn").EnumerateArray());
        Assert.Equal(1, result.ExitCode);
    }

    [Fact]
    public void The_reference_conformance_server_sends_priming_events_with_retry()
    {
        var result = CliRunner.Run("decode", "sse", "--sample", "streamable-http-conformance-reference-server.txt");
        var priming = result.OfKind("event").Where(e => e.GetProperty("flags").EnumerateArray().Any(f => f.GetString() == "priming")).ToList();
        Assert.NotEmpty(priming);
        Assert.All(priming, p => Assert.Equal(5000, p.GetProperty("retry").GetInt64()));
        Assert.Equal(0, result.ExitCode);
    }

    [Fact]
    public void The_legacy_transport_announces_its_endpoint_first()
    {
        var result = CliRunner.Run("decode", "sse", "--sample", "legacy-sse-everything.txt");
        var first = result.OfKind("event").First();
        Assert.Equal("endpoint", first.GetProperty("type").GetString());
        Assert.StartsWith("/message?sessionId=", first.GetProperty("data").GetString());
    }

    [Fact]
    public void Every_sample_decodes_without_an_internal_error()
    {
        var result = CliRunner.Run("decode", "sse", "--sample", "all", "--jsonrpc");
        Assert.InRange(result.ExitCode, 0, 1);
        Assert.DoesNotContain("internal error", result.Error);
        Assert.Equal(McpFuzz.Driver.Inputs.Samples.Names.Count, result.Lines.Select(l => l.GetProperty("input").GetString()).Distinct().Count());
        Assert.All(result.OfKind("end"), end => Assert.False(end.GetProperty("invalidUtf8").GetBoolean()));
    }
}
