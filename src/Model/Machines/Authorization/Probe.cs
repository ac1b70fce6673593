namespace McpFuzz.Model.Machines.Authorization;

/// <summary>One request a client makes while discovering how to authorize, named by the shape of
/// its URL rather than the URL itself, so that one model covers every host and path. Names relative
/// to the issuer say where the well-known segment goes: <em>Inserted</em> between the issuer's host
/// and path (RFC 8414 §3.1), <em>Appended</em> after the path (OpenID Connect Discovery 1.0 §4),
/// <em>Root</em> with the path dropped. For an issuer without a path the three are one URL, and
/// the model calls it Root.</summary>
public enum Probe : byte
{
    None,

    /// <summary>The MCP request without a token that draws the 401.</summary>
    McpEndpoint,

    /// <summary>The URL in the 401's <c>WWW-Authenticate … resource_metadata=</c>.</summary>
    PrmFromHeader,

    /// <summary><c>{mcp origin}/.well-known/oauth-protected-resource{mcp path}</c>.</summary>
    PrmPathWellKnown,

    /// <summary><c>{mcp origin}/.well-known/oauth-protected-resource</c>.</summary>
    PrmRootWellKnown,

    /// <summary><c>{issuer origin}/.well-known/oauth-authorization-server{issuer path}</c>.</summary>
    AsOAuthPathInserted,

    /// <summary><c>{issuer origin}/.well-known/openid-configuration{issuer path}</c>.</summary>
    AsOidcPathInserted,

    /// <summary><c>{issuer}/.well-known/openid-configuration</c>.</summary>
    AsOidcPathAppended,

    /// <summary><c>{issuer}/.well-known/oauth-authorization-server</c>: no revision asks for it, but
    /// clients that treat RFC 8414 like OIDC build it (hazard 25), so the oracle must be able to name it.</summary>
    AsOAuthPathAppended,

    /// <summary><c>{issuer origin}/.well-known/oauth-authorization-server</c>.</summary>
    AsOAuthRoot,

    /// <summary><c>{issuer origin}/.well-known/openid-configuration</c>.</summary>
    AsOidcRoot,

    /// <summary>2025-03-26: <c>{mcp origin}/.well-known/oauth-authorization-server</c>, the MCP
    /// server's URL with its path dropped taken as the authorization server.</summary>
    McpOriginOAuth,

    /// <summary>2025-03-26: <c>/authorize</c>, <c>/token</c> and <c>/register</c> on the MCP origin,
    /// used without metadata. Discovery ends here.</summary>
    DefaultEndpoints,

    /// <summary>The endpoints the authorization server metadata names (registration, authorization,
    /// token): the client has found its authorization server. Discovery ends here.</summary>
    AsEndpoints,
}

/// <summary>A probe as a client sends it. 2025-03-26 asks for <c>MCP-Protocol-Version</c> on
/// metadata discovery requests (auth.protocol-version-during-discovery); no later revision does.</summary>
public readonly record struct ProbeRequest(Probe Probe, bool ProtocolVersionHeader = false)
{
    public static implicit operator ProbeRequest(Probe probe) => new(probe);

    public override string ToString() => ProtocolVersionHeader ? $"{Probe} (MCP-Protocol-Version)" : Probe.ToString();
}

public static class Probes
{
    /// <summary>Whether the probe ends discovery: after it the client uses endpoints, it does not
    /// wait for another document.</summary>
    public static bool IsTerminal(this Probe probe) => probe is Probe.DefaultEndpoints or Probe.AsEndpoints;

    /// <summary>Whether the probe asks for protected resource metadata.</summary>
    public static bool IsPrm(this Probe probe) => probe is Probe.PrmFromHeader or Probe.PrmPathWellKnown or Probe.PrmRootWellKnown;

    /// <summary>Whether the probe asks for authorization server metadata, wherever it looks.</summary>
    public static bool IsAsMetadata(this Probe probe) => probe is
        Probe.AsOAuthPathInserted or Probe.AsOidcPathInserted or Probe.AsOidcPathAppended or Probe.AsOAuthPathAppended or
        Probe.AsOAuthRoot or Probe.AsOidcRoot or Probe.McpOriginOAuth;

    /// <summary>Whether the document asked for is OpenID Connect discovery metadata.</summary>
    public static bool IsOidc(this Probe probe) => probe is Probe.AsOidcPathInserted or Probe.AsOidcPathAppended or Probe.AsOidcRoot;

    /// <summary>The probe in words, for findings and counterexamples.</summary>
    public static string Describe(this Probe probe) => probe switch
    {
        Probe.McpEndpoint => "the MCP request without a token",
        Probe.PrmFromHeader => "GET of the resource_metadata URL from the 401",
        Probe.PrmPathWellKnown => "GET {mcp origin}/.well-known/oauth-protected-resource{mcp path}",
        Probe.PrmRootWellKnown => "GET {mcp origin}/.well-known/oauth-protected-resource",
        Probe.AsOAuthPathInserted => "GET {issuer origin}/.well-known/oauth-authorization-server{issuer path}",
        Probe.AsOidcPathInserted => "GET {issuer origin}/.well-known/openid-configuration{issuer path}",
        Probe.AsOidcPathAppended => "GET {issuer}/.well-known/openid-configuration",
        Probe.AsOAuthPathAppended => "GET {issuer}/.well-known/oauth-authorization-server",
        Probe.AsOAuthRoot => "GET {issuer origin}/.well-known/oauth-authorization-server",
        Probe.AsOidcRoot => "GET {issuer origin}/.well-known/openid-configuration",
        Probe.McpOriginOAuth => "GET {mcp origin}/.well-known/oauth-authorization-server",
        Probe.DefaultEndpoints => "use of /authorize, /token and /register on the MCP origin",
        Probe.AsEndpoints => "use of the endpoints in the authorization server metadata",
        _ => "nothing",
    };
}
