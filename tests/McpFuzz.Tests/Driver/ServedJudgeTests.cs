using System.Text;
using McpFuzz.Driver.Client;
using McpFuzz.Driver.Wire;
using McpFuzz.Model.Checking.Oracle;
using McpFuzz.Model.Machines.Peers;
using McpFuzz.Model.Wire.Http;

namespace McpFuzz.Tests.Driver;

/// <summary>The replay of recorded server-side traffic into the client oracle: order, SSE events cut
/// across writes, the revision the client is held to, and the exchange a finding points at.</summary>
public class ServedJudgeTests
{
    private const string Url = "http://127.0.0.1:1/mcp";

    [Fact]
    public void A_conforming_conversation_with_an_event_split_across_writes_has_no_finding()
    {
        var verdict = ServedJudge.Judge(Conversation(sessionOnList: true), revision: null, ClientEnding.Succeeded);
        Assert.Empty(verdict.Deviations);
        Assert.Empty(verdict.Unreadable);
        Assert.Equal(PeerRevision.V2025_11_25, verdict.Client);
        Assert.Contains("session.client-sends-id", verdict.Checked);
        Assert.Single(verdict.Exchanges[0].Response!.Events);
    }

    [Fact]
    public void A_request_without_the_session_id_is_found_at_its_exchange()
    {
        var verdict = ServedJudge.Judge(Conversation(sessionOnList: false), revision: null, ClientEnding.Succeeded);
        var found = Assert.Single(verdict.Deviations);
        Assert.Equal("session.client-sends-id", found.Deviation.Rule);
        Assert.Equal(2, found.Exchange);
    }

    /// <summary>initialize (its result in an SSE event written in two pieces), initialized, tools/list.</summary>
    private static List<ServedEntry> Conversation(bool sessionOnList)
    {
        var entries = new List<ServedEntry>();
        var at = DateTimeOffset.UnixEpoch;
        void Add(ServedEntry entry) => entries.Add(entry with { Sequence = entries.Count });

        Add(Request(0, """{"jsonrpc":"2.0","id":1,"method":"initialize","params":{"protocolVersion":"2025-11-25","capabilities":{},"clientInfo":{"name":"c","version":"1"}}}""", null));
        Add(new ServedEntry(0, 0, ServedKind.Head, at) { Status = 200, Headers = HeaderList.Of(("Content-Type", "text/event-stream"), ("Mcp-Session-Id", "abc")) });
        const string result = """{"jsonrpc":"2.0","id":1,"result":{"protocolVersion":"2025-11-25","capabilities":{},"serverInfo":{"name":"s","version":"1"}}}""";
        var bytes = Encoding.UTF8.GetBytes("event: message\ndata: " + result + "\n\n");
        Add(new ServedEntry(0, 0, ServedKind.Chunk, at) { Bytes = bytes[..20] });
        Add(new ServedEntry(0, 0, ServedKind.Chunk, at) { Bytes = bytes[20..] });
        Add(new ServedEntry(0, 0, ServedKind.End, at) { End = StreamEndKind.Clean });

        Add(Request(1, """{"jsonrpc":"2.0","method":"notifications/initialized"}""", "abc"));
        Add(new ServedEntry(0, 1, ServedKind.Head, at) { Status = 202, Headers = HeaderList.Empty });
        Add(new ServedEntry(0, 1, ServedKind.End, at) { End = StreamEndKind.Clean });

        Add(Request(2, """{"jsonrpc":"2.0","id":2,"method":"tools/list"}""", sessionOnList ? "abc" : null));
        Add(new ServedEntry(0, 2, ServedKind.Head, at) { Status = 200, Headers = HeaderList.Of(("Content-Type", "application/json")) });
        Add(new ServedEntry(0, 2, ServedKind.Chunk, at) { Bytes = Encoding.UTF8.GetBytes("""{"jsonrpc":"2.0","id":2,"result":{"tools":[]}}""") });
        Add(new ServedEntry(0, 2, ServedKind.End, at) { End = StreamEndKind.Clean });
        return entries;
    }

    private static ServedEntry Request(int exchange, string body, string? session)
    {
        var headers = new List<(string, string)> { ("Accept", "application/json, text/event-stream"), ("Content-Type", "application/json") };
        if (session is not null)
        {
            headers.Add(("Mcp-Session-Id", session));
            headers.Add(("MCP-Protocol-Version", "2025-11-25"));
        }

        var request = new WireRequest("POST", Url, HeaderList.Of([.. headers]), Encoding.UTF8.GetBytes(body), DateTimeOffset.UnixEpoch);
        return new ServedEntry(0, exchange, ServedKind.Request, DateTimeOffset.UnixEpoch) { Request = request };
    }
}
