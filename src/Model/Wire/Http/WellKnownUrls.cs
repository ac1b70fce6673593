namespace McpFuzz.Model.Wire.Http;

/// <summary>Discovery URLs that MCP authorization derives from an issuer, a resource, or the MCP
/// endpoint. Every function takes an absolute <c>http</c> or <c>https</c> URI and returns null for
/// anything else (null, relative, another scheme, no host), since the input may come from a peer's
/// metadata. User info, query and fragment are dropped (except where RFC 9728 keeps the query);
/// scheme, host and a non-default port are kept, a default port omitted, as <see cref="Uri"/> does.</summary>
public static class WellKnownUrls
{
    public const string OAuthAuthorizationServerSuffix = "/.well-known/oauth-authorization-server";

    public const string OpenIdConfigurationSuffix = "/.well-known/openid-configuration";

    public const string ProtectedResourceSuffix = "/.well-known/oauth-protected-resource";

    /// <summary>RFC 8414 §3.1: the well-known segment is inserted between the host and the path of
    /// the issuer, after "any terminating /" is removed from the path; an issuer without a path
    /// yields no suffix. <c>https://auth.example.com/tenant1</c> →
    /// <c>https://auth.example.com/.well-known/oauth-authorization-server/tenant1</c>.</summary>
    public static Uri? OAuthAuthorizationServer(Uri? issuer) => Insert(issuer, OAuthAuthorizationServerSuffix, keepQuery: false);

    /// <summary>OpenID Connect discovery with path insertion, the form RFC 8414 §5 describes for
    /// issuers that also publish OIDC metadata and MCP 2025-11-25 tries:
    /// <c>{origin}/.well-known/openid-configuration{path}</c>.</summary>
    public static Uri? OpenIdConfigurationInserted(Uri? issuer) => Insert(issuer, OpenIdConfigurationSuffix, keepQuery: false);

    /// <summary>OpenID Connect Discovery 1.0 §4: the issuer (without its terminating "/") with
    /// <c>/.well-known/openid-configuration</c> appended.</summary>
    public static Uri? OpenIdConfigurationAppended(Uri? issuer)
    {
        if (!TrySplit(issuer, out string origin, out string path)) return null;
        return Create(origin + path + OpenIdConfigurationSuffix);
    }

    /// <summary>RFC 9728 §3.1: the well-known segment is inserted between the host and the path
    /// (and query) of the resource identifier, after a terminating "/" is removed.
    /// <c>https://example.com/public/mcp</c> →
    /// <c>https://example.com/.well-known/oauth-protected-resource/public/mcp</c>. Unlike an
    /// issuer, a resource identifier may have a query, and RFC 9728 keeps it.</summary>
    public static Uri? ProtectedResource(Uri? resource) => Insert(resource, ProtectedResourceSuffix, keepQuery: true);

    /// <summary>The protected resource metadata at the root: <c>{origin}/.well-known/oauth-protected-resource</c>,
    /// the fallback MCP clients try when the path-inserted form is absent (2025-11-25/basic/authorization).</summary>
    public static Uri? ProtectedResourceRoot(Uri? resource)
    {
        if (!TrySplit(resource, out string origin, out _)) return null;
        return Create(origin + ProtectedResourceSuffix);
    }

    /// <summary>The 2025-03-26 "authorization base URL": the MCP server URL with its path discarded
    /// (2025-03-26/basic/authorization#server-metadata-discovery). <c>https://api.example.com/v1/mcp</c>
    /// → <c>https://api.example.com/</c> (a <see cref="Uri"/> always has a path; its
    /// <see cref="Uri.AbsolutePath"/> is "/").</summary>
    public static Uri? AuthorizationBase(Uri? mcpUrl)
    {
        if (!TrySplit(mcpUrl, out string origin, out _)) return null;
        return Create(origin);
    }

    private static Uri? Insert(Uri? uri, string suffix, bool keepQuery)
    {
        if (!TrySplit(uri, out string origin, out string path)) return null;
        string query = keepQuery ? uri!.Query : "";
        return Create(origin + suffix + path + query);
    }

    /// <summary>Splits into origin (<c>scheme://host[:port]</c>, escaped) and path without its
    /// terminating slashes ("" for a root path).</summary>
    private static bool TrySplit(Uri? uri, out string origin, out string path)
    {
        origin = path = "";
        if (uri is null || !uri.IsAbsoluteUri || (uri.Scheme != Uri.UriSchemeHttps && uri.Scheme != Uri.UriSchemeHttp) ||
            string.IsNullOrEmpty(uri.Host))
        {
            return false;
        }

        origin = uri.GetComponents(UriComponents.SchemeAndServer, UriFormat.UriEscaped);
        path = uri.AbsolutePath.TrimEnd('/');
        return true;
    }

    private static Uri? Create(string text) => Uri.TryCreate(text, UriKind.Absolute, out Uri? uri) ? uri : null;
}
