namespace McpFuzz.Model.Wire.Http;

/// <summary>The header field names MCP's HTTP transports use, spelled as the latest revision
/// spells them. Field names are case-insensitive (RFC 9110 §5.1): compare with <see cref="Equal"/>.</summary>
public static class HeaderNames
{
    /// <summary>Session id header (2025-03-26/basic/transports#session-management).</summary>
    public const string SessionId = "MCP-Session-Id";

    /// <summary>The same header as <see cref="SessionId"/>, spelled as 2025-03-26 and 2025-06-18
    /// print it. Kept so a driver can reproduce that spelling on the wire.</summary>
    public const string SessionIdLegacySpelling = "Mcp-Session-Id";

    /// <summary>Negotiated version on every request after initialization (2025-06-18 onwards).</summary>
    public const string ProtocolVersion = "MCP-Protocol-Version";

    /// <summary>Mirror of the JSON-RPC <c>method</c> (2026-07-28/basic/transports/streamable-http).</summary>
    public const string McpMethod = "Mcp-Method";

    /// <summary>Mirror of <c>params.name</c> or <c>params.uri</c> (2026-07-28).</summary>
    public const string McpName = "Mcp-Name";

    /// <summary>Prefix of the headers mirroring tool arguments marked <c>x-mcp-header</c> (2026-07-28).</summary>
    public const string McpParamPrefix = "Mcp-Param-";

    /// <summary>Resumption of an SSE stream (WHATWG HTML §9.2; MCP 2025-03-26 #resumability-and-redelivery).</summary>
    public const string LastEventId = "Last-Event-ID";

    public const string Accept = "Accept";

    public const string ContentType = "Content-Type";

    public const string WwwAuthenticate = "WWW-Authenticate";

    public const string Origin = "Origin";

    public const string Authorization = "Authorization";

    /// <summary>Whether two field names are the same field. RFC 9110 §5.1 makes names
    /// case-insensitive; names are tokens, so only ASCII letters fold (ordinal otherwise).</summary>
    public static bool Equal(string a, string b)
    {
        ArgumentNullException.ThrowIfNull(a);
        ArgumentNullException.ThrowIfNull(b);
        return HttpSyntax.AsciiEqualsIgnoreCase(a, b);
    }

    /// <summary>Whether <paramref name="name"/> is an <c>Mcp-Param-{Name}</c> header with a
    /// non-empty suffix; <paramref name="parameter"/> is the suffix as spelled.</summary>
    public static bool IsMcpParam(string name, out string parameter)
    {
        ArgumentNullException.ThrowIfNull(name);
        bool match = name.Length > McpParamPrefix.Length &&
                     HttpSyntax.AsciiEqualsIgnoreCase(name.AsSpan(0, McpParamPrefix.Length), McpParamPrefix);
        parameter = match ? name[McpParamPrefix.Length..] : "";
        return match;
    }
}
