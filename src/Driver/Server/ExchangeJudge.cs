using McpFuzz.Driver.Wire;
using McpFuzz.Model.Checking.Oracle;
using McpFuzz.Model.Machines.Client;
using McpFuzz.Model.Machines.Http;
using System.Text;
using McpFuzz.Model.Machines.Peers;
using McpFuzz.Model.Revisions;
using McpFuzz.Model.Wire.Http;

namespace McpFuzz.Driver.Server;

/// <summary>One exchange as judged: the abstract request, the oracle's verdict, or why the exchange
/// could not be judged (a value the model has no abstraction for, or no answer at all).</summary>
public sealed record JudgedExchange(WireExchange Exchange, AbstractRequest? Request, ObservedAnswer? Answer, ServerJudgement? Judgement, string? Unjudged);

/// <summary>
/// Judges a server's conversation exchange by exchange: concrete traffic is abstracted
/// (<see cref="Abstraction"/>) and the answer is put to the conforming server machine of the
/// revision (<see cref="ServerOracle"/>). The live runner and <c>mcpfuzz trace</c> both judge through
/// this one path; neither knows a rule. Each message the server sent is also held to the content
/// rules (<see cref="MessageContent"/>) of the conversation's revision.
/// </summary>
public sealed class ExchangeJudge(PeerRevision peer, Revision revision)
{
    public Abstraction Abstraction { get; } = new();

    public ServerOracle Oracle { get; } = new(peer);

    /// <param name="streamEvents">For an HTTP+SSE POST: the events its GET stream carried after it.</param>
    public JudgedExchange Judge(WireExchange exchange, IReadOnlyList<WireSseEvent>? streamEvents = null)
    {
        var observed = Observe(exchange, streamEvents);
        if (observed is not { Request: { } request, Answer: { } answer, Exchange.Response: { } response }) return observed;
        return observed with { Judgement = WithContent(Oracle.Judge(request, answer), exchange.Request.Body, response, streamEvents) };
    }

    /// <summary>The exchange in the model's values, not judged: what a client-side judge follows
    /// (the proxy's client side reads what the client received, which a fault can make differ from
    /// what the server sent).</summary>
    public JudgedExchange Observe(WireExchange exchange, IReadOnlyList<WireSseEvent>? streamEvents = null)
    {
        var request = Abstraction.Request(exchange.Request);
        if (!request.IsAbstract) return new JudgedExchange(exchange, null, null, null, "request: " + request.Reason);
        if (exchange.Response is not { } response) return new JudgedExchange(exchange, request.Value, null, null, "no answer");
        var head = Abstraction.Response(response);
        if (!head.IsAbstract) return new JudgedExchange(exchange, request.Value, null, null, "response: " + head.Reason);
        var items = new List<SseItem>();
        foreach (var wire in streamEvents ?? response.Events)
        {
            var item = Abstraction.Event(wire);
            // An event the model has no value for (another event type, a comment-only keepalive) is left out.
            if (item.IsAbstract) items.Add(item.Value);
        }

        return new JudgedExchange(exchange, request.Value, new ObservedAnswer(head.Value, items, EndOf(response, items)), null, null);
    }

    /// <summary>The verdict with the content deviations of every message the answer carried.</summary>
    private ServerJudgement WithContent(ServerJudgement verdict, byte[] request, WireResponse response, IReadOnlyList<WireSseEvent>? streamEvents)
    {
        var deviations = new List<ServerDeviation>(verdict.Deviations);
        var rules = new HashSet<string>(verdict.Checked);
        var schema = verdict.Effective ?? revision;
        foreach (var message in MessagesOf(response, streamEvents)) deviations.AddRange(MessageContent.Judge(request, message, schema, rules));
        return verdict with { Deviations = deviations, Checked = rules.ToArray() };
    }

    /// <summary>The JSON-RPC payloads of an answer: a JSON body, or the data of its message events
    /// (priming events and <c>endpoint</c> events carry none).</summary>
    private static IEnumerable<byte[]> MessagesOf(WireResponse response, IReadOnlyList<WireSseEvent>? streamEvents)
    {
        if (streamEvents is null && !response.IsEventStream)
        {
            if (response.Body.Length > 0 && MediaType.IsJsonContentType(response.Headers.Get(HeaderNames.ContentType))) yield return response.Body;
            yield break;
        }

        foreach (var e in streamEvents ?? response.Events)
        {
            if (e.Type == "message" && e.Data.Length > 0) yield return Encoding.UTF8.GetBytes(e.Data);
        }
    }

    /// <summary>The model's end of an answer: a body the server finished after the response is
    /// clean; one it finished (or broke) before the response was closed early; one the client
    /// stopped listening to is still open.</summary>
    private static StreamEnd EndOf(WireResponse response, List<SseItem> items)
    {
        if (response.End is null || response.End.Kind == StreamEndKind.Timeout) return StreamEnd.Open;
        bool answered = items.Any(i => i.Kind == EventKind.Message && i.Message.IsResponse);
        return !response.IsEventStream || answered ? StreamEnd.Clean : StreamEnd.ServerClosed;
    }
}
