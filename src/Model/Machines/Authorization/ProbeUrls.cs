using McpFuzz.Model.Wire.Http;

namespace McpFuzz.Model.Machines.Authorization;

/// <summary>The concrete URLs behind the probes for one MCP endpoint and one authorization server,
/// and the way back: which probe a URL that a real client fetched was. The live tests record URLs;
/// the oracle judges probes.</summary>
/// <remarks>Several probes can share a URL (all the issuer forms when the issuer has no path; the
/// MCP origin's metadata and the issuer's when they share an origin). A URL is then read as the
/// probe a conforming client would mean by it: the header's URL before the well-known forms, the
/// root forms for an issuer without a path, and the MCP origin's metadata only before any
/// protected resource metadata was fetched (afterwards the client is looking for its issuer's).</remarks>
public sealed class ProbeUrls
{
    private static readonly string[] DefaultEndpointPaths = ["/authorize", "/token", "/register"];

    private readonly Uri _mcpEndpoint;
    private readonly Uri? _resourceMetadata;
    private readonly Uri? _issuer;

    /// <param name="mcpEndpoint">The MCP endpoint's URL.</param>
    /// <param name="resourceMetadata">The URL the 401's resource_metadata names, if any.</param>
    /// <param name="issuer">The authorization server's issuer as the PRM names it, if any.</param>
    /// <exception cref="ArgumentException"><paramref name="mcpEndpoint"/> is not an absolute URI.</exception>
    public ProbeUrls(Uri mcpEndpoint, Uri? resourceMetadata, Uri? issuer)
    {
        ArgumentNullException.ThrowIfNull(mcpEndpoint);
        if (!mcpEndpoint.IsAbsoluteUri) throw new ArgumentException("the MCP endpoint must be an absolute URI", nameof(mcpEndpoint));
        _mcpEndpoint = mcpEndpoint;
        _resourceMetadata = resourceMetadata;
        _issuer = issuer;
    }

    private bool EndpointAtRoot => _mcpEndpoint.AbsolutePath.TrimEnd('/').Length == 0;

    private bool IssuerHasPath => _issuer is not null && _issuer.AbsolutePath.TrimEnd('/').Length > 0;

    /// <summary>The URL a probe fetches; null for probes that are not one URL (the endpoint sets)
    /// or whose basis is unknown.</summary>
    public Uri? Resolve(Probe probe) => probe switch
    {
        Probe.McpEndpoint => _mcpEndpoint,
        Probe.PrmFromHeader => _resourceMetadata,
        Probe.PrmPathWellKnown => WellKnownUrls.ProtectedResource(_mcpEndpoint),
        Probe.PrmRootWellKnown => WellKnownUrls.ProtectedResourceRoot(_mcpEndpoint),
        Probe.AsOAuthPathInserted => WellKnownUrls.OAuthAuthorizationServer(_issuer),
        Probe.AsOidcPathInserted => WellKnownUrls.OpenIdConfigurationInserted(_issuer),
        Probe.AsOidcPathAppended => WellKnownUrls.OpenIdConfigurationAppended(_issuer),
        Probe.AsOAuthPathAppended => Appended(_issuer, WellKnownUrls.OAuthAuthorizationServerSuffix),
        Probe.AsOAuthRoot => WellKnownUrls.OAuthAuthorizationServer(WellKnownUrls.AuthorizationBase(_issuer)),
        Probe.AsOidcRoot => WellKnownUrls.OpenIdConfigurationInserted(WellKnownUrls.AuthorizationBase(_issuer)),
        Probe.McpOriginOAuth => WellKnownUrls.OAuthAuthorizationServer(WellKnownUrls.AuthorizationBase(_mcpEndpoint)),
        _ => null,
    };

    /// <summary>The 2025-03-26 default endpoints on the MCP origin, which <see cref="Probe.DefaultEndpoints"/> uses.</summary>
    public IReadOnlyList<Uri> DefaultEndpoints() =>
        DefaultEndpointPaths.Select(path => new Uri(Origin(_mcpEndpoint) + path)).ToArray();

    /// <summary>The probe a fetched URL was, or None for a URL no probe fetches (a relative one too). The endpoints named
    /// by metadata are not known here, so <see cref="Probe.AsEndpoints"/> is never the answer.</summary>
    /// <param name="afterPrm">Whether the client has already fetched protected resource metadata.</param>
    public Probe Classify(Uri url, bool afterPrm)
    {
        ArgumentNullException.ThrowIfNull(url);
        if (!url.IsAbsoluteUri) return Probe.None;
        string key = Key(url);
        foreach (var probe in Preference(afterPrm))
        {
            if (Resolve(probe) is { } candidate && Key(candidate) == key) return probe;
        }

        bool onMcpOrigin = Origin(url) == Origin(_mcpEndpoint);
        return onMcpOrigin && DefaultEndpointPaths.Contains(url.AbsolutePath.TrimEnd('/')) ? Probe.DefaultEndpoints : Probe.None;
    }

    /// <summary>Classifies the URLs a client fetched, in order (URLs that are no probe are left out).</summary>
    public IReadOnlyList<Probe> ClassifyAll(IEnumerable<Uri> urls)
    {
        var probes = new List<Probe>();
        bool afterPrm = false;
        foreach (var url in urls)
        {
            var probe = Classify(url, afterPrm);
            if (probe == Probe.None) continue;
            afterPrm |= probe.IsPrm();
            probes.Add(probe);
        }

        return probes;
    }

    private IEnumerable<Probe> Preference(bool afterPrm)
    {
        yield return Probe.McpEndpoint;
        yield return Probe.PrmFromHeader;
        if (EndpointAtRoot) yield return Probe.PrmRootWellKnown;
        yield return Probe.PrmPathWellKnown;
        yield return Probe.PrmRootWellKnown;
        if (!afterPrm) yield return Probe.McpOriginOAuth;
        if (!IssuerHasPath)
        {
            yield return Probe.AsOAuthRoot;
            yield return Probe.AsOidcRoot;
        }

        yield return Probe.AsOAuthPathInserted;
        yield return Probe.AsOidcPathInserted;
        yield return Probe.AsOidcPathAppended;
        yield return Probe.AsOAuthPathAppended;
        yield return Probe.AsOAuthRoot;
        yield return Probe.AsOidcRoot;
        yield return Probe.McpOriginOAuth;
    }

    /// <summary><c>{issuer without terminating /}{suffix}</c>, the OIDC way of building a metadata
    /// URL, applied to another suffix.</summary>
    private static Uri? Appended(Uri? issuer, string suffix)
    {
        var origin = WellKnownUrls.AuthorizationBase(issuer);
        if (origin is null) return null;
        return Uri.TryCreate(Origin(origin) + issuer!.AbsolutePath.TrimEnd('/') + suffix, UriKind.Absolute, out var uri) ? uri : null;
    }

    private static string Origin(Uri uri) => uri.GetComponents(UriComponents.SchemeAndServer, UriFormat.UriEscaped);

    // What identifies a fetched resource: no user info, no fragment.
    private static string Key(Uri uri) =>
        uri.GetComponents(UriComponents.SchemeAndServer | UriComponents.Path | UriComponents.Query, UriFormat.UriEscaped);
}
