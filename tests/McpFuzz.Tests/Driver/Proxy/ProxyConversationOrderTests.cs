using System.Text;
using McpFuzz.Driver.Proxy;
using McpFuzz.Driver.Wire;
using McpFuzz.Model.Revisions;
using McpFuzz.Model.Wire.Http;

namespace McpFuzz.Tests.Driver.Proxy;

/// <summary>Exchanges reach the server machine in the order their requests began, whatever order their answers end in.</summary>
public sealed class ProxyConversationOrderTests
{
    private const string Url = "http://127.0.0.1:9/mcp";

    private static WireRequest Post(string json, string? session) => new("POST", Url,
        session is null
            ? HeaderList.Of(("Content-Type", "application/json"), ("Accept", "application/json, text/event-stream"))
            : HeaderList.Of(("Content-Type", "application/json"), ("Accept", "application/json, text/event-stream"), ("Mcp-Session-Id", session), ("MCP-Protocol-Version", "2025-11-25")),
        Encoding.UTF8.GetBytes(json));

    [Fact]
    public void A_notification_that_ends_before_the_initialize_answer_waits_for_it_and_both_join_one_conversation()
    {
        var judging = new ProxyJudging(Revision.V2025_11_25, NoClientSideJudges.Instance);
        var initialize = Post("""{"jsonrpc":"2.0","id":1,"method":"initialize","params":{"protocolVersion":"2025-11-25","capabilities":{},"clientInfo":{"name":"t","version":"1"}}}""", null);
        var initializeHead = HeaderList.Of(("Content-Type", "application/json"), ("Mcp-Session-Id", "s1"));
        var notification = Post("""{"jsonrpc":"2.0","method":"notifications/initialized"}""", "s1");

        var first = judging.Enter(initialize);
        long firstTicket = first.Enter();
        judging.Bind(first, initialize, initializeHead);
        var second = judging.Enter(notification);
        long secondTicket = second.Enter();

        var early = judging.Finish(second, secondTicket, new WireExchange(1, notification, new WireResponse(202, HeaderList.Empty, [], [], new WireStreamEnd(StreamEndKind.Clean))));
        Assert.Same(first, second);
        Assert.Empty(early);
        Assert.Equal(0, first.Exchanges);

        var body = Encoding.UTF8.GetBytes("""{"jsonrpc":"2.0","id":1,"result":{"protocolVersion":"2025-11-25","capabilities":{},"serverInfo":{"name":"s","version":"1"}}}""");
        var found = judging.Finish(first, firstTicket, new WireExchange(0, initialize, new WireResponse(200, initializeHead, body, [], new WireStreamEnd(StreamEndKind.Clean))));

        Assert.Empty(found);
        Assert.Equal(2, first.Exchanges);
        var scenario = Assert.Single(judging.Report(Url, DateTimeOffset.UtcNow, TimeSpan.Zero).Scenarios);
        Assert.Contains("shttp.notification-202", scenario.RulesChecked);
    }
}
