using McpFuzz.Model.Checking.Oracle;
using McpFuzz.Model.Machines.Http;
using McpFuzz.Model.Wire.Http;
using McpFuzz.Model.Wire.JsonRpc;

namespace McpFuzz.Driver.Wire;

/// <summary>Maps JSON-RPC payloads and version strings to the model's values. What a result is
/// depends on the request it answers, so results are looked up by their id among the requests
/// abstracted before (<see cref="Remember"/>).</summary>
public sealed class MessageAbstraction(Symbols requestIds)
{
    private readonly Dictionary<byte, Payload> _requests = [];

    /// <summary>Notes that the request with symbolic id <paramref name="id"/> carried <paramref name="payload"/>.</summary>
    public void Remember(byte id, Payload payload) => _requests[id] = payload;

    /// <summary>One message (not a batch) of <paramref name="payload"/>, classified as <paramref name="e"/>.</summary>
    public Abstracted<Message> Message(ReadOnlySpan<byte> payload, JsonRpcEnvelope e)
    {
        switch (e.Kind)
        {
            case JsonRpcKind.Request:
                return Abstracted<Message>.Of(Model.Machines.Http.Message.Of(MessageKind.ServerRequest));
            case JsonRpcKind.Notification:
                return Abstracted<Message>.Of(Notification(payload, e));
            case JsonRpcKind.Error:
                return Abstracted<Message>.Of(Model.Machines.Http.Message.Of(MessageKind.ErrorResponse, e.IdText(payload) is { } text ? requestIds.Find(text) : (byte)0));
            case JsonRpcKind.Result:
                return Result(payload, e);
            default:
                return Abstracted<Message>.Not(Invalid(e));
        }
    }

    /// <summary>The model's error code for a JSON-RPC error: the codes fallback decisions depend
    /// on by value, every other code (or a broken error object) as a legacy one.</summary>
    public static ErrorCode Error(JsonRpcEnvelope e) => e.ErrorCode switch
    {
        -32020 => ErrorCode.HeaderMismatch32020,
        -32021 => ErrorCode.MissingCapability32021,
        -32022 => ErrorCode.UnsupportedVersion32022,
        -32601 => ErrorCode.MethodNotFound32601,
        -32002 or -32042 or (<= -32023 and >= -32099) => ErrorCode.Reserved,
        _ => ErrorCode.Legacy,
    };

    /// <summary>A version string from a header or body: absent is <see cref="VersionValue.None"/>; a
    /// date that names no revision is <see cref="VersionValue.Unsupported"/>; anything else has no
    /// abstract value.</summary>
    public static Abstracted<VersionValue> Version(string? text, string where)
    {
        if (text is null) return Abstracted<VersionValue>.Of(VersionValue.None);
        var version = ProtocolVersionHeader.Classify(text);
        if (version.IsKnown) return Abstracted<VersionValue>.Of(VersionValues.Of(version.Revision!.Value));
        return version.Kind == ProtocolVersionKind.UnknownDate
            ? Abstracted<VersionValue>.Of(VersionValue.Unsupported)
            : Abstracted<VersionValue>.Not($"{where} `{text}` is not a published revision ({version.Kind})");
    }

    /// <summary>Why a payload is not a message: malformed JSON or a JSON value of the wrong shape.</summary>
    public static string Invalid(JsonRpcEnvelope e) => e.Malformation != JsonRpcMalformation.None
        ? $"malformed JSON ({e.Malformation} at byte {e.FaultOffset}: {e.FaultMessage})"
        : e.Kind == JsonRpcKind.Batch ? "a JSON-RPC batch where one message was expected" : "JSON that is not a JSON-RPC message";

    /// <summary>A server notification: which one, and for a subscription's, its tag and (for the
    /// acknowledgement) the filter it honours.</summary>
    private Message Notification(ReadOnlySpan<byte> payload, JsonRpcEnvelope e)
    {
        var parameters = e.Params.Of(payload);
        var notice = ModernAbstraction.Notice(e.MethodName(payload));
        var message = Model.Machines.Http.Message.Notification(notice, Subscription(ModernAbstraction.SubscriptionId(parameters)));
        if (notice == NoticeKind.Acknowledged) message.Topics = ModernAbstraction.Filter(parameters);
        return message;
    }

    /// <summary>The symbol of a subscription tag: 0 when absent, the request's symbol, or a symbol no request has.</summary>
    private byte Subscription(string? tag) => tag is null ? (byte)0 : requestIds.Find(tag) is > 0 and var known ? known : ServerOracle.Unknown;

    private Abstracted<Message> Result(ReadOnlySpan<byte> payload, JsonRpcEnvelope e)
    {
        string id = e.IdText(payload) ?? "(none)";
        byte symbol = requestIds.Find(id);
        if (symbol == 0 || !_requests.TryGetValue(symbol, out Payload request))
            return Abstracted<Message>.Not($"a result for id {id}, which no abstracted request used");
        var result = e.Result.Of(payload);
        var resultType = ModernAbstraction.ResultTypeOf(result);
        if (resultType == ResultType.InputRequired)
        {
            return Abstracted<Message>.Of(new Message
            {
                Kind = MessageKind.InputRequired, RequestId = symbol, ResultType = resultType,
                Inputs = ModernAbstraction.Inputs(result), RequestState = ModernAbstraction.HasRequestState(result),
            });
        }

        var typed = Typed(request, payload, e, symbol);
        if (!typed.IsAbstract) return typed;
        var message = typed.Value;
        message.ResultType = resultType;
        if (request == Payload.Listen) message.Subscription = Subscription(ModernAbstraction.SubscriptionId(result));
        return Abstracted<Message>.Of(message);
    }

    private static Abstracted<Message> Typed(Payload request, ReadOnlySpan<byte> payload, JsonRpcEnvelope e, byte symbol)
    {
        switch (request)
        {
            case Payload.Initialize:
                string? answered = JsonRpcMembers.FindString(e.Result.Of(payload), "protocolVersion"u8);
                if (answered is null) return Abstracted<Message>.Not("an initialize result without a string protocolVersion");
                var version = Version(answered, "initialize result protocolVersion");
                return version.IsAbstract
                    ? Abstracted<Message>.Of(Model.Machines.Http.Message.Of(MessageKind.InitializeResult, symbol, version.Value))
                    : Abstracted<Message>.Not(version.Reason!);
            case Payload.Discover:
                return Abstracted<Message>.Of(Model.Machines.Http.Message.Of(MessageKind.DiscoverResult, symbol));
            case Payload.Listen:
                return Abstracted<Message>.Of(Model.Machines.Http.Message.Of(MessageKind.ListenResult, symbol));
            default: // a tool call, alone or in a batch
                return Abstracted<Message>.Of(Model.Machines.Http.Message.Of(MessageKind.ToolResult, symbol));
        }
    }
}
