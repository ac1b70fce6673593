using System.Text;
using McpFuzz.Model.Machines.Http;
using McpFuzz.Model.Wire;
using McpFuzz.Model.Wire.Http;
using McpFuzz.Model.Wire.JsonRpc;

namespace McpFuzz.Driver.Wire;

/// <summary>
/// Maps concrete traffic to the model's abstract wire values, one conversation at a time: session
/// ids, event ids and JSON-RPC ids become symbols in order of first appearance, results are
/// recognised by the request they answer, and a POST to a path announced by an <c>endpoint</c>
/// event targets the legacy POST endpoint (bound to that stream only when it is the announced URI,
/// query included). Feed exchanges in the order they happened. All MCP
/// syntax is read with the Model's wire layer. Never throws on peer input: whatever the model has
/// no value for comes back as <see cref="Abstracted{T}.Not"/> with the reason.
/// </summary>
public sealed class Abstraction
{
    private static readonly Uri Placeholder = new("http://placeholder.invalid/");

    private readonly HashSet<string> _legacyPostPaths = new(StringComparer.Ordinal);
    private readonly HashSet<string> _legacyEndpoints = new(StringComparer.Ordinal);
    private readonly MessageAbstraction _messages;

    public Abstraction() => _messages = new MessageAbstraction(RequestIds);

    public Symbols Sessions { get; } = new();

    public Symbols Events { get; } = new();

    public Symbols RequestIds { get; } = new();

    /// <summary>The request, the response head and every event, in that order (an <c>endpoint</c>
    /// event affects the targets of later requests). The first part without a value decides the reason.</summary>
    public Abstracted<AbstractExchange> Exchange(WireExchange exchange)
    {
        var request = Request(exchange.Request);
        if (!request.IsAbstract) return Abstracted<AbstractExchange>.Not("request: " + request.Reason);
        if (exchange.Response is not { } concrete) return Abstracted<AbstractExchange>.Of(new AbstractExchange(request.Value, null, []));
        var response = Response(concrete);
        if (!response.IsAbstract) return Abstracted<AbstractExchange>.Not("response: " + response.Reason);
        var events = new List<SseItem>();
        for (int i = 0; i < concrete.Events.Count; i++)
        {
            var item = Event(concrete.Events[i]);
            if (!item.IsAbstract) return Abstracted<AbstractExchange>.Not($"SSE event {i + 1}: {item.Reason}");
            events.Add(item.Value);
        }

        return Abstracted<AbstractExchange>.Of(new AbstractExchange(request.Value, response.Value, events));
    }

    public Abstracted<AbstractRequest> Request(WireRequest wire)
    {
        var request = new AbstractRequest();
        switch (wire.Method)
        {
            case "POST": request.Verb = Verb.Post; break;
            case "GET": request.Verb = Verb.Get; break;
            case "DELETE": request.Verb = Verb.Delete; break;
            default: return Abstracted<AbstractRequest>.Not($"HTTP method `{wire.Method}` has no abstract value");
        }

        request.Target = _legacyPostPaths.Contains(PathOf(wire.Url)) ? Target.LegacyPost : Target.Mcp;
        if (!TrySymbol(Sessions, wire.Headers.Get(HeaderNames.SessionId), "session ids", out request.Session, out string? reason)
            || !TrySymbol(Events, wire.Headers.Get(HeaderNames.LastEventId), "event ids", out request.LastEventId, out reason))
            return Abstracted<AbstractRequest>.Not(reason!);
        // HTTP+SSE binds a POST to its stream through the endpoint URI: the announced one is the
        // model's symbolic binding (session 0); any other URI on that path names a stream never announced.
        if (request.Target == Target.LegacyPost && request.Session == 0 && !_legacyEndpoints.Contains(PathAndQueryOf(wire.Url))
            && !TrySymbol(Sessions, "endpoint " + PathAndQueryOf(wire.Url), "session ids", out request.Session, out reason))
            return Abstracted<AbstractRequest>.Not(reason!);
        var header = MessageAbstraction.Version(wire.Headers.Get(HeaderNames.ProtocolVersion), "MCP-Protocol-Version");
        if (!header.IsAbstract) return Abstracted<AbstractRequest>.Not(header.Reason!);
        request.VersionHeader = header.Value;
        request.Token = IsBearer(wire.Headers.Get(HeaderNames.Authorization));
        request.ForeignOrigin = IsForeign(wire.Headers.Get(HeaderNames.Origin), wire);
        request.Media = MediaFaultOf(wire, request.Verb);
        // GET and DELETE carry no body; a POST without one carries no JSON-RPC message (read as a
        // request, it had no id to answer: the reference server failed with 500 after stepping).
        if (wire.Body.Length == 0)
            return request.Verb == Verb.Post ? Abstracted<AbstractRequest>.Not("a POST without a body carries no JSON-RPC message") : Abstracted<AbstractRequest>.Of(request);
        return RequestBody(wire, request);
    }

