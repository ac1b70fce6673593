using System.Text;
using System.Text.Json.Nodes;
using McpFuzz.Driver.Transcripts;
using McpFuzz.Driver.Wire;
using McpFuzz.Model.Wire.Http;
using McpFuzz.Model.Wire.Sse;
using static McpFuzz.Tests.Driver.HarFiles;

namespace McpFuzz.Tests.Driver;

public class HarTranscriptTests
{
    private const string Url = "http://127.0.0.1:3000/mcp";

    private static readonly (string, string)[] JsonPost = [("Content-Type", "application/json"), ("Accept", "application/json, text/event-stream")];

    private static RecordedTraffic Parse(string har, WireLogLimits? limits = null) => HarTranscript.Parse(Encoding.UTF8.GetBytes(har), limits);

    /// <summary>initialize answered by an event stream, the initialized notification answered 202,
    /// then a GET stream the browser aborted before any response (HTTP/2: with pseudo-header fields).</summary>
    private static JsonObject[] Session() =>
    [
        Entry(T0, "POST", Url, JsonPost, Initialize,
            200, [("Content-Type", "text/event-stream"), ("Mcp-Session-Id", "s1")], "id: e1\nretry: 1000\ndata:\n\nevent: message\ndata: " + InitializeResult + "\n\n"),
        Entry(T0.AddSeconds(1), "POST", Url, [.. JsonPost, ("Mcp-Session-Id", "s1")], Initialized, 202, [], null),
        Entry(T0.AddSeconds(2), "GET", Url, [(":method", "GET"), (":authority", "127.0.0.1:3000"), ("accept", "text/event-stream"), ("mcp-session-id", "s1")], null, 0, [], null),
    ];

    [Fact]
    public void A_session_maps_entry_by_entry_with_events_an_empty_202_and_an_aborted_request()
    {
        var traffic = Parse(Of(Session()));

        Assert.Empty(traffic.Problems);
        Assert.Equal(TrafficFormat.Har, traffic.Format);
        Assert.Equal([0, 1, 2], traffic.Exchanges.Select(e => e.Index));

        var initialize = traffic.Exchanges[0];
        Assert.Equal("POST", initialize.Request.Method);
        Assert.Equal(Url, initialize.Request.Url);
        Assert.Equal(HeaderList.Of(JsonPost), initialize.Request.Headers);
        Assert.Equal(Initialize, Encoding.UTF8.GetString(initialize.Request.Body));
        Assert.Equal(T0, initialize.Request.At);
        var stream = initialize.Response!;
        Assert.Equal(200, stream.Status);
        Assert.Equal("s1", stream.Headers.Get("mcp-session-id"));
        Assert.Empty(stream.Body);
        Assert.Equal(
            [
                new WireSseEvent("message", "e1", "", 1000, SseEventFlags.HasId | SseEventFlags.HasRetry),
                new WireSseEvent("message", null, InitializeResult, -1, SseEventFlags.None),
            ],
            stream.Events);
        Assert.Equal(T0.AddMilliseconds(10), stream.At);
        Assert.Equal(new WireStreamEnd(StreamEndKind.Clean, T0.AddMilliseconds(50)), stream.End);

        var notification = traffic.Exchanges[1];
        Assert.Equal("s1", notification.Request.Headers.Get("Mcp-Session-Id"));
        Assert.Equal(202, notification.Response!.Status);
        Assert.Empty(notification.Response.Body);
        Assert.Empty(notification.Response.Events);

        var aborted = traffic.Exchanges[2];
        Assert.Equal("GET", aborted.Request.Method);
        Assert.Equal(HeaderList.Of(("accept", "text/event-stream"), ("mcp-session-id", "s1")), aborted.Request.Headers);
        Assert.Null(aborted.Response);
    }

    [Fact]
    public void Base64_content_is_decoded_before_an_event_stream_is_read()
    {
        byte[] notUtf8 = [0x7B, 0xFF, 0x7D];
        string events = "data: " + InitializeResult + "\n\n";
        var traffic = Parse(Of(
            Entry(T0, "POST", Url, JsonPost, Initialize, 400, [("Content-Type", "application/json")], Convert.ToBase64String(notUtf8), "base64"),
            Entry(T0, "POST", Url, JsonPost, Initialize, 200, [("Content-Type", "text/event-stream")], Convert.ToBase64String(Encoding.UTF8.GetBytes(events)), "base64")));

        Assert.Empty(traffic.Problems);
        Assert.Equal(notUtf8, traffic.Exchanges[0].Response!.Body);
        Assert.Equal(InitializeResult, Assert.Single(traffic.Exchanges[1].Response!.Events).Data);
    }

    [Fact]
    public void A_file_cut_off_inside_an_entry_keeps_the_entries_before_it()
    {
        string whole = Of(Session());
        int third = whole.IndexOf("\"GET\"", StringComparison.Ordinal);
        var traffic = Parse(whole[..third]);

        var problem = Assert.Single(traffic.Problems);
        Assert.StartsWith("line ", problem.Place);
        Assert.Contains("cut off or not valid JSON after entry 2", problem.Reason);
        Assert.Equal(["POST", "POST"], traffic.Exchanges.Select(e => e.Request.Method));
        Assert.Equal(202, traffic.Exchanges[1].Response!.Status);
    }

