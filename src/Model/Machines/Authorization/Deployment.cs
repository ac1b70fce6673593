namespace McpFuzz.Model.Machines.Authorization;

/// <summary>Where a protected MCP server and its authorization server keep what a discovering
/// client looks for. Flags, not URLs: the model only needs to know which probe finds a document.</summary>
[Flags]
public enum DeploymentFlags : ushort
{
    None = 0,

    /// <summary>The 401 carries <c>WWW-Authenticate: Bearer resource_metadata="…"</c>. It names the
    /// path-form PRM URL if that is served, else the root form; with neither served it names a
    /// URL that answers 404.</summary>
    ResourceMetadataInChallenge = 1 << 0,

    /// <summary>PRM at <c>/.well-known/oauth-protected-resource{mcp path}</c>.</summary>
    PrmAtPath = 1 << 1,

    /// <summary>PRM at <c>/.well-known/oauth-protected-resource</c>.</summary>
    PrmAtRoot = 1 << 2,

    /// <summary>The MCP endpoint's URL has no path, so the two PRM well-known URLs are one.</summary>
    EndpointAtRoot = 1 << 3,

    /// <summary>The authorization server shares the MCP server's origin (as in 2025-03-26, where
    /// the MCP server is its own authorization server).</summary>
    AsOnMcpHost = 1 << 4,

    /// <summary>The authorization server's issuer has a path (<c>https://auth.example.com/tenant1</c>).</summary>
    IssuerHasPath = 1 << 5,

    /// <summary>RFC 8414 metadata at <c>/.well-known/oauth-authorization-server{issuer path}</c>.</summary>
    OAuthPathInserted = 1 << 6,

    /// <summary>RFC 8414 metadata at <c>{issuer}/.well-known/oauth-authorization-server</c>, where
    /// some servers also publish it; no MCP revision looks there.</summary>
    OAuthPathAppended = 1 << 7,

    /// <summary>OpenID Connect metadata at <c>/.well-known/openid-configuration{issuer path}</c>.</summary>
    OidcPathInserted = 1 << 8,

    /// <summary>OpenID Connect metadata at <c>{issuer}/.well-known/openid-configuration</c>.</summary>
    OidcPathAppended = 1 << 9,

    /// <summary>The metadata lists <c>code_challenge_methods_supported</c>.</summary>
    PkceAdvertised = 1 << 10,

    /// <summary>The metadata's <c>issuer</c> is identical to the issuer the PRM names (not, say,
    /// the same URL with a trailing slash).</summary>
    IssuerMatches = 1 << 11,

    /// <summary>The MCP origin serves <c>/authorize</c>, <c>/token</c> and <c>/register</c>, the
    /// 2025-03-26 defaults for servers without metadata.</summary>
    ServesDefaultEndpoints = 1 << 12,
}

/// <summary>A protected MCP server and its authorization server, as a discovering client finds
/// them. One authorization server: with several, a client picks one (RFC 9728 §7.6) and the rest
/// is the same. For an issuer without a path, "inserted", "appended" and root are one URL, so
/// either flag of a kind serves it.</summary>
public readonly record struct Deployment(DeploymentFlags Flags)
{
    /// <summary>A 2025-03-26 server that is its own authorization server: metadata at its origin
    /// and the default endpoints, no protected resource metadata.</summary>
    public static Deployment OwnAuthorizationServer { get; } = new(
        DeploymentFlags.AsOnMcpHost | DeploymentFlags.OAuthPathInserted | DeploymentFlags.ServesDefaultEndpoints |
        DeploymentFlags.PkceAdvertised | DeploymentFlags.IssuerMatches);

    /// <summary>A 2025-06-18 resource server: the 401 names its PRM (served at the path form), which
    /// names a separate authorization server with RFC 8414 metadata, PKCE advertised.</summary>
    public static Deployment SeparateAuthorizationServer { get; } = new(
        DeploymentFlags.ResourceMetadataInChallenge | DeploymentFlags.PrmAtPath | DeploymentFlags.OAuthPathInserted |
        DeploymentFlags.PkceAdvertised | DeploymentFlags.IssuerMatches);

    public bool Has(DeploymentFlags flags) => (Flags & flags) == flags;

    public Deployment With(DeploymentFlags flags) => new(Flags | flags);

    public Deployment Without(DeploymentFlags flags) => new(Flags & ~flags);

    public bool EndpointAtRoot => Has(DeploymentFlags.EndpointAtRoot);

    private bool AnyPrm => (Flags & (DeploymentFlags.PrmAtPath | DeploymentFlags.PrmAtRoot)) != 0;

    private bool IssuerHasPath => Has(DeploymentFlags.IssuerHasPath);

    private bool AnyOAuth => (Flags & (DeploymentFlags.OAuthPathInserted | DeploymentFlags.OAuthPathAppended)) != 0;

    private bool AnyOidc => (Flags & (DeploymentFlags.OidcPathInserted | DeploymentFlags.OidcPathAppended)) != 0;

    /// <summary>Whether a GET of the probe's URL returns the document it looks for. The MCP request
    /// without a token is never served (it draws the 401); the endpoints named by metadata exist
    /// whenever the metadata was found.</summary>
    public bool Serves(Probe probe) => probe switch
    {
        Probe.PrmFromHeader => Has(DeploymentFlags.ResourceMetadataInChallenge) && AnyPrm,
        Probe.PrmPathWellKnown => EndpointAtRoot ? AnyPrm : Has(DeploymentFlags.PrmAtPath),
        Probe.PrmRootWellKnown => Has(DeploymentFlags.PrmAtRoot) || (EndpointAtRoot && AnyPrm),
        Probe.AsOAuthPathInserted => IssuerHasPath ? Has(DeploymentFlags.OAuthPathInserted) : AnyOAuth,
        Probe.AsOAuthPathAppended => IssuerHasPath ? Has(DeploymentFlags.OAuthPathAppended) : AnyOAuth,
        Probe.AsOidcPathInserted => IssuerHasPath ? Has(DeploymentFlags.OidcPathInserted) : AnyOidc,
        Probe.AsOidcPathAppended => IssuerHasPath ? Has(DeploymentFlags.OidcPathAppended) : AnyOidc,
        Probe.AsOAuthRoot => !IssuerHasPath && AnyOAuth,
        Probe.AsOidcRoot => !IssuerHasPath && AnyOidc,
        // The MCP origin's root metadata is the authorization server's only when they share the
        // origin and the issuer is that origin.
        Probe.McpOriginOAuth => Has(DeploymentFlags.AsOnMcpHost) && !IssuerHasPath && AnyOAuth,
        Probe.DefaultEndpoints => Has(DeploymentFlags.ServesDefaultEndpoints),
        Probe.AsEndpoints => true,
        _ => false,
    };

    /// <summary>What the deployment answers to a probe, as the trigger and input of a discovery machine.</summary>
    public (DiscoveryTrigger Trigger, DocumentFacts Facts) Answer(Probe probe)
    {
        if (probe == Probe.McpEndpoint)
        {
            var challenge = Has(DeploymentFlags.ResourceMetadataInChallenge)
                ? DiscoveryTrigger.UnauthorizedWithResourceMetadata
                : DiscoveryTrigger.Unauthorized;
            return (challenge, default);
        }

        if (!Serves(probe)) return (DiscoveryTrigger.NotFound, default);
        return (DiscoveryTrigger.Found, new DocumentFacts(IssuerHasPath, Has(DeploymentFlags.PkceAdvertised), Has(DeploymentFlags.IssuerMatches)));
    }

    public override string ToString() => Flags.ToString();
}
