using System.Text;

namespace McpFuzz.Model.Wire.JsonRpc;

/// <summary>
/// The top-level shape of one JSON-RPC payload, read without building a DOM: its kind, the raw
/// form of its id, where its method, params, result and error lie in the payload, and the facts
/// that <see cref="JsonRpcValidator"/> turns into rule violations. Values are decoded lazily from
/// the ranges by whoever needs them.
/// </summary>
public sealed record JsonRpcEnvelope
{
    public required JsonRpcKind Kind { get; init; }

    public JsonRpcFacts Facts { get; init; }

    public JsonRpcIdKind IdKind { get; init; }

    /// <summary>The id token exactly as sent: quotes and escapes included for strings.</summary>
    public ByteRange Id { get; init; } = ByteRange.None;

    /// <summary>The method token (with its quotes), when <c>method</c> is a string.</summary>
    public ByteRange Method { get; init; } = ByteRange.None;

    public ByteRange Params { get; init; } = ByteRange.None;

    public ByteRange Result { get; init; } = ByteRange.None;

    public ByteRange Error { get; init; } = ByteRange.None;

    /// <summary>The error <c>code</c> when it is an integer that fits a long.</summary>
    public long? ErrorCode { get; init; }

    /// <summary>The batch's elements, in order (batches only; empty otherwise).</summary>
    public IReadOnlyList<JsonRpcEnvelope> Elements { get; init; } = [];

    public JsonRpcMalformation Malformation { get; init; }

    /// <summary>Byte offset of the malformation or of trailing data; -1 when there is none.</summary>
    public long FaultOffset { get; init; } = -1;

    /// <summary>The JSON reader's description of a syntax error.</summary>
    public string? FaultMessage { get; init; }

    /// <summary>The whole message's range in the payload (an element's range, for batch elements).</summary>
    public ByteRange Span { get; init; } = ByteRange.None;

    public bool Has(JsonRpcFacts fact) => (Facts & fact) != 0;

    public bool IsRequestOrNotification => Kind is JsonRpcKind.Request or JsonRpcKind.Notification;

    public bool IsResponse => Kind is JsonRpcKind.Result or JsonRpcKind.Error;

    /// <summary>The method name, unescaped; null when there is no string method.</summary>
    public string? MethodName(ReadOnlySpan<byte> payload) => Method.IsPresent ? JsonText.DecodeString(Method.Of(payload)) : null;

    /// <summary>Compares the method with <paramref name="name"/> (escapes resolved) without allocating in the common case.</summary>
    public bool MethodIs(ReadOnlySpan<byte> payload, ReadOnlySpan<byte> name) =>
        Method.IsPresent && JsonText.StringEquals(Method.Of(payload), name);

    /// <summary>The id exactly as sent, or null when absent.</summary>
    public string? IdText(ReadOnlySpan<byte> payload) => Id.IsPresent ? Encoding.UTF8.GetString(Id.Of(payload)) : null;
}
