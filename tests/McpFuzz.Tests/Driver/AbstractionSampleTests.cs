using System.Text;
using McpFuzz.Driver.Inputs;
using McpFuzz.Driver.Transcripts;
using McpFuzz.Driver.Wire;
using McpFuzz.Model.Machines.Http;

namespace McpFuzz.Tests.Driver;

/// <summary>The abstraction of traffic captured from real peers (the embedded samples).</summary>
public class AbstractionSampleTests
{
    private static IReadOnlyList<WireExchange> Sample(string name) =>
        TranscriptExchanges.From(CurlTranscript.Parse(Encoding.UTF8.GetString(Samples.Resolve(name).Single().ReadAll())));

    private static AbstractExchange Abstract(Abstraction abstraction, WireExchange exchange)
    {
        var result = abstraction.Exchange(exchange);
        Assert.True(result.IsAbstract, result.Reason);
        return result.Value;
    }

    [Fact]
    public void The_endpoint_event_inside_a_POST_initialize_response_maps_to_an_endpoint_item_then_the_result()
    {
        var exchange = Abstract(new Abstraction(), Assert.Single(Sample("legacy-endpoint-in-streamable-post.txt")));

        Assert.Equal(Verb.Post, exchange.Request.Verb);
        Assert.Equal(Target.Mcp, exchange.Request.Target);
        Assert.Equal(Payload.Initialize, exchange.Request.Payload);
        Assert.Equal(VersionValue.V2025_06_18, exchange.Request.BodyVersion);
        Assert.Equal(1, exchange.Request.RequestId);
        Assert.Equal(AbstractResponse.Stream(), exchange.Response);
        Assert.Equal(
            [SseItem.Endpoint(), SseItem.Of(Message.Of(MessageKind.InitializeResult, 1, VersionValue.V2025_06_18))],
            exchange.Events);
    }

    [Fact]
    public void The_same_wire_log_line_by_line_gives_the_same_abstraction()
    {
        var exchanges = Sample("legacy-endpoint-in-streamable-post.txt");
        var file = new MemoryStream();
        using (var log = new WireLogWriter(file)) log.Exchange(exchanges[0]);
        var read = WireLogReader.Read(new MemoryStream(file.ToArray()));

        Assert.Empty(read.Problems);
        Assert.Equal(
            Abstract(new Abstraction(), exchanges[0]).ToString(),
            Abstract(new Abstraction(), Assert.Single(read.Exchanges)).ToString());
    }

    [Fact]
    public void A_resumption_names_the_priming_event_of_the_broken_stream_by_the_same_symbol()
    {
        // The conformance suite's reference server: initialize, initialized, a tool call whose
        // stream is closed after priming, then a GET with Last-Event-ID that replays the result.
        var abstraction = new Abstraction();
        var exchanges = Sample("streamable-http-conformance-reference-server.txt").Take(4).Select(e => Abstract(abstraction, e)).ToArray();

        Assert.Equal(1, exchanges[0].Response!.Value.AssignedSession);
        Assert.Equal([SseItem.Priming(1, retry: true), SseItem.Of(Message.Of(MessageKind.InitializeResult, 1, VersionValue.V2025_11_25), 2)], exchanges[0].Events);

        Assert.Equal(Payload.Initialized, exchanges[1].Request.Payload);
        Assert.Equal(1, exchanges[1].Request.Session);
        Assert.Equal(VersionValue.V2025_11_25, exchanges[1].Request.VersionHeader);
        Assert.Equal(AbstractResponse.Of(Status.Accepted202), exchanges[1].Response);

        Assert.Equal(Payload.ToolCall, exchanges[2].Request.Payload);
        Assert.Equal(2, exchanges[2].Request.RequestId);
        Assert.Equal([SseItem.Priming(3, retry: true)], exchanges[2].Events);

        Assert.Equal(Verb.Get, exchanges[3].Request.Verb);
        Assert.Equal(3, exchanges[3].Request.LastEventId);
        Assert.Equal([SseItem.Of(Message.Of(MessageKind.ToolResult, 2), 4)], exchanges[3].Events);
    }

    [Fact]
    public void Posts_to_the_path_a_legacy_endpoint_event_announced_target_the_legacy_endpoint()
    {
        var abstraction = new Abstraction();
        var exchanges = Sample("legacy-sse-everything.txt");
        // The GET stream in this capture also holds the answers to the later POSTs, so it is not
        // abstractable as a whole; its endpoint event is still read first.
        Assert.Contains("a result for id 1", abstraction.Exchange(exchanges[0]).Reason);

        var post = abstraction.Request(exchanges[1].Request);
        Assert.True(post.IsAbstract, post.Reason);
        Assert.Equal(Target.LegacyPost, post.Value.Target);
        Assert.Equal(Payload.Initialize, post.Value.Payload);
        Assert.Equal(VersionValue.V2024_11_05, post.Value.BodyVersion);
        Assert.Equal(Target.Mcp, new Abstraction().Request(exchanges[1].Request).Value.Target);
    }

    [Fact]
    public void Every_exchange_of_every_sample_maps_to_a_value_or_a_reason()
    {
        int abstracted = 0, refused = 0;
        foreach (string name in Samples.Names)
        {
            var abstraction = new Abstraction();
            foreach (var exchange in Sample(name))
            {
                var result = abstraction.Exchange(exchange);
                if (result.IsAbstract) abstracted++;
                else
                {
                    Assert.False(string.IsNullOrWhiteSpace(result.Reason));
                    refused++;
                }
            }
        }

        // Malformed probes have no abstract value; the lifecycle, pings and other requests do.
        Assert.True(abstracted >= 35, $"{abstracted} abstracted");
        Assert.True(refused >= 1, $"{refused} refused");
    }
}
