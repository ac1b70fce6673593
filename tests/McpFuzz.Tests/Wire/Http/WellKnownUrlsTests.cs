using McpFuzz.Model.Wire.Http;

namespace McpFuzz.Tests.Wire.Http;

public class WellKnownUrlsTests
{
    private static string? Text(Uri? uri) => uri?.AbsoluteUri;

    [Theory]
    [InlineData("https://auth.example.com/tenant1", "https://auth.example.com/.well-known/oauth-authorization-server/tenant1")]
    [InlineData("https://auth.example.com/tenant1/", "https://auth.example.com/.well-known/oauth-authorization-server/tenant1")]
    [InlineData("https://auth.example.com/a/b/c", "https://auth.example.com/.well-known/oauth-authorization-server/a/b/c")]
    [InlineData("https://auth.example.com/a//", "https://auth.example.com/.well-known/oauth-authorization-server/a")]
    [InlineData("https://auth.example.com", "https://auth.example.com/.well-known/oauth-authorization-server")]
    [InlineData("https://auth.example.com/", "https://auth.example.com/.well-known/oauth-authorization-server")]
    [InlineData("https://auth.example.com:8443/t", "https://auth.example.com:8443/.well-known/oauth-authorization-server/t")]
    [InlineData("https://auth.example.com:443/t", "https://auth.example.com/.well-known/oauth-authorization-server/t")]
    [InlineData("http://localhost:3000", "http://localhost:3000/.well-known/oauth-authorization-server")]
    [InlineData("http://127.0.0.1:80/x", "http://127.0.0.1/.well-known/oauth-authorization-server/x")]
    [InlineData("http://[::1]:9000/x", "http://[::1]:9000/.well-known/oauth-authorization-server/x")]
    [InlineData("HTTPS://Auth.Example.COM/Tenant", "https://auth.example.com/.well-known/oauth-authorization-server/Tenant")]
    [InlineData("https://auth.example.com/t?x=1#frag", "https://auth.example.com/.well-known/oauth-authorization-server/t")]
    [InlineData("https://user:pw@auth.example.com/t", "https://auth.example.com/.well-known/oauth-authorization-server/t")]
    [InlineData("https://auth.example.com/a%20b", "https://auth.example.com/.well-known/oauth-authorization-server/a%20b")]
    public void OAuthAuthorizationServer_inserts_the_well_known_path(string issuer, string expected)
    {
        Assert.Equal(expected, Text(WellKnownUrls.OAuthAuthorizationServer(new Uri(issuer))));
    }

    [Theory]
    [InlineData("https://auth.example.com/tenant1", "https://auth.example.com/.well-known/openid-configuration/tenant1")]
    [InlineData("https://auth.example.com/tenant1/", "https://auth.example.com/.well-known/openid-configuration/tenant1")]
    [InlineData("https://auth.example.com", "https://auth.example.com/.well-known/openid-configuration")]
    [InlineData("http://localhost:8080/realms/mcp", "http://localhost:8080/.well-known/openid-configuration/realms/mcp")]
    public void OpenIdConfigurationInserted_inserts_the_well_known_path(string issuer, string expected)
    {
        Assert.Equal(expected, Text(WellKnownUrls.OpenIdConfigurationInserted(new Uri(issuer))));
    }

    [Theory]
    [InlineData("https://auth.example.com/tenant1", "https://auth.example.com/tenant1/.well-known/openid-configuration")]
    [InlineData("https://auth.example.com/tenant1/", "https://auth.example.com/tenant1/.well-known/openid-configuration")]
    [InlineData("https://auth.example.com", "https://auth.example.com/.well-known/openid-configuration")]
    [InlineData("https://auth.example.com/", "https://auth.example.com/.well-known/openid-configuration")]
    [InlineData("http://localhost:8080/realms/mcp?x#y", "http://localhost:8080/realms/mcp/.well-known/openid-configuration")]
    public void OpenIdConfigurationAppended_appends_the_well_known_path(string issuer, string expected)
    {
        Assert.Equal(expected, Text(WellKnownUrls.OpenIdConfigurationAppended(new Uri(issuer))));
    }

