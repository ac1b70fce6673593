using System.Buffers;
using McpFuzz.Model.Machines.Client;
using McpFuzz.Model.Machines.Http;
using McpFuzz.Model.Revisions;
using McpFuzz.Model.Wire.Sse;

namespace McpFuzz.Driver.Reference;

/// <summary>Turns what a server machine answered (an abstract response head, the SSE items of its
/// stream and how the stream ends) into concrete HTTP: status, headers and body. The machine has
/// decided everything that a rule is about; this only spells it.</summary>
public static class ResponseRenderer
{
    /// <param name="session">The session the exchange belongs to (0: none), for event ids and the endpoint URI.</param>
    /// <param name="requestIds">The concrete JSON id (raw text) of a symbolic request id, or null:
    /// a response goes out with the id of the request it answers, which on a resumed stream is not
    /// the request that carried it.</param>
    /// <param name="request">The symbolic id of the request being answered (0: none), for error bodies.</param>
    /// <param name="revision">The revision whose schema the messages follow.</param>
    /// <param name="methods">The method of a symbolic request id, which decides the shape of its result.</param>
    public static RenderedResponse Render(in AbstractResponse head, ReadOnlySpan<SseItem> items, StreamEnd end, ConcreteIds ids,
        byte session, Func<byte, string?> requestIds, byte request, Revision revision, Func<byte, string?>? methods = null)
    {
        var headers = new List<KeyValuePair<string, string>>();
        if (head.AssignedSession != 0) headers.Add(new("Mcp-Session-Id", ids.Session(head.AssignedSession)));
        if (head.Status == Status.Unauthorized401)
            headers.Add(new("WWW-Authenticate", head.ResourceMetadata ? "Bearer resource_metadata=\"/.well-known/oauth-protected-resource/mcp\"" : "Bearer"));

        byte[] body = [];
        switch (head.Body)
        {
            case Body.Json when head.Error != ErrorCode.None:
                if (MessageText.ErrorBody(head.Error, requestIds(request), revision) is { } error)
                {
                    headers.Add(new("Content-Type", "application/json"));
                    body = error;
                }

                break;
            case Body.Json:
                headers.Add(new("Content-Type", "application/json"));
                body = MessageText.Of(head.Message, requestIds(head.Message.RequestId), revision, methods?.Invoke(head.Message.RequestId));
                break;
            case Body.EventStream:
                headers.Add(new("Content-Type", "text/event-stream"));
                headers.Add(new("Cache-Control", "no-cache"));
                body = Events(items, ids, session, requestIds, revision, methods);
                break;
        }

        if (head.Status == Status.None) throw new ArgumentException("the model chose no status", nameof(head));
        return new RenderedResponse(head.Status.Code(), headers, body, end == StreamEnd.ServerClosed);
    }

    /// <summary>The SSE bytes of a stream's items: `message` events carry JSON-RPC (an array when
    /// batched), the legacy `endpoint` event carries the POST URI, a priming event is an id with
    /// empty data (2025-11-25/basic/transports#resumability-and-redelivery).</summary>
    public static byte[] Events(ReadOnlySpan<SseItem> items, ConcreteIds ids, byte session, Func<byte, string?> requestIds, Revision revision,
        Func<byte, string?>? methods = null)
    {
        var buffer = new ArrayBufferWriter<byte>();
        var writer = new SseWriter(buffer);
        foreach (var item in items)
        {
            string? id = item.EventId != 0 ? ids.Event(session, item.EventId) : null;
            long? retry = item.Retry ? 1000 : null;
            switch (item.Kind)
            {
                case EventKind.Endpoint:
                    writer.WriteEvent(ids.LegacyEndpoint(session), "endpoint", id, retry);
                    break;
                case EventKind.Priming:
                    writer.WritePriming(id ?? throw new ArgumentException("a priming event has an id", nameof(items)), retry);
                    break;
                default:
                    // A response names the request it answers; a subscription's notification, the listen request.
                    byte answers = item.Message.IsResponse ? item.Message.RequestId : item.Message.Subscription;
                    byte[] message = MessageText.Of(item.Message, requestIds(answers), revision, item.Message.IsResponse ? methods?.Invoke(answers) : null);
                    writer.WriteEvent(item.Batched ? [(byte)'[', .. message, (byte)']'] : message, null, id, retry);
                    break;
            }
        }

        return buffer.WrittenSpan.ToArray();
    }
}
