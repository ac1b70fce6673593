using McpFuzz.Model.Machines.Authorization;
using McpFuzz.Model.Machines.Peers;
using static McpFuzz.Model.Machines.Authorization.DeploymentFlags;
using static McpFuzz.Model.Machines.Authorization.Probe;

namespace McpFuzz.Tests.Machines.Authorization;

/// <summary>The exact probe order of each revision's conforming client (spec digest section 6).</summary>
public class DiscoveryOrderTests
{
    private static DiscoveryRun Run(PeerRevision client, Deployment deployment) => DiscoveryRun.Of(client, deployment);

    private static void AssertRun(DiscoveryRun run, Probe[] probes, DiscoveryOutcome outcome, AbortReason reason = AbortReason.None)
    {
        Assert.Equal(probes, run.Probes);
        Assert.Equal(outcome, run.Outcome);
        Assert.Equal(reason, run.Reason);
    }

    // ---- 2024-11-05 -------------------------------------------------------------------------

    [Fact]
    public void A_2024_11_05_client_has_nothing_to_discover_after_the_401()
    {
        AssertRun(Run(PeerRevision.V2024_11_05, Deployments.Separate), [McpEndpoint], DiscoveryOutcome.Aborted, AbortReason.NoDiscoveryDefined);
        AssertRun(Run(PeerRevision.V2024_11_05, Deployments.Own), [McpEndpoint], DiscoveryOutcome.Aborted, AbortReason.NoDiscoveryDefined);
    }

    // ---- 2025-03-26 -------------------------------------------------------------------------

    [Fact]
    public void A_2025_03_26_client_reads_metadata_at_the_MCP_origin_with_the_protocol_version()
    {
        var run = Run(PeerRevision.V2025_03_26, Deployments.Own);
        AssertRun(run, [McpEndpoint, McpOriginOAuth, AsEndpoints], DiscoveryOutcome.Authorized);
        Assert.Equal(McpOriginOAuth, run.Metadata);
        Assert.Equal([false, true, false], run.Requests.Select(r => r.ProtocolVersionHeader));
        Assert.True(run.ReachedAuthorizationServer);
    }

    [Fact]
    public void A_2025_03_26_client_without_metadata_uses_the_default_endpoints()
    {
        var run = Run(PeerRevision.V2025_03_26, Deployments.Own.Without(OAuthPathInserted));
        AssertRun(run, [McpEndpoint, McpOriginOAuth, DefaultEndpoints], DiscoveryOutcome.UsedDefaultEndpoints);
        Assert.True(run.ReachedAuthorizationServer);
    }

    [Fact]
    public void A_2025_03_26_client_ignores_resource_metadata()
    {
        var withHeader = Run(PeerRevision.V2025_03_26, Deployments.Own.With(ResourceMetadataInChallenge | PrmAtPath));
        AssertRun(withHeader, [McpEndpoint, McpOriginOAuth, AsEndpoints], DiscoveryOutcome.Authorized);
    }

    // ---- 2025-06-18 -------------------------------------------------------------------------

    [Fact]
    public void A_2025_06_18_client_follows_resource_metadata_to_RFC_8414_metadata()
    {
        var run = Run(PeerRevision.V2025_06_18, Deployments.Separate);
        AssertRun(run, [McpEndpoint, PrmFromHeader, AsOAuthRoot, AsEndpoints], DiscoveryOutcome.Authorized);
        Assert.Equal(AsOAuthRoot, run.Metadata);
        Assert.All(run.Requests, r => Assert.False(r.ProtocolVersionHeader));
    }

    [Fact]
    public void A_2025_06_18_client_inserts_the_issuer_path()
    {
        AssertRun(Run(PeerRevision.V2025_06_18, Deployments.TenantIssuer(OAuthPathInserted)),
            [McpEndpoint, PrmFromHeader, AsOAuthPathInserted, AsEndpoints], DiscoveryOutcome.Authorized);
    }

    [Fact]
    public void A_2025_06_18_client_stops_at_a_401_without_resource_metadata()
    {
        AssertRun(Run(PeerRevision.V2025_06_18, Deployments.WellKnownOnly(PrmAtPath)),
            [McpEndpoint], DiscoveryOutcome.Aborted, AbortReason.NoResourceMetadata);
    }

    [Fact]
    public void A_2025_06_18_client_stops_when_the_resource_metadata_URL_fails()
    {
        AssertRun(Run(PeerRevision.V2025_06_18, Deployments.Separate.Without(PrmAtPath)),
            [McpEndpoint, PrmFromHeader], DiscoveryOutcome.Aborted, AbortReason.NoPrm);
    }

    [Fact]
    public void A_2025_06_18_client_tries_no_other_metadata_location()
    {
        AssertRun(Run(PeerRevision.V2025_06_18, Deployments.TenantIssuer(OidcPathInserted | OidcPathAppended | OAuthPathAppended)),
            [McpEndpoint, PrmFromHeader, AsOAuthPathInserted], DiscoveryOutcome.Aborted, AbortReason.NoAsMetadata);
    }

    // ---- 2025-11-25 (and 2026-07-28, which probes alike) ------------------------------------

    public static TheoryData<PeerRevision> WellKnownClients => new() { PeerRevision.V2025_11_25, PeerRevision.V2026_07_28, PeerRevision.DualEra };

    [Theory]
    [MemberData(nameof(WellKnownClients))]
    public void The_header_comes_first_when_present(PeerRevision client)
    {
        AssertRun(Run(client, Deployments.Separate.With(PrmAtRoot)), [McpEndpoint, PrmFromHeader, AsOAuthRoot, AsEndpoints], DiscoveryOutcome.Authorized);
    }

