using McpFuzz.Model.Machines.Http;

namespace McpFuzz.Driver.Wire;

/// <summary>An exchange in the model's terms: the request, the response head (null when none came)
/// and, for an event stream, its events in order.</summary>
public sealed record AbstractExchange(AbstractRequest Request, AbstractResponse? Response, IReadOnlyList<SseItem> Events)
{
    public override string ToString() =>
        Request + (Response is { } r ? " -> " + r : " -> (no response)") + string.Concat(Events.Select(e => "; " + e));
}