    public Abstracted<AbstractResponse> Response(WireResponse wire)
    {
        var response = new AbstractResponse { Status = HttpStatuses.Of(wire.Status) };
        if (response.Status == Status.None) return Abstracted<AbstractResponse>.Not($"status {wire.Status} has no abstract value");
        if (!TrySymbol(Sessions, wire.Headers.Get(HeaderNames.SessionId), "session ids", out response.AssignedSession, out string? reason))
            return Abstracted<AbstractResponse>.Not(reason!);
        if (wire.Status == 401)
            response.ResourceMetadata = WwwAuthenticate.FindBearer(WwwAuthenticate.Parse(wire.Headers.Get(HeaderNames.WwwAuthenticate)))?.ResourceMetadata is not null;

        string? contentType = wire.Headers.Get(HeaderNames.ContentType);
        if (wire.IsEventStream)
        {
            response.Body = Body.EventStream;
            return Abstracted<AbstractResponse>.Of(response);
        }

        if (wire.Body.Length == 0) return Abstracted<AbstractResponse>.Of(response);
        if (!MediaType.IsJsonContentType(contentType))
        {
            response.Body = Body.Other;
            return Abstracted<AbstractResponse>.Of(response);
        }

        response.Body = Body.Json;
        var envelope = JsonRpcClassifier.Classify(wire.Body);
        if (envelope.Kind == JsonRpcKind.Error)
        {
            // The model's failures carry the code, not the message, whatever the status.
            response.Error = MessageAbstraction.Error(envelope);
            // At 200 the error is the request's response (a request may fail); a 4xx is described by its code alone.
            var error = _messages.Message(wire.Body, envelope);
            if (response.IsSuccess && error.IsAbstract) response.Message = error.Value;
            return Abstracted<AbstractResponse>.Of(response);
        }

        var message = _messages.Message(wire.Body, envelope);
        if (!message.IsAbstract) return Abstracted<AbstractResponse>.Not(message.Reason!);
        response.Message = message.Value;
        return Abstracted<AbstractResponse>.Of(response);
    }