    [Theory]
    [InlineData("https://example.com/public/mcp", "https://example.com/.well-known/oauth-protected-resource/public/mcp")]
    [InlineData("https://example.com/mcp/", "https://example.com/.well-known/oauth-protected-resource/mcp")]
    [InlineData("https://example.com", "https://example.com/.well-known/oauth-protected-resource")]
    [InlineData("https://example.com/", "https://example.com/.well-known/oauth-protected-resource")]
    [InlineData("http://localhost:3000/mcp", "http://localhost:3000/.well-known/oauth-protected-resource/mcp")]
    // RFC 9728 §3.1 keeps the query of a resource identifier; the fragment goes.
    [InlineData("https://example.com/mcp?tenant=a#f", "https://example.com/.well-known/oauth-protected-resource/mcp?tenant=a")]
    [InlineData("https://example.com/?tenant=a", "https://example.com/.well-known/oauth-protected-resource?tenant=a")]
    public void ProtectedResource_inserts_the_well_known_path(string resource, string expected)
    {
        Assert.Equal(expected, Text(WellKnownUrls.ProtectedResource(new Uri(resource))));
    }

    [Theory]
    [InlineData("https://example.com/public/mcp", "https://example.com/.well-known/oauth-protected-resource")]
    [InlineData("https://example.com:8443/mcp?x=1", "https://example.com:8443/.well-known/oauth-protected-resource")]
    [InlineData("http://localhost:3000", "http://localhost:3000/.well-known/oauth-protected-resource")]
    public void ProtectedResourceRoot_uses_the_origin(string resource, string expected)
    {
        Assert.Equal(expected, Text(WellKnownUrls.ProtectedResourceRoot(new Uri(resource))));
    }

    [Theory]
    [InlineData("https://api.example.com/v1/mcp", "https://api.example.com/")]
    [InlineData("https://api.example.com/v1/mcp/", "https://api.example.com/")]
    [InlineData("https://api.example.com", "https://api.example.com/")]
    [InlineData("http://localhost:8080/mcp?session=1#x", "http://localhost:8080/")]
    [InlineData("https://api.example.com:443/mcp", "https://api.example.com/")]
    public void AuthorizationBase_discards_the_path(string mcpUrl, string expected)
    {
        var result = WellKnownUrls.AuthorizationBase(new Uri(mcpUrl));
        Assert.Equal(expected, Text(result));
        Assert.Equal("https://api.example.com/.well-known/oauth-authorization-server",
            Text(WellKnownUrls.OAuthAuthorizationServer(WellKnownUrls.AuthorizationBase(new Uri("https://api.example.com/v1/mcp")))));
    }

    public static TheoryData<Uri?> Unusable => new()
    {
        null,
        new Uri("/relative/path", UriKind.Relative),
        new Uri("relative", UriKind.Relative),
        new Uri("ftp://example.com/x"),
        new Uri("file:///etc/passwd"),
        new Uri("urn:ietf:params:oauth"),
        new Uri("mailto:a@example.com"),
    };

    [Theory]
    [MemberData(nameof(Unusable))]
    public void Unusable_inputs_give_null(Uri? uri)
    {
        Assert.Null(WellKnownUrls.OAuthAuthorizationServer(uri));
        Assert.Null(WellKnownUrls.OpenIdConfigurationInserted(uri));
        Assert.Null(WellKnownUrls.OpenIdConfigurationAppended(uri));
        Assert.Null(WellKnownUrls.ProtectedResource(uri));
        Assert.Null(WellKnownUrls.ProtectedResourceRoot(uri));
        Assert.Null(WellKnownUrls.AuthorizationBase(uri));
    }
}