    [Theory]
    [MemberData(nameof(WellKnownClients))]
    public void Without_the_header_the_path_form_comes_before_the_root_form(PeerRevision client)
    {
        AssertRun(Run(client, Deployments.WellKnownOnly(PrmAtPath)), [McpEndpoint, PrmPathWellKnown, AsOAuthRoot, AsEndpoints], DiscoveryOutcome.Authorized);
        AssertRun(Run(client, Deployments.WellKnownOnly(PrmAtRoot)),
            [McpEndpoint, PrmPathWellKnown, PrmRootWellKnown, AsOAuthRoot, AsEndpoints], DiscoveryOutcome.Authorized);
    }

    [Theory]
    [MemberData(nameof(WellKnownClients))]
    public void An_endpoint_at_the_root_skips_the_path_form(PeerRevision client)
    {
        AssertRun(Run(client, Deployments.WellKnownOnly(PrmAtRoot | EndpointAtRoot)),
            [McpEndpoint, PrmRootWellKnown, AsOAuthRoot, AsEndpoints], DiscoveryOutcome.Authorized);
    }

    [Theory]
    [MemberData(nameof(WellKnownClients))]
    public void Without_any_PRM_the_client_aborts_after_both_well_known_forms(PeerRevision client)
    {
        AssertRun(Run(client, Deployments.WellKnownOnly(DeploymentFlags.None)),
            [McpEndpoint, PrmPathWellKnown, PrmRootWellKnown], DiscoveryOutcome.Aborted, AbortReason.NoPrm);
    }

    [Theory]
    [MemberData(nameof(WellKnownClients))]
    public void A_resource_metadata_URL_that_fails_is_not_followed_by_the_well_known_forms(PeerRevision client)
    {
        AssertRun(Run(client, Deployments.Separate.Without(PrmAtPath)),
            [McpEndpoint, PrmFromHeader], DiscoveryOutcome.Aborted, AbortReason.NoPrm);
    }

    [Theory]
    [MemberData(nameof(WellKnownClients))]
    public void An_issuer_with_a_path_is_tried_in_three_places(PeerRevision client)
    {
        var run = Run(client, Deployments.TenantIssuer(OidcPathAppended));
        AssertRun(run, [McpEndpoint, PrmFromHeader, AsOAuthPathInserted, AsOidcPathInserted, AsOidcPathAppended, AsEndpoints], DiscoveryOutcome.Authorized);
        Assert.Equal(AsOidcPathAppended, run.Metadata);

        AssertRun(Run(client, Deployments.TenantIssuer(OidcPathInserted | OidcPathAppended)),
            [McpEndpoint, PrmFromHeader, AsOAuthPathInserted, AsOidcPathInserted, AsEndpoints], DiscoveryOutcome.Authorized);
        AssertRun(Run(client, Deployments.TenantIssuer(OAuthPathAppended)),
            [McpEndpoint, PrmFromHeader, AsOAuthPathInserted, AsOidcPathInserted, AsOidcPathAppended], DiscoveryOutcome.Aborted, AbortReason.NoAsMetadata);
    }

    [Theory]
    [MemberData(nameof(WellKnownClients))]
    public void An_issuer_without_a_path_is_tried_in_two_places(PeerRevision client)
    {
        var run = Run(client, Deployments.OidcOnly);
        AssertRun(run, [McpEndpoint, PrmFromHeader, AsOAuthRoot, AsOidcRoot, AsEndpoints], DiscoveryOutcome.Authorized);
        Assert.Equal(AsOidcRoot, run.Metadata);
        AssertRun(Run(client, Deployments.Separate.Without(OAuthPathInserted)),
            [McpEndpoint, PrmFromHeader, AsOAuthRoot, AsOidcRoot], DiscoveryOutcome.Aborted, AbortReason.NoAsMetadata);
    }

    [Theory]
    [MemberData(nameof(WellKnownClients))]
    public void Metadata_without_code_challenge_methods_supported_is_refused(PeerRevision client)
    {
        AssertRun(Run(client, Deployments.Separate.Without(PkceAdvertised)),
            [McpEndpoint, PrmFromHeader, AsOAuthRoot], DiscoveryOutcome.Aborted, AbortReason.PkceNotAdvertised);
    }

    [Fact]
    public void Only_2026_07_28_refuses_metadata_for_another_issuer()
    {
        var mismatch = Deployments.Separate.Without(IssuerMatches);
        AssertRun(Run(PeerRevision.V2025_11_25, mismatch), [McpEndpoint, PrmFromHeader, AsOAuthRoot, AsEndpoints], DiscoveryOutcome.Authorized);
        AssertRun(Run(PeerRevision.V2026_07_28, mismatch), [McpEndpoint, PrmFromHeader, AsOAuthRoot], DiscoveryOutcome.Aborted, AbortReason.IssuerMismatch);
        AssertRun(Run(PeerRevision.DualEra, mismatch), [McpEndpoint, PrmFromHeader, AsOAuthRoot], DiscoveryOutcome.Aborted, AbortReason.IssuerMismatch);
    }

    [Fact]
    public void The_issuer_is_checked_before_PKCE()
    {
        var run = Run(PeerRevision.V2026_07_28, Deployments.Separate.Without(IssuerMatches | PkceAdvertised));
        Assert.Equal(AbortReason.IssuerMismatch, run.Reason);
    }
}
