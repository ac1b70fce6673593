namespace McpFuzz.Model.Wire.Http;

/// <summary>One challenge of a <c>WWW-Authenticate</c> value (RFC 9110 §11.6.1):
/// <c>auth-scheme [ 1*SP ( token68 / #auth-param ) ]</c>.</summary>
/// <param name="Scheme">The auth-scheme as spelled; schemes are case-insensitive (RFC 9110 §11.1),
/// so compare with <see cref="IsScheme"/>.</param>
/// <param name="Token68">The token68 form, or null when the challenge has parameters or nothing.</param>
/// <param name="Parameters">The auth-params (names case-insensitive; a repeated name keeps the
/// first value); quoted-string values are unescaped.</param>
public sealed record AuthChallenge(string Scheme, string? Token68, HttpParameters Parameters)
{
    public const string BearerScheme = "Bearer";

    public bool IsScheme(string scheme) => HttpSyntax.AsciiEqualsIgnoreCase(Scheme, scheme);

    /// <summary>The OAuth 2.0 bearer scheme (RFC 6750 §3) that MCP authorization uses.</summary>
    public bool IsBearer => IsScheme(BearerScheme);

    /// <summary><c>realm</c> (RFC 9110 §11.5).</summary>
    public string? Realm => Parameters.Get("realm");

    /// <summary><c>resource_metadata</c>: the URL of the protected resource metadata (RFC 9728 §5.1),
    /// which MCP servers return on 401 (2025-06-18/basic/authorization).</summary>
    public string? ResourceMetadata => Parameters.Get("resource_metadata");

    /// <summary><c>error</c> (RFC 6750 §3.1: <c>invalid_request</c>, <c>invalid_token</c>,
    /// <c>insufficient_scope</c>).</summary>
    public string? Error => Parameters.Get("error");

    /// <summary><c>error_description</c> (RFC 6750 §3).</summary>
    public string? ErrorDescription => Parameters.Get("error_description");

    /// <summary><c>scope</c> split at spaces (RFC 6750 §3: "a space-delimited list of
    /// case-sensitive scope values"); empty entries from repeated spaces are dropped. Null when absent.</summary>
    public string[]? Scope => Parameters.Get("scope")?.Split(' ', StringSplitOptions.RemoveEmptyEntries);
}
