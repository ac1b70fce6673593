using System.Text;
using System.Text.Json.Nodes;
using McpFuzz.Driver.Reference;
using McpFuzz.Model.Wire.Sse;
using Xunit;

namespace McpFuzz.Tests.Driver;

/// <summary>Every framing of the reference server spells the same events: our WHATWG decoder reads
/// the reframed bytes, fed in the writes the server makes, as the events of the canonical stream.</summary>
public class WireFramingTests
{
    /// <summary>A priming event with retry, then a response, as the renderer writes them.</summary>
    private static readonly byte[] Canonical = Encoding.UTF8.GetBytes(
        "id: s1-e1\nretry: 1000\ndata: \n\n" +
        "id: s1-e2\ndata: {\"jsonrpc\":\"2.0\",\"id\":1,\"result\":{\"tools\":[{\"name\":\"echo\",\"description\":\"é\"}]}}\n\n" +
        "event: endpoint\ndata: /messages?sessionId=a\n\n");

    public static TheoryData<string> Framings() => new(Framing.Keys);

    private static readonly Dictionary<string, WireFraming> Framing = new[]
    {
        WireFraming.Plain, WireFraming.Comments, WireFraming.CrLineEndings, WireFraming.CrLfLineEndings, WireFraming.MultiLine, WireFraming.SplitWrites,
    }.ToDictionary(f => f.Name);

    [Theory]
    [MemberData(nameof(Framings))]
    public void Reframed_bytes_decode_to_the_same_events(string name)
    {
        var framing = Framing[name];
        var body = framing.Reframe(Canonical);

        var expected = Decode([Canonical]);
        var actual = Decode(framing.Writes(body).Select(w => w.ToArray()));

        Assert.Equal(expected.Count, actual.Count);
        for (int i = 0; i < expected.Count; i++)
        {
            Assert.Equal(expected[i].Type, actual[i].Type);
            Assert.Equal(expected[i].Id, actual[i].Id);
            Assert.Equal(expected[i].Retry, actual[i].Retry);
            Assert.Equal(Json(expected[i].Data), Json(actual[i].Data));
        }
    }

    [Fact]
    public void Each_framing_changes_the_bytes_the_way_it_says()
    {
        string Text(WireFraming f) => Encoding.UTF8.GetString(f.Reframe(Canonical));

        Assert.Equal(Canonical, WireFraming.Plain.Reframe(Canonical));
        Assert.StartsWith(":", Text(WireFraming.Comments));
        Assert.Equal(4, Text(WireFraming.Comments).Split('\n').Count(l => l.StartsWith(':')));
        Assert.DoesNotContain("\n", Text(WireFraming.CrLineEndings));
        Assert.Contains("\r", Text(WireFraming.CrLineEndings));
        Assert.Contains("\r\n\r\n", Text(WireFraming.CrLfLineEndings));
        Assert.True(Text(WireFraming.MultiLine).Split('\n').Count(l => l.StartsWith("data:")) > 5);
        Assert.True(WireFraming.SplitWrites.Writes(WireFraming.SplitWrites.Reframe(Canonical)).All(w => w.Length <= 7));
        Assert.Single(WireFraming.Plain.Writes(Canonical));
    }

    /// <summary>Data compared as JSON where it is JSON (indentation is whitespace), else as text.</summary>
    private static string Json(string data)
    {
        try
        {
            return JsonNode.Parse(data)?.ToJsonString() ?? "null";
        }
        catch (System.Text.Json.JsonException)
        {
            return data;
        }
    }

    private static List<(string Type, string? Id, long Retry, string Data)> Decode(IEnumerable<byte[]> writes)
    {
        var reader = new SseReader();
        var events = new List<(string, string?, long, string)>();
        foreach (var write in writes)
        {
            ReadOnlySpan<byte> chunk = write;
            while (true)
            {
                var token = reader.Read(chunk, out int consumed, out SseEvent item);
                chunk = chunk[consumed..];
                if (token != SseToken.Event) break;
                events.Add((item.TypeString(), item.HasId ? item.LastEventIdString() : null, item.Retry, item.DataString()));
            }
        }

        return events;
    }
}
