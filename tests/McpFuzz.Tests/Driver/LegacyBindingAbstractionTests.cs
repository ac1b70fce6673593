using System.Text;
using McpFuzz.Driver.Wire;
using McpFuzz.Model.Machines.Http;
using McpFuzz.Model.Wire.Http;
using McpFuzz.Model.Wire.Sse;

namespace McpFuzz.Tests.Driver;

/// <summary>
/// An HTTP+SSE POST is bound to its GET stream by the exact endpoint URI the stream announced
/// (its query names the stream). A POST to the same path with another query names a stream that
/// was never announced, and the model must see that, or a server refusing it looks wrong.
/// </summary>
public class LegacyBindingAbstractionTests
{
    private const string Initialize =
        """{"jsonrpc":"2.0","id":1,"method":"initialize","params":{"protocolVersion":"2024-11-05","capabilities":{},"clientInfo":{"name":"t","version":"1"}}}""";

    private static WireRequest Post(string url) =>
        new("POST", url, HeaderList.Of(("Content-Type", "application/json")), Encoding.UTF8.GetBytes(Initialize));

    private static Abstraction Announcing(string endpoint)
    {
        var abstraction = new Abstraction();
        Assert.Equal(EventKind.Endpoint, abstraction.Event(new WireSseEvent("endpoint", null, endpoint, -1, SseEventFlags.None)).Value.Kind);
        return abstraction;
    }

    [Theory]
    [InlineData("/messages?sessionId=abc")]
    [InlineData("http://127.0.0.1:1/messages?sessionId=abc")]
    public void A_post_to_the_announced_uri_is_bound_to_the_stream(string endpoint)
    {
        var request = Announcing(endpoint).Request(Post("http://127.0.0.1:1/messages?sessionId=abc")).Value;

        Assert.Equal(Target.LegacyPost, request.Target);
        Assert.Equal(0, request.Session);
    }

    [Fact]
    public void A_post_to_the_endpoint_path_with_another_query_names_an_unannounced_stream()
    {
        var abstraction = Announcing("/messages?sessionId=abc");

        var other = abstraction.Request(Post("http://127.0.0.1:1/messages?sessionId=never")).Value;
        var again = abstraction.Request(Post("http://127.0.0.1:1/messages?sessionId=never")).Value;
        var bound = abstraction.Request(Post("http://127.0.0.1:1/messages?sessionId=abc")).Value;

        Assert.Equal(Target.LegacyPost, other.Target);
        Assert.NotEqual(0, other.Session);
        Assert.Equal(other.Session, again.Session);
        Assert.Equal(0, bound.Session);
    }
}