    /// <summary>One SSE event: <c>endpoint</c> (whose data path becomes the legacy POST target), a
    /// priming event (an id and empty data), or a default-type event carrying a JSON-RPC message or
    /// a batch (the batch's first response stands for it).</summary>
    public Abstracted<SseItem> Event(WireSseEvent wire)
    {
        var item = new SseItem { Retry = wire.HasRetry };
        string? id = string.IsNullOrEmpty(wire.Id) ? null : wire.Id;
        if (!TrySymbol(Events, id, "event ids", out item.EventId, out string? reason)) return Abstracted<SseItem>.Not(reason!);
        if (wire.Type == "endpoint")
        {
            _legacyPostPaths.Add(PathOf(wire.Data));
            _legacyEndpoints.Add(PathAndQueryOf(wire.Data));
            item.Kind = EventKind.Endpoint;
            return Abstracted<SseItem>.Of(item);
        }

        if (wire.Type != "message") return Abstracted<SseItem>.Not($"event type `{wire.Type}` has no abstract value");
        if (wire.Data.Length == 0)
        {
            if (id is null) return Abstracted<SseItem>.Not("an event with empty data and no id");
            item.Kind = EventKind.Priming;
            return Abstracted<SseItem>.Of(item);
        }

        byte[] data = Encoding.UTF8.GetBytes(wire.Data);
        var envelope = JsonRpcClassifier.Classify(data);
        if (envelope.Kind == JsonRpcKind.Batch && envelope.Malformation == JsonRpcMalformation.None)
        {
            if (envelope.Elements.Count == 0) return Abstracted<SseItem>.Not("an empty JSON-RPC batch");
            item.Batched = true;
            envelope = envelope.Elements.FirstOrDefault(e => e.IsResponse) ?? envelope.Elements[0];
        }

        var message = _messages.Message(data, envelope);
        if (!message.IsAbstract) return Abstracted<SseItem>.Not(message.Reason!);
        item.Kind = EventKind.Message;
        item.Message = message.Value;
        return Abstracted<SseItem>.Of(item);
    }

    private Abstracted<AbstractRequest> RequestBody(WireRequest wire, AbstractRequest request)
    {
        var envelope = JsonRpcClassifier.Classify(wire.Body);
        JsonRpcEnvelope first = envelope;
        if (envelope.Kind == JsonRpcKind.Batch && envelope.Malformation == JsonRpcMalformation.None)
        {
            // The model's batch is a tool call plus a notification; its id is the batch's request id.
            request.Payload = Payload.Batch;
            first = envelope.Elements.FirstOrDefault(e => e.Kind == JsonRpcKind.Request) ?? envelope;
        }
        else if (!envelope.IsRequestOrNotification)
        {
            return Abstracted<AbstractRequest>.Not(envelope.IsResponse ? "a JSON-RPC response from the client has no abstract value" : MessageAbstraction.Invalid(envelope));
        }
        else
        {
            string? method = envelope.MethodName(wire.Body);
            request.Payload = method switch
            {
                "initialize" => Payload.Initialize,
                "notifications/initialized" => Payload.Initialized,
                "tools/call" => Payload.ToolCall,
                "server/discover" => Payload.Discover,
                "subscriptions/listen" => Payload.Listen,

                // The model has one ordinary request; every other request is judged as it (ping,
                // tools/list: a request the server must answer). Other notifications (cancelled,
                // progress, roots/list_changed) share one value: servers acknowledge them as they
                // do initialized, but a client has not sent initialized by sending them.
                _ when envelope.Kind == JsonRpcKind.Request => Payload.ToolCall,
                _ => Payload.Notification,
            };
        }

        if (first.Kind == JsonRpcKind.Request)
        {
            if (!TrySymbol(RequestIds, first.IdText(wire.Body), "request ids", out request.RequestId, out string? reason))
                return Abstracted<AbstractRequest>.Not(reason!);
            _messages.Remember(request.RequestId, request.Payload);
        }

        if (request.Payload == Payload.Batch) return Abstracted<AbstractRequest>.Of(request);
        var parameters = envelope.Params.Of(wire.Body);
        var bodyVersion = MessageAbstraction.Version(
            request.Payload == Payload.Initialize ? JsonRpcMembers.FindString(parameters, "protocolVersion"u8) : MetaVersion(parameters),
            request.Payload == Payload.Initialize ? "initialize protocolVersion" : "_meta protocol version");
        if (!bodyVersion.IsAbstract) return Abstracted<AbstractRequest>.Not(bodyVersion.Reason!);
        request.BodyVersion = bodyVersion.Value;
        request.ModernMetadata = wire.Headers.Get(HeaderNames.McpMethod) == envelope.MethodName(wire.Body) && JsonRpcValidator.HasRequestMeta(parameters);
        request.InputMethod = ModernAbstraction.IsInputMethod(envelope.MethodName(wire.Body));
        request.Declared = ModernAbstraction.Declared(parameters);
        if (request.Payload == Payload.Listen) request.Listen = ModernAbstraction.Filter(parameters);
        return Abstracted<AbstractRequest>.Of(request);
    }

