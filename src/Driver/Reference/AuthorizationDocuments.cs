using System.Text.Json;
using McpFuzz.Model.Machines.Authorization;
using McpFuzz.Model.Wire.Http;
using Microsoft.AspNetCore.Http;

namespace McpFuzz.Driver.Reference;

/// <summary>
/// The reference server's authorization documents, served on its own origin: protected resource
/// metadata and authorization server metadata where <see cref="AuthorizationSetup.Deployment"/>
/// puts them, and the authorization endpoints. It issues no codes and checks no tokens (any
/// <c>Authorization: Bearer</c> is the model's token); it exists so that discovery has something
/// to find. The authorization server shares the MCP origin; its issuer has a path when the
/// deployment says so.
/// </summary>
public sealed class AuthorizationDocuments
{
    private const string TenantPath = "/tenant";

    private readonly AuthorizationSetup _setup;
    private readonly string _origin;
    private readonly string _mcpUrl;
    private readonly string _issuer;
    private readonly Dictionary<string, Func<byte[]>> _documents = new(StringComparer.Ordinal);

    public AuthorizationDocuments(AuthorizationSetup setup, Uri mcpUrl)
    {
        _setup = setup;
        _origin = mcpUrl.GetComponents(UriComponents.SchemeAndServer, UriFormat.UriEscaped);
        _mcpUrl = mcpUrl.AbsoluteUri;
        var d = setup.Deployment;
        string issuerPath = d.Has(DeploymentFlags.IssuerHasPath) ? TenantPath : "";
        _issuer = _origin + issuerPath;
        string mcpPath = mcpUrl.AbsolutePath.TrimEnd('/');

        if (d.Has(DeploymentFlags.PrmAtPath)) _documents[WellKnownUrls.ProtectedResourceSuffix + mcpPath] = () => Prm(_mcpUrl);
        if (d.Has(DeploymentFlags.PrmAtRoot)) _documents[WellKnownUrls.ProtectedResourceSuffix] = () => Prm(_origin);
        if (d.Has(DeploymentFlags.OAuthPathInserted)) _documents[WellKnownUrls.OAuthAuthorizationServerSuffix + issuerPath] = () => AsMetadata(oidc: false);
        if (d.Has(DeploymentFlags.OAuthPathAppended)) _documents[issuerPath + WellKnownUrls.OAuthAuthorizationServerSuffix] = () => AsMetadata(oidc: false);
        if (d.Has(DeploymentFlags.OidcPathInserted)) _documents[WellKnownUrls.OpenIdConfigurationSuffix + issuerPath] = () => AsMetadata(oidc: true);
        if (d.Has(DeploymentFlags.OidcPathAppended)) _documents[issuerPath + WellKnownUrls.OpenIdConfigurationSuffix] = () => AsMetadata(oidc: true);
        ServesEndpoints = d.Has(DeploymentFlags.ServesDefaultEndpoints) || _documents.Keys.Any(k => !k.StartsWith(WellKnownUrls.ProtectedResourceSuffix, StringComparison.Ordinal));

        // The challenge names the path-form PRM if served, else the root form, else a URL that answers 404.
        string named = d.Has(DeploymentFlags.PrmAtPath) ? WellKnownUrls.ProtectedResourceSuffix + mcpPath
            : d.Has(DeploymentFlags.PrmAtRoot) ? WellKnownUrls.ProtectedResourceSuffix
            : WellKnownUrls.ProtectedResourceSuffix + "/nowhere";
        Challenge = d.Has(DeploymentFlags.ResourceMetadataInChallenge) ? $"Bearer resource_metadata=\"{_origin}{named}\"" : "Bearer";
    }

    /// <summary>The <c>WWW-Authenticate</c> value of the server's 401.</summary>
    public string Challenge { get; }

    /// <summary>The deployment the documents follow.</summary>
    public Deployment Deployment => _setup.Deployment;

    /// <summary>The URLs of the discovery probes against this server, to name what a client fetched.</summary>
    public ProbeUrls ProbeUrls
    {
        get
        {
            var challenge = WwwAuthenticate.FindBearer(WwwAuthenticate.Parse(Challenge))?.ResourceMetadata;
            return new ProbeUrls(new Uri(_mcpUrl), challenge is null ? null : new Uri(challenge), new Uri(_issuer));
        }
    }

    private bool ServesEndpoints { get; }

