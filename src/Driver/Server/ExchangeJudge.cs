using McpFuzz.Driver.Wire;
using McpFuzz.Model.Checking.Oracle;
using McpFuzz.Model.Machines.Client;
using McpFuzz.Model.Machines.Http;
using McpFuzz.Model.Machines.Peers;

namespace McpFuzz.Driver.Server;

/// <summary>One exchange as judged: the abstract request, the oracle's verdict, or why the exchange
/// could not be judged (a value the model has no abstraction for, or no answer at all).</summary>
public sealed record JudgedExchange(WireExchange Exchange, AbstractRequest? Request, ObservedAnswer? Answer, ServerJudgement? Judgement, string? Unjudged);

/// <summary>
/// Judges a server's conversation exchange by exchange: concrete traffic is abstracted
/// (<see cref="Abstraction"/>) and the answer is put to the conforming server machine of the
/// revision (<see cref="ServerOracle"/>). The live runner and <c>mcpfuzz trace</c> both judge through
/// this one path; neither knows a rule.
/// </summary>
public sealed class ExchangeJudge(PeerRevision peer)
{
    public Abstraction Abstraction { get; } = new();

    public ServerOracle Oracle { get; } = new(peer);

    /// <param name="streamEvents">For an HTTP+SSE POST: the events its GET stream carried after it.</param>
    public JudgedExchange Judge(WireExchange exchange, IReadOnlyList<WireSseEvent>? streamEvents = null)
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

        var answer = new ObservedAnswer(head.Value, items, EndOf(response, items));
        return new JudgedExchange(exchange, request.Value, answer, Oracle.Judge(request.Value, answer), null);
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
