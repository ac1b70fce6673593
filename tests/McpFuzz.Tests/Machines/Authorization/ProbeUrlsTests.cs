using McpFuzz.Model.Machines.Authorization;
using static McpFuzz.Model.Machines.Authorization.Probe;

namespace McpFuzz.Tests.Machines.Authorization;

/// <summary>URLs from the examples of 2025-11-25/basic/authorization.</summary>
public class ProbeUrlsTests
{
    private static readonly ProbeUrls Tenant = new(
        new Uri("https://example.com/public/mcp"),
        new Uri("https://example.com/.well-known/oauth-protected-resource"),
        new Uri("https://auth.example.com/tenant1"));

    [Theory]
    [InlineData(McpEndpoint, "https://example.com/public/mcp")]
    [InlineData(PrmFromHeader, "https://example.com/.well-known/oauth-protected-resource")]
    [InlineData(PrmPathWellKnown, "https://example.com/.well-known/oauth-protected-resource/public/mcp")]
    [InlineData(PrmRootWellKnown, "https://example.com/.well-known/oauth-protected-resource")]
    [InlineData(AsOAuthPathInserted, "https://auth.example.com/.well-known/oauth-authorization-server/tenant1")]
    [InlineData(AsOidcPathInserted, "https://auth.example.com/.well-known/openid-configuration/tenant1")]
    [InlineData(AsOidcPathAppended, "https://auth.example.com/tenant1/.well-known/openid-configuration")]
    [InlineData(AsOAuthPathAppended, "https://auth.example.com/tenant1/.well-known/oauth-authorization-server")]
    [InlineData(AsOAuthRoot, "https://auth.example.com/.well-known/oauth-authorization-server")]
    [InlineData(AsOidcRoot, "https://auth.example.com/.well-known/openid-configuration")]
    [InlineData(McpOriginOAuth, "https://example.com/.well-known/oauth-authorization-server")]
    public void Each_probe_resolves_to_the_spec_example_URL(Probe probe, string url)
    {
        Assert.Equal(url, Tenant.Resolve(probe)?.AbsoluteUri);
    }

    [Fact]
    public void Endpoint_sets_and_unknown_bases_resolve_to_nothing()
    {
        Assert.Null(Tenant.Resolve(DefaultEndpoints));
        Assert.Null(Tenant.Resolve(AsEndpoints));
        var noIssuer = new ProbeUrls(new Uri("https://example.com/mcp"), null, null);
        Assert.Null(noIssuer.Resolve(PrmFromHeader));
        Assert.Null(noIssuer.Resolve(AsOAuthRoot));
    }

    [Fact]
    public void A_fetched_URL_is_read_as_the_probe_that_fetches_it()
    {
        // The header names the root form: fetching it is following the header.
        Assert.Equal(PrmFromHeader, Tenant.Classify(new Uri("https://example.com/.well-known/oauth-protected-resource"), afterPrm: false));
        Assert.Equal(AsOidcPathAppended, Tenant.Classify(new Uri("https://auth.example.com/tenant1/.well-known/openid-configuration"), afterPrm: true));
        Assert.Equal(AsOAuthRoot, Tenant.Classify(new Uri("https://auth.example.com/.well-known/oauth-authorization-server"), afterPrm: true));
        Assert.Equal(DefaultEndpoints, Tenant.Classify(new Uri("https://example.com/register"), afterPrm: false));
        Assert.Equal(DefaultEndpoints, Tenant.Classify(new Uri("https://example.com/authorize?client_id=x"), afterPrm: false));
        Assert.Equal(Probe.None, Tenant.Classify(new Uri("https://auth.example.com/register"), afterPrm: true));
        Assert.Equal(Probe.None, Tenant.Classify(new Uri("/.well-known/oauth-protected-resource", UriKind.Relative), afterPrm: false));
    }

    [Fact]
    public void An_issuer_without_a_path_is_read_as_the_root_forms()
    {
        var urls = new ProbeUrls(new Uri("https://mcp.example.com/mcp"), null, new Uri("https://auth.example.com"));
        Assert.Equal(AsOAuthRoot, urls.Classify(new Uri("https://auth.example.com/.well-known/oauth-authorization-server"), afterPrm: true));
        Assert.Equal(AsOidcRoot, urls.Classify(new Uri("https://auth.example.com/.well-known/openid-configuration"), afterPrm: true));
    }

    [Fact]
    public void The_MCP_origin_metadata_is_the_2025_03_26_probe_before_PRM_and_the_issuer_probe_after()
    {
        var coHosted = new ProbeUrls(new Uri("https://mcp.example.com/v1/mcp"), null, new Uri("https://mcp.example.com"));
        var origin = new Uri("https://mcp.example.com/.well-known/oauth-authorization-server");
        Assert.Equal(McpOriginOAuth, coHosted.Classify(origin, afterPrm: false));
        Assert.Equal(AsOAuthRoot, coHosted.Classify(origin, afterPrm: true));

        Uri[] march = [new("https://mcp.example.com/v1/mcp"), origin, new("https://mcp.example.com/authorize"), new("https://mcp.example.com/token")];
        Assert.Equal([McpEndpoint, McpOriginOAuth, DefaultEndpoints, DefaultEndpoints], coHosted.ClassifyAll(march));

        Uri[] november =
        [
            new("https://mcp.example.com/v1/mcp"),
            new("https://mcp.example.com/.well-known/oauth-protected-resource/v1/mcp"),
            new("https://mcp.example.com/favicon.ico"),
            origin,
        ];
        Assert.Equal([McpEndpoint, PrmPathWellKnown, AsOAuthRoot], coHosted.ClassifyAll(november));
    }

    [Fact]
    public void At_the_root_the_PRM_well_known_URL_is_read_as_the_root_form()
    {
        var root = new ProbeUrls(new Uri("https://mcp.example.com/"), null, null);
        Assert.Equal(PrmRootWellKnown, root.Classify(new Uri("https://mcp.example.com/.well-known/oauth-protected-resource"), afterPrm: false));
    }

    [Fact]
    public void A_relative_MCP_endpoint_is_refused()
    {
        Assert.Throws<ArgumentException>(() => new ProbeUrls(new Uri("/mcp", UriKind.Relative), null, null));
    }
}
