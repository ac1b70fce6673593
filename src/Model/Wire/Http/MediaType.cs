using System.Diagnostics.CodeAnalysis;

namespace McpFuzz.Model.Wire.Http;

/// <summary>A parsed <c>Content-Type</c> value (RFC 9110 §8.3.1): <c>type/subtype</c>, lower-cased,
/// and its parameters.</summary>
public sealed record MediaType(string Type, string Subtype, HttpParameters Parameters)
{
    public const string Json = "application/json";

    public const string EventStream = "text/event-stream";

    /// <summary><c>type/subtype</c> without parameters.</summary>
    public string Essence => Type + "/" + Subtype;

    /// <summary>Exactly <c>application/json</c>, whatever its parameters (e.g. <c>charset=utf-8</c>).
    /// Structured-syntax types such as <c>application/vnd.api+json</c> are not: MCP names
    /// <c>application/json</c> itself (2025-03-26/basic/transports#sending-messages-to-the-server).</summary>
    public bool IsJson => Type == "application" && Subtype == "json";

    /// <summary>Exactly <c>text/event-stream</c> (the SSE media type), whatever its parameters.</summary>
    public bool IsEventStream => Type == "text" && Subtype == "event-stream";

    /// <summary>Parses a <c>Content-Type</c> field value. Leading and trailing OWS are not part of
    /// the value (RFC 9110 §5.5). Anything else that breaks
    /// <c>type "/" subtype *( OWS ";" OWS [ parameter ] )</c> — including a comma-joined repeat of
    /// the field, or a value over <see cref="HttpFieldLimits.MaxValueLength"/> — gives false.
    /// A repeated parameter name keeps the first value.</summary>
    public static bool TryParse(string? value, [NotNullWhen(true)] out MediaType? mediaType)
    {
        mediaType = null;
        if (value is null || value.Length > HttpFieldLimits.MaxValueLength) return false;
        var cursor = new HttpCursor(HttpSyntax.TrimOws(value));
        var parameters = new List<RawParameter>();
        if (!MediaTypeSyntax.TryReadTypeAndSubtype(ref cursor, out string type, out string subtype) ||
            !MediaTypeSyntax.TryReadParameters(ref cursor, parameters))
        {
            return false;
        }

        cursor.SkipOws();
        if (!cursor.AtEnd) return false;
        mediaType = new MediaType(type, subtype, HttpParameters.From(parameters.Select(p => p.ToPair())));
        return true;
    }

    /// <summary>Whether a <c>Content-Type</c> value parses and is <see cref="IsJson"/>.</summary>
    public static bool IsJsonContentType(string? value) => TryParse(value, out var m) && m.IsJson;

    /// <summary>Whether a <c>Content-Type</c> value parses and is <see cref="IsEventStream"/>.</summary>
    public static bool IsEventStreamContentType(string? value) => TryParse(value, out var m) && m.IsEventStream;

    public override string ToString() =>
        Essence + string.Concat(Parameters.Select(p => ";" + p.Key + "=" + HttpSyntax.FormatParameterValue(p.Value)));
}
