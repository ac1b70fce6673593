namespace McpFuzz.Model.Machines.Http;

/// <summary>What an SSE event is, as the model sees it.</summary>
public enum EventKind : byte
{
    None,

    /// <summary>A default-type event whose data is a JSON-RPC message.</summary>
    Message,

    /// <summary>The legacy HTTP+SSE <c>endpoint</c> event; its data is the POST URI.</summary>
    Endpoint,

    /// <summary>A 2025-11-25 priming event: an <c>id</c> and empty data.</summary>
    Priming,
}

/// <summary>One dispatched SSE event: kind, symbolic event id (0: none), whether it set
/// <c>retry</c>, and the message it carries.</summary>
public struct SseItem : IEquatable<SseItem>
{
    public EventKind Kind;
    public byte EventId;
    public bool Retry;

    /// <summary>The data is a JSON-RPC array holding the message (2025-03-26 batching).</summary>
    public bool Batched;
    public Message Message;

    public static SseItem Of(Message message, byte eventId = 0) => new() { Kind = EventKind.Message, Message = message, EventId = eventId };

    public static SseItem Endpoint() => new() { Kind = EventKind.Endpoint };

    public static SseItem Priming(byte eventId, bool retry) => new() { Kind = EventKind.Priming, EventId = eventId, Retry = retry };

    public readonly bool Equals(SseItem other) =>
        Kind == other.Kind && EventId == other.EventId && Retry == other.Retry && Batched == other.Batched && Message.Equals(other.Message);

    public override readonly bool Equals(object? obj) => obj is SseItem other && Equals(other);

    public override readonly int GetHashCode() => HashCode.Combine(Kind, EventId, Retry, Message);

    public override readonly string ToString()
    {
        string id = EventId != 0 ? $" id: e{EventId}" : "";
        string retry = Retry ? " retry" : "";
        return Kind switch
        {
            EventKind.Endpoint => "SSE event `endpoint` (data: /messages?session)" + id,
            EventKind.Priming => "SSE priming event (empty data)" + id + retry,
            _ => $"SSE event `message` {(Batched ? "[batch: " + Message + "]" : Message.ToString())}{id}{retry}",
        };
    }
}
