using McpFuzz.Model.Machines.Authorization;
using McpFuzz.Model.Machines.Peers;
using McpFuzz.Model.Revisions;
using static McpFuzz.Model.Machines.Authorization.DeploymentFlags;
using static McpFuzz.Model.Machines.Authorization.Probe;

namespace McpFuzz.Tests.Machines.Authorization;

/// <summary>Spec digest section 7, hazards 23–26 and 29: a client of one revision against a
/// deployment that is conforming for another.</summary>
public class DiscoveryHazardTests
{
    private static IEnumerable<string> Broken(Deployment d, Revision r) => d.BrokenBy(r).Select(rule => rule.Id);

    [Fact]
    public void Hazard_23_a_2025_03_26_client_ends_at_default_endpoints_that_are_not_the_authorization_server()
    {
        var d = Deployments.Separate;
        Assert.Empty(Broken(d, Revision.V2025_06_18));

        var march = DiscoveryRun.Of(PeerRevision.V2025_03_26, d);
        Assert.Equal([McpEndpoint, McpOriginOAuth, DefaultEndpoints], march.Probes);
        Assert.Equal(DiscoveryOutcome.UsedDefaultEndpoints, march.Outcome);
        Assert.False(march.ReachedAuthorizationServer);

        Assert.True(DiscoveryRun.Of(PeerRevision.V2025_06_18, d).ReachedAuthorizationServer);
    }

    [Fact]
    public void Hazard_23_is_avoided_when_the_authorization_server_is_the_MCP_host_at_its_root()
    {
        var coHosted = Deployments.Separate.With(AsOnMcpHost);
        var march = DiscoveryRun.Of(PeerRevision.V2025_03_26, coHosted);
        Assert.Equal(DiscoveryOutcome.Authorized, march.Outcome);
        Assert.True(march.ReachedAuthorizationServer);

        // An issuer with a path moves the metadata away from the origin's root.
        var tenant = DiscoveryRun.Of(PeerRevision.V2025_03_26, coHosted.With(IssuerHasPath));
        Assert.Equal(DiscoveryOutcome.UsedDefaultEndpoints, tenant.Outcome);
        Assert.False(tenant.ReachedAuthorizationServer);
    }

    [Fact]
    public void Hazard_24_newer_clients_never_try_the_default_endpoints_of_a_2025_03_26_server()
    {
        var d = Deployments.Own;
        Assert.Empty(Broken(d, Revision.V2025_03_26));
        Assert.Contains("auth.401-resource-metadata", Broken(d, Revision.V2025_06_18));
        Assert.Contains("auth.prm-location", Broken(d, Revision.V2025_11_25));

        var june = DiscoveryRun.Of(PeerRevision.V2025_06_18, d);
        Assert.Equal([McpEndpoint], june.Probes);
        Assert.Equal(AbortReason.NoResourceMetadata, june.Reason);

        foreach (var peer in new[] { PeerRevision.V2025_11_25, PeerRevision.V2026_07_28, PeerRevision.DualEra })
        {
            var run = DiscoveryRun.Of(peer, d);
            Assert.Equal([McpEndpoint, PrmPathWellKnown, PrmRootWellKnown], run.Probes);
            Assert.Equal(AbortReason.NoPrm, run.Reason);
        }

        Assert.Equal(DiscoveryOutcome.Authorized, DiscoveryRun.Of(PeerRevision.V2025_03_26, d).Outcome);
    }

    [Fact]
    public void Hazard_25_an_OIDC_only_authorization_server_fails_2025_06_18_and_works_from_2025_11_25()
    {
        var d = Deployments.OidcOnly;
        Assert.Contains("auth.as-metadata", Broken(d, Revision.V2025_06_18));
        Assert.DoesNotContain("auth.as-metadata", Broken(d, Revision.V2025_11_25));

        Assert.Equal(AbortReason.NoAsMetadata, DiscoveryRun.Of(PeerRevision.V2025_06_18, d).Reason);
        Assert.Equal(AsOidcRoot, DiscoveryRun.Of(PeerRevision.V2025_11_25, d).Metadata);
        Assert.Equal(AsOidcRoot, DiscoveryRun.Of(PeerRevision.V2026_07_28, d).Metadata);
    }

    [Fact]
    public void Hazard_25_a_client_that_appends_the_well_known_path_to_a_path_bearing_issuer_misses_the_document()
    {
        var d = Deployments.TenantIssuer(OAuthPathInserted);
        Assert.False(d.Serves(AsOAuthPathAppended));
        Assert.Equal(AsOAuthPathInserted, DiscoveryRun.Of(PeerRevision.V2025_06_18, d).Metadata);

        var divergence = DiscoveryOracle.Judge(PeerRevision.V2025_06_18, d, [McpEndpoint, PrmFromHeader, AsOAuthPathAppended]);
        Assert.NotNull(divergence);
        Assert.Equal(2, divergence.Index);
        Assert.Equal(DivergenceKind.Unexpected, divergence.Kind);
        Assert.Equal(AsOAuthPathInserted, divergence.Expected.Probe);
        Assert.Equal("auth.discovery-2025-06-18", divergence.Rule.Id);
    }

    [Fact]
    public void Hazard_26_PKCE_not_advertised_stops_2025_11_25_on_and_not_older_clients()
    {
        var d = Deployments.Separate.Without(PkceAdvertised);
        Assert.Equal(DiscoveryOutcome.Authorized, DiscoveryRun.Of(PeerRevision.V2025_06_18, d).Outcome);
        Assert.Equal(DiscoveryOutcome.Authorized, DiscoveryRun.Of(PeerRevision.V2025_03_26, d.With(AsOnMcpHost)).Outcome);
        foreach (var peer in new[] { PeerRevision.V2025_11_25, PeerRevision.V2026_07_28, PeerRevision.DualEra })
            Assert.Equal(AbortReason.PkceNotAdvertised, DiscoveryRun.Of(peer, d).Reason);
    }

    [Fact]
    public void Hazard_26_OIDC_metadata_without_PKCE_breaks_a_server_rule_from_2025_11_25()
    {
        var d = Deployments.OidcOnly.Without(PkceAdvertised);
        Assert.Contains("auth.oidc-pkce-advertised", Broken(d, Revision.V2025_11_25));
        Assert.DoesNotContain("auth.oidc-pkce-advertised", Broken(d, Revision.V2025_06_18));
    }

    [Fact]
    public void Hazard_29_metadata_for_another_issuer_is_refused_by_2026_07_28_clients_only()
    {
        var d = Deployments.Separate.Without(IssuerMatches);
        Assert.Equal(DiscoveryOutcome.Authorized, DiscoveryRun.Of(PeerRevision.V2025_06_18, d).Outcome);
        Assert.Equal(DiscoveryOutcome.Authorized, DiscoveryRun.Of(PeerRevision.V2025_11_25, d).Outcome);
        Assert.Equal(AbortReason.IssuerMismatch, DiscoveryRun.Of(PeerRevision.V2026_07_28, d).Reason);
        Assert.Equal(AbortReason.IssuerMismatch, DiscoveryRun.Of(PeerRevision.DualEra, d).Reason);
    }
}