    /// <summary>An Origin naming another host than the one the request went to (the URL's, or the
    /// Host header's for a request line without one); <c>null</c> and opaque origins are not foreign.</summary>
    private static bool IsForeign(string? origin, WireRequest wire)
    {
        if (origin is null || !Uri.TryCreate(origin, UriKind.Absolute, out var from)) return false;
        // A request target ("/mcp") would parse as a file URI on Unix, with no host: only http(s) URLs name one.
        string? host = IsHttpUrl(wire.Url) && Uri.TryCreate(wire.Url, UriKind.Absolute, out var to) ? to.Host : wire.Headers.Get("Host")?.Split(':')[0];
        return host is not null && !string.Equals(from.Host, host, StringComparison.OrdinalIgnoreCase);
    }

    /// <summary>Whether the media-type headers are what a client sends: a POST's Accept lists both
    /// types and its body is labelled application/json (parameters such as q or charset are fine);
    /// a GET's Accept lists text/event-stream. DELETE has no body and no stream.</summary>
    private static MediaFault MediaFaultOf(WireRequest wire, Verb verb)
    {
        if (verb == Verb.Delete) return MediaFault.None;
        var accept = AcceptHeader.Parse(wire.Headers.Get(HeaderNames.Accept));
        if (verb == Verb.Get) return accept.ListsEventStream ? MediaFault.None : MediaFault.AcceptIncomplete;
        if (!accept.ListsJsonAndEventStream) return MediaFault.AcceptIncomplete;
        return MediaType.IsJsonContentType(wire.Headers.Get(HeaderNames.ContentType)) ? MediaFault.None : MediaFault.ContentTypeNotJson;
    }

    private static string? MetaVersion(ReadOnlySpan<byte> parameters) =>
        JsonRpcMembers.TryFind(parameters, "_meta"u8, out ByteRange meta, out _)
            ? JsonRpcMembers.FindString(meta.Of(parameters), "io.modelcontextprotocol/protocolVersion"u8)
            : null;

    private static bool TrySymbol(Symbols table, string? id, string what, out byte symbol, out string? reason)
    {
        symbol = 0;
        reason = null;
        if (id is null || table.TryGet(id, out symbol)) return true;
        reason = $"more than {Symbols.Capacity} distinct {what}";
        return false;
    }

    private static bool IsBearer(string? authorization) =>
        authorization is { Length: > 7 } value && value.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase) && value.AsSpan(7).Trim().Length > 0;

    /// <summary>The path and query of an absolute URL or of a request target, without fragment.
    /// Relative targets are resolved against a placeholder origin so both spellings escape alike.</summary>
    private static string PathAndQueryOf(string url)
    {
        bool parsed = IsHttpUrl(url) ? Uri.TryCreate(url, UriKind.Absolute, out var uri) : Uri.TryCreate(Placeholder, url, out uri);
        return parsed ? uri!.PathAndQuery : url;
    }

    /// <summary>The path of an absolute URL or of a request target, without query or fragment.</summary>
    private static string PathOf(string url)
    {
        // Uri would read "/mcp" as a file path on Unix, so only http(s) URLs go through it.
        if (IsHttpUrl(url) && Uri.TryCreate(url, UriKind.Absolute, out var uri))
            return uri.AbsolutePath;
        int end = url.IndexOfAny(['?', '#']);
        return end < 0 ? url : url[..end];
    }

    private static bool IsHttpUrl(string url) =>
        url.StartsWith("http://", StringComparison.OrdinalIgnoreCase) || url.StartsWith("https://", StringComparison.OrdinalIgnoreCase);
}
