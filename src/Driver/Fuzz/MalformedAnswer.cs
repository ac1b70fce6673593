using System.Text;
using McpFuzz.Driver.Server;
using McpFuzz.Driver.Wire;
using McpFuzz.Model.Checking.Oracle;
using McpFuzz.Model.Revisions;
using McpFuzz.Model.Wire.Http;

namespace McpFuzz.Driver.Fuzz;

/// <summary>
/// The answer to a malformed body is not put to the server oracle: the abstraction reads some
/// malformed bodies as valid requests (a notification with array params, a request whose id is an
/// object), and the oracle would then hold the server to serving them and adopt a state the server
/// never entered. What is judged is the content of every message the server sent back (an error's
/// id must still be a valid id), and that there was an answer at all.
/// </summary>
public static class MalformedAnswer
{
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
