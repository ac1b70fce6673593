using System.Text;
using McpFuzz.Driver.Server;
using McpFuzz.Driver.Wire;
using McpFuzz.Model.Checking.Oracle;
using McpFuzz.Model.Revisions;
using McpFuzz.Model.Wire.Http;
using McpFuzz.Model.Wire.JsonRpc;

namespace McpFuzz.Driver.Fuzz;

/// <summary>
/// The answer to a malformed body is not put to the server oracle: the abstraction reads some
/// malformed bodies as valid requests (a notification with array params, a request whose id is an
/// object), and the oracle would then hold the server to serving them and adopt a state the server
/// never entered. What is judged is the content of every message the server sent back (an error's
/// id must still be a valid id), and that there was an answer at all.
/// One exception (<see cref="ServerReadAsMessage"/>): a malformed body the server served. A
/// receiver may read some bodies leniently (RFC 8259 section 4 leaves the reading of a repeated
/// member name to it, and most parsers keep the last pair, as the abstraction does; a lenient
/// server serves <c>"jsonrpc":"1.0"</c>). A server that served one entered the state that request
/// leads to, and the oracle must follow, or it holds the server to a state it has left.
/// </summary>
public static class MalformedAnswer
{
    /// <summary>Whether the server served a malformed body as the request or notification the
    /// abstraction reads it as: the body is a JSON-RPC request or notification (whatever else is
    /// wrong with it), answered with a 2xx that carries no JSON-RPC error. Such an exchange is
    /// judged by the oracle like any other.</summary>
    public static bool ServerReadAsMessage(WireExchange exchange)
    {
        var envelope = JsonRpcClassifier.Classify(exchange.Request.Body);
        if (envelope.Kind is not (JsonRpcKind.Request or JsonRpcKind.Notification)) return false;
        return exchange.Response is { Status: >= 200 and < 300 } response
               && !MessagesOf(response).Any(m => JsonRpcClassifier.Classify(m).Kind == JsonRpcKind.Error);
    }

    public static JudgedExchange Judge(WireExchange exchange, Revision revision)
    {
        if (exchange.Response is not { } response) return new JudgedExchange(exchange, null, null, null, "no answer");
        var rules = new HashSet<string>();
        var deviations = new List<ServerDeviation>();
        foreach (var message in MessagesOf(response)) deviations.AddRange(MessageContent.Judge(exchange.Request.Body, message, revision, rules));
        return new JudgedExchange(exchange, null, null, new ServerJudgement(true, deviations, "any refusal of the malformed body", rules.ToArray()), null);
    }

    private static IEnumerable<byte[]> MessagesOf(WireResponse response)
    {
        if (!response.IsEventStream)
        {
            if (response.Body.Length > 0 && MediaType.IsJsonContentType(response.Headers.Get(HeaderNames.ContentType))) yield return response.Body;
            yield break;
        }

        foreach (var e in response.Events)
        {
            if (e.Type == "message" && e.Data.Length > 0) yield return Encoding.UTF8.GetBytes(e.Data);
        }
    }
}