    /// <summary>Answers a request for a document or an authorization endpoint; false for anything else (the MCP endpoint).</summary>
    public async Task<bool> TryServeAsync(HttpContext http)
    {
        string path = http.Request.Path.Value ?? "";
        if (HttpMethods.IsGet(http.Request.Method) && _documents.TryGetValue(path, out var document))
        {
            await WriteAsync(http, StatusCodes.Status200OK, document());
            return true;
        }

        if (path.StartsWith("/.well-known/", StringComparison.Ordinal))
        {
            http.Response.StatusCode = StatusCodes.Status404NotFound;
            return true;
        }

        if (path is not ("/authorize" or "/token" or "/register")) return false;
        if (!ServesEndpoints)
        {
            http.Response.StatusCode = StatusCodes.Status404NotFound;
            return true;
        }

        bool post = HttpMethods.IsPost(http.Request.Method);
        switch (path)
        {
            case "/authorize":
                await WriteAsync(http, StatusCodes.Status400BadRequest, Error("invalid_request", "the reference server issues no codes; any bearer token is accepted"));
                break;
            case "/token" when post:
                await WriteAsync(http, StatusCodes.Status400BadRequest, Error("invalid_grant", "the reference server issues no tokens; any bearer token is accepted"));
                break;
            case "/register" when post:
                await WriteAsync(http, StatusCodes.Status201Created, Json(w =>
                {
                    w.WriteString("client_id", "mcpfuzz-reference-client");
                    w.WriteString("token_endpoint_auth_method", "none");
                }));
                break;
            default:
                http.Response.StatusCode = StatusCodes.Status405MethodNotAllowed;
                http.Response.Headers.Allow = "POST";
                break;
        }

        return true;
    }

    /// <summary>The protected resource metadata. RFC 9728 section 3.3 has a client check that
    /// <c>resource</c> is the identifier the well-known URL was built from: the MCP URL for the
    /// path form, the origin for the root form (a client that checks refuses anything else).</summary>
    private byte[] Prm(string resource) => Json(w =>
    {
        w.WriteString("resource", _setup.ForeignResource ? _origin + "/another-mcp" : resource);
        w.WriteStartArray("authorization_servers");
        w.WriteStringValue(_issuer);
        w.WriteEndArray();
        w.WriteStartArray("bearer_methods_supported");
        w.WriteStringValue("header");
        w.WriteEndArray();
    });

    /// <summary>RFC 8414 (or OpenID Connect) metadata. A mismatched issuer names the same server
    /// by another host name, the way a proxy or a misconfigured base URL does.</summary>
    private byte[] AsMetadata(bool oidc) => Json(w =>
    {
        var d = _setup.Deployment;
        w.WriteString("issuer", d.Has(DeploymentFlags.IssuerMatches) ? _issuer : _issuer.Replace("127.0.0.1", "localhost", StringComparison.Ordinal));
        w.WriteString("authorization_endpoint", _origin + "/authorize");
        w.WriteString("token_endpoint", _origin + "/token");
        w.WriteString("registration_endpoint", _origin + "/register");
        Array(w, "response_types_supported", "code");
        Array(w, "grant_types_supported", "authorization_code", "refresh_token");
        Array(w, "token_endpoint_auth_methods_supported", "none");
        if (d.Has(DeploymentFlags.PkceAdvertised)) Array(w, "code_challenge_methods_supported", "S256");
        w.WriteBoolean("authorization_response_iss_parameter_supported", true);
        if (oidc)
        {
            w.WriteString("jwks_uri", _origin + "/jwks");
            Array(w, "subject_types_supported", "public");
            Array(w, "id_token_signing_alg_values_supported", "RS256");
        }
    });

    private static void Array(Utf8JsonWriter w, string name, params string[] values)
    {
        w.WriteStartArray(name);
        foreach (var v in values) w.WriteStringValue(v);
        w.WriteEndArray();
    }

    private static byte[] Error(string error, string description) => Json(w =>
    {
        w.WriteString("error", error);
        w.WriteString("error_description", description);
    });

    private static byte[] Json(Action<Utf8JsonWriter> members)
    {
        using var buffer = new MemoryStream();
        using (var w = new Utf8JsonWriter(buffer))
        {
            w.WriteStartObject();
            members(w);
            w.WriteEndObject();
        }

        return buffer.ToArray();
    }

    private static async Task WriteAsync(HttpContext http, int status, byte[] body)
    {
        http.Response.StatusCode = status;
        http.Response.ContentType = "application/json";
        http.Response.Headers.CacheControl = "no-store";
        await http.Response.Body.WriteAsync(body, http.RequestAborted);
    }
}