    [Fact]
    public void Content_after_the_HAR_object_is_a_problem_after_the_entries_are_read()
    {
        var traffic = Parse(Of(Session()) + "\n{\"log\": {}}\n");

        Assert.Equal(3, traffic.Exchanges.Count);
        Assert.Contains("after entry 3", Assert.Single(traffic.Problems).Reason);
    }

    [Fact]
    public void Entries_that_cannot_be_used_are_reported_by_number_and_skipped()
    {
        var good = Entry(T0, "DELETE", Url, [("Mcp-Session-Id", "s1")], null, 405, [], null);
        JsonObject Broken(Action<JsonObject> change)
        {
            var entry = (JsonObject)good.DeepClone();
            change(entry);
            return entry;
        }

        string har = Of(
            Broken(e => e["request"]!.AsObject().Remove("url")),
            Broken(e => e["request"]!["headers"] = new JsonObject()),
            Broken(e => e["request"]!["headers"]!.AsArray().Add(new JsonObject { ["name"] = "X-No-Value" })),
            Broken(e => e["response"]!["status"] = "200"),
            Broken(e => e["response"]!["content"] = new JsonObject { ["text"] = "H4sI", ["encoding"] = "gzip" }),
            Broken(e => e["response"]!["content"] = new JsonObject { ["text"] = "not base64!", ["encoding"] = "base64" }),
            good)
            .Replace("\"entries\": [", "\"entries\": [ 42,", StringComparison.Ordinal);

        var traffic = Parse(har);
        Assert.Equal(["entry 1", "entry 2", "entry 3", "entry 4", "entry 5", "entry 6", "entry 7"], traffic.Problems.Select(p => p.Place));
        Assert.Equal("not a JSON object", traffic.Problems[0].Reason);
        Assert.Contains("without `method` or `url`", traffic.Problems[1].Reason);
        Assert.Contains("request `headers`", traffic.Problems[2].Reason);
        Assert.Contains("request `headers`", traffic.Problems[3].Reason);
        Assert.Contains("without a `status` number", traffic.Problems[4].Reason);
        Assert.Contains("`content.encoding` `gzip`", traffic.Problems[5].Reason);
        Assert.Contains("not base64", traffic.Problems[6].Reason);
        var exchange = Assert.Single(traffic.Exchanges);
        Assert.Equal(0, exchange.Index);
        Assert.Equal(405, exchange.Response!.Status);
    }

    [Theory]
    [InlineData("", "line 1", "cut off or not valid JSON")]
    [InlineData("GET /mcp HTTP/1.1", "line 1", "cut off or not valid JSON")]
    [InlineData("[1, 2]", "file", "not a JSON object")]
    [InlineData("{\"entries\": []}", "file", "no `log` object")]
    [InlineData("{\"log\": {\"version\": \"1.2\"}}", "file", "no `log.entries` list")]
    public void A_file_that_is_not_a_HAR_is_a_problem_not_an_exception(string text, string place, string reason)
    {
        var traffic = Parse(text);

        Assert.Empty(traffic.Exchanges);
        var problem = Assert.Single(traffic.Problems);
        Assert.Equal(place, problem.Place);
        Assert.Contains(reason, problem.Reason);
    }

    [Fact]
    public void An_entry_nested_deeper_than_the_reader_allows_is_a_problem_not_an_exception()
    {
        string deep = new string('[', 300) + new string(']', 300);
        var traffic = Parse(Of(Session()).Replace("\"cache\": {}", "\"cache\": " + deep, StringComparison.Ordinal));

        Assert.Empty(traffic.Exchanges);
        Assert.Contains("cut off or not valid JSON", Assert.Single(traffic.Problems).Reason);
    }

    [Fact]
    public void Entries_and_bodies_are_held_to_the_wire_log_limits()
    {
        string har = Of(Session());

        var shortBodies = Parse(har, new WireLogLimits(MaxLineLength: 40));
        Assert.Equal(["entry 1", "entry 2"], shortBodies.Problems.Select(p => p.Place));
        Assert.Contains("request body longer than 40 bytes", shortBodies.Problems[0].Reason);
        Assert.Equal("GET", Assert.Single(shortBodies.Exchanges).Request.Method); // the only entry without a body

        var fewEntries = Parse(har, new WireLogLimits(MaxLines: 2));
        var problem = Assert.Single(fewEntries.Problems);
        Assert.Equal("entry 3", problem.Place);
        Assert.Contains("more than 2 entries", problem.Reason);
        Assert.Equal(2, fewEntries.Exchanges.Count);
    }

    [Fact]
    public void A_file_longer_than_the_document_limit_is_refused_unread()
    {
        byte[] har = Encoding.UTF8.GetBytes(Of(Session()));

        var traffic = RecordedTraffic.Read(new MemoryStream(har), TrafficFormat.Har, new TrafficLimits { MaxDocumentLength = har.Length - 1 });

        Assert.Empty(traffic.Exchanges);
        Assert.Equal(TrafficProblem.InFile($"larger than {har.Length - 1} bytes; not read"), Assert.Single(traffic.Problems));
        Assert.Equal(3, RecordedTraffic.Read(new MemoryStream(har), TrafficFormat.Har, new TrafficLimits { MaxDocumentLength = har.Length }).Exchanges.Count);
    }
}
