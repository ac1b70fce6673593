using System.Text;
using McpFuzz.Model.Revisions;
using McpFuzz.Model.Wire.Http;

namespace McpFuzz.Fuzzer.Targets;

/// <summary>
/// <c>http-headers</c>: the input, read as one header value (Latin-1, as HTTP stacks hand out field
/// bytes; and as UTF-8 for the MCP value encoding, whose values are Unicode), goes through every
/// header parser of <c>McpFuzz.Model.Wire.Http</c>. None may throw; where there is a writer the
/// parsed value round-trips through it; where a rule is simple enough to restate, a reference
/// restates it.
/// </summary>
public sealed class HttpHeadersTarget : IFuzzTarget
{
    public string Name => "http-headers";

    public string Description => "Accept, Content-Type, WWW-Authenticate, MCP value encoding, protocol version, session id";

    public IReadOnlyList<string> CodeUnderTest { get; } = ["McpFuzz.Model"];

    public void Run(ReadOnlySpan<byte> input)
    {
        string value = Encoding.Latin1.GetString(input);
        CheckAccept(value);
        CheckContentType(value);
        CheckWwwAuthenticate(value);
        CheckMcpValue(value, Encoding.UTF8.GetString(input));
        CheckProtocolVersion(value);
        CheckSessionId(value);
    }

    private static void CheckAccept(string value)
    {
        var accept = AcceptHeader.Parse(value);
        foreach (string type in new[] { MediaType.Json, MediaType.EventStream })
        {
            int q = accept.QualityOf(type);
            if (q is < 0 or > 1000) throw new InvariantViolation($"Accept: quality {q} of {type}");
            // Lists and Allows may disagree by design: Lists ignores parameters, Allows does not
            // (application/json;charset=x lists application/json but does not match it).
            _ = accept.Lists(type);
        }

        if (accept.Ranges.Count == 0) return;
        string written = string.Join(", ", accept.Ranges.Select(r => r.ToString()));
        var again = AcceptHeader.Parse(written);
        if (again.SkippedElements != 0 || !again.Ranges.SequenceEqual(accept.Ranges))
            throw new InvariantViolation($"Accept does not round-trip: [{string.Join(" | ", accept.Ranges)}] written as '{written}' reads back as [{string.Join(" | ", again.Ranges)}] skipping {again.SkippedElements}");
    }

    private static void CheckContentType(string value)
    {
        bool parsed = MediaType.TryParse(value, out var mediaType);
        if (MediaType.IsJsonContentType(value) != (parsed && mediaType!.Essence == MediaType.Json)) throw new InvariantViolation("IsJsonContentType disagrees with TryParse");
        if (!parsed) return;
        if (mediaType!.Type != mediaType.Type.ToLowerInvariant() || mediaType.Subtype != mediaType.Subtype.ToLowerInvariant())
            throw new InvariantViolation($"media type {mediaType.Essence} is not lower-cased");
        string written = mediaType.ToString();
        if (!MediaType.TryParse(written, out var again) || again != mediaType)
            throw new InvariantViolation($"Content-Type does not round-trip: {mediaType} reads back as {again}");
    }

    private static void CheckWwwAuthenticate(string value)
    {
        WwwAuthenticate.TryParse(value, out var challenges);
        _ = WwwAuthenticate.FindBearer(challenges);
        foreach (var challenge in challenges)
        {
            if (challenge.Scheme.Length == 0) throw new InvariantViolation("a challenge without a scheme");
            if (challenge.Token68 is not null && challenge.Parameters.Count > 0) throw new InvariantViolation($"challenge {challenge.Scheme} has both a token68 and parameters");
            _ = challenge.Scope;
        }

        if (challenges.Count == 0) return;
        string written = string.Join(", ", challenges.Select(Write));
        bool wellFormed = WwwAuthenticate.TryParse(written, out var again);
        if (!wellFormed || !again.SequenceEqual(challenges))
            throw new InvariantViolation($"WWW-Authenticate does not round-trip: '{written}' reads back as [{string.Join(" | ", again)}], well-formed {wellFormed}");
    }

    /// <summary>A challenge written back (RFC 9110 §11.6.1): parameters always as quoted-strings.</summary>
    private static string Write(AuthChallenge challenge) =>
        challenge.Token68 is { } token68 ? challenge.Scheme + " " + token68
        : challenge.Parameters.Count == 0 ? challenge.Scheme
        : challenge.Scheme + " " + string.Join(", ", challenge.Parameters.Select(p => p.Key + "=\"" + p.Value.Replace("\\", "\\\\").Replace("\"", "\\\"") + "\""));

    private static void CheckMcpValue(string headerValue, string unicode)
    {
        if (McpHeaderValue.TryDecode(headerValue, out string? decoded))
        {
            bool sentinel = headerValue.StartsWith(McpHeaderValue.SentinelPrefix, StringComparison.Ordinal) && headerValue.EndsWith(McpHeaderValue.SentinelSuffix, StringComparison.Ordinal)
                && headerValue.Length >= McpHeaderValue.SentinelPrefix.Length + McpHeaderValue.SentinelSuffix.Length;
            if (!sentinel && decoded != headerValue) throw new InvariantViolation($"a plain value decoded to something else: '{decoded}'");
            RoundTrip(decoded);
        }

        // The writer: any Unicode text (here without lone surrogates) is encoded and decodes back.
        RoundTrip(unicode);
    }

    private static void RoundTrip(string value)
    {
        string encoded = McpHeaderValue.Encode(value);
        if (!McpHeaderValue.NeedsEncoding(value) && encoded != value) throw new InvariantViolation($"'{value}' needs no encoding but was encoded as '{encoded}'");
        if (!McpHeaderValue.TryDecode(encoded, out string? back) || back != value)
            throw new InvariantViolation($"Mcp value '{value}' encoded as '{encoded}' decodes to '{back}'");
    }

    private static void CheckProtocolVersion(string value)
    {
        var classification = ProtocolVersionHeader.Classify(value);
        string trimmed = value.Trim(' ', '\t');
        ProtocolVersionKind expected =
            Revisions.All.Any(r => r.ToText() == trimmed) ? ProtocolVersionKind.Known
            : value.Length <= HttpFieldLimits.MaxValueLength && trimmed.Length == 10 && trimmed.Select((c, i) => i is 4 or 7 ? c == '-' : c is >= '0' and <= '9').All(ok => ok) ? ProtocolVersionKind.UnknownDate
            : ProtocolVersionKind.Malformed;
        if (classification.Kind != expected) throw new InvariantViolation($"protocol version '{value}' classified {classification.Kind}, expected {expected}");
        if (expected == ProtocolVersionKind.Known && classification.Revision?.ToText() != trimmed) throw new InvariantViolation($"protocol version '{value}' is {classification.Revision}");
    }

    private static void CheckSessionId(string value)
    {
        bool expected = value.Length > 0 && value.All(c => c is >= '!' and <= '~');
        if (SessionId.IsValid(value) != expected) throw new InvariantViolation($"session id '{value}' valid: {!expected}, expected {expected}");
    }
}
