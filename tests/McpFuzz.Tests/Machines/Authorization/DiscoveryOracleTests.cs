using McpFuzz.Model.Machines.Authorization;
using McpFuzz.Model.Machines.Peers;
using McpFuzz.Model.Revisions;
using static McpFuzz.Model.Machines.Authorization.DeploymentFlags;
using static McpFuzz.Model.Machines.Authorization.Probe;

namespace McpFuzz.Tests.Machines.Authorization;

/// <summary>Observed probe sequences that depart from the conforming order are attributed to the
/// rule of the step a conforming client takes there.</summary>
public class DiscoveryOracleTests
{
    private static DiscoveryDivergence Diverges(PeerRevision client, Deployment d, params Probe[] observed)
    {
        var divergence = DiscoveryOracle.Judge(client, d, observed);
        Assert.NotNull(divergence);
        return divergence;
    }

    [Fact]
    public void Skipping_the_path_form_of_PRM_breaks_2025_11_25_discovery()
    {
        var d = Deployments.WellKnownOnly(PrmAtRoot);
        var divergence = Diverges(PeerRevision.V2025_11_25, d, McpEndpoint, PrmRootWellKnown, AsOAuthRoot, AsEndpoints);
        Assert.Equal(1, divergence.Index);
        Assert.Equal(DivergenceKind.Skipped, divergence.Kind);
        Assert.Equal(PrmPathWellKnown, divergence.Expected.Probe);
        Assert.Equal(PrmRootWellKnown, divergence.Observed.Probe);
        Assert.Equal("auth.discovery-2025-11-25", divergence.Rule.Id);
        Assert.Equal(RuleLevel.Must, divergence.Rule.Level);
    }

    [Fact]
    public void OIDC_before_RFC_8414_is_out_of_order()
    {
        var d = Deployments.TenantIssuer(OidcPathInserted | OAuthPathInserted);
        var divergence = Diverges(PeerRevision.V2026_07_28, d, McpEndpoint, PrmFromHeader, AsOidcPathInserted, AsEndpoints);
        Assert.Equal(2, divergence.Index);
        Assert.Equal(DivergenceKind.Unexpected, divergence.Kind);
        Assert.Equal(AsOAuthPathInserted, divergence.Expected.Probe);
        Assert.Equal("auth.discovery-2026-07-28", divergence.Rule.Id);

        // Where the conforming client reaches the OIDC document only later, probing it first skips.
        var oidcOnly = Deployments.TenantIssuer(OidcPathAppended);
        var skipped = Diverges(PeerRevision.V2025_11_25, oidcOnly, McpEndpoint, PrmFromHeader, AsOidcPathAppended, AsEndpoints);
        Assert.Equal(DivergenceKind.Skipped, skipped.Kind);
        Assert.Equal(AsOAuthPathInserted, skipped.Expected.Probe);
    }

    [Fact]
    public void Ignoring_resource_metadata_breaks_discovery_from_2025_06_18()
    {
        var d = Deployments.Separate;
        var june = Diverges(PeerRevision.V2025_06_18, d, McpEndpoint, McpOriginOAuth, DefaultEndpoints);
        Assert.Equal((1, PrmFromHeader, "auth.discovery-2025-06-18"), (june.Index, june.Expected.Probe, june.Rule.Id));

        var november = Diverges(PeerRevision.V2025_11_25, d, McpEndpoint, PrmPathWellKnown, AsOAuthRoot, AsEndpoints);
        Assert.Equal((1, DivergenceKind.Unexpected, PrmFromHeader, "auth.discovery-2025-11-25"),
            (november.Index, november.Kind, november.Expected.Probe, november.Rule.Id));
    }

    [Fact]
    public void Proceeding_without_advertised_PKCE_breaks_the_PKCE_rule()
    {
        var d = Deployments.Separate.Without(PkceAdvertised);
        var divergence = Diverges(PeerRevision.V2025_11_25, d, McpEndpoint, PrmFromHeader, AsOAuthRoot, AsEndpoints);
        Assert.Equal(3, divergence.Index);
        Assert.Equal(DivergenceKind.ContinuedAfterEnd, divergence.Kind);
        Assert.Equal(Probe.None, divergence.Expected.Probe);
        Assert.Equal(AsEndpoints, divergence.Observed.Probe);
        Assert.Equal("auth.pkce-methods-required", divergence.Rule.Id);
        Assert.Contains("code_challenge_methods_supported", divergence.Explanation);

        // The same sequence is what a 2025-06-18 client must do.
        Assert.Null(DiscoveryOracle.Judge(PeerRevision.V2025_06_18, d, [McpEndpoint, PrmFromHeader, AsOAuthRoot, AsEndpoints]));
    }

    [Fact]
    public void Proceeding_with_metadata_for_another_issuer_breaks_issuer_equality()
    {
        var d = Deployments.Separate.Without(IssuerMatches);
        var divergence = Diverges(PeerRevision.DualEra, d, McpEndpoint, PrmFromHeader, AsOAuthRoot, AsEndpoints);
        Assert.Equal(DivergenceKind.ContinuedAfterEnd, divergence.Kind);
        Assert.Equal("auth.issuer-equality", divergence.Rule.Id);
        Assert.Null(DiscoveryOracle.Judge(PeerRevision.V2025_11_25, d, [McpEndpoint, PrmFromHeader, AsOAuthRoot, AsEndpoints]));
    }

    [Fact]
    public void A_2025_06_18_client_that_falls_back_to_well_known_PRM_goes_beyond_its_revision()
    {
        var d = Deployments.WellKnownOnly(PrmAtPath);
        var divergence = Diverges(PeerRevision.V2025_06_18, d, McpEndpoint, PrmPathWellKnown, AsOAuthRoot, AsEndpoints);
        Assert.Equal((1, DivergenceKind.ContinuedAfterEnd, "auth.discovery-2025-06-18"), (divergence.Index, divergence.Kind, divergence.Rule.Id));
        Assert.Contains("resource_metadata", divergence.Explanation);
    }

    [Fact]
    public void Giving_up_instead_of_trying_the_next_location_is_stopping_early()
    {
        var d = Deployments.WellKnownOnly(PrmAtRoot);
        var divergence = Diverges(PeerRevision.V2025_11_25, d, McpEndpoint, PrmPathWellKnown);
        Assert.Equal((2, DivergenceKind.StoppedEarly, PrmRootWellKnown), (divergence.Index, divergence.Kind, divergence.Expected.Probe));
        Assert.Equal(Probe.None, divergence.Observed.Probe);

        var march = Diverges(PeerRevision.V2025_03_26, Deployments.Separate, McpEndpoint, McpOriginOAuth);
        Assert.Equal((DivergenceKind.StoppedEarly, DefaultEndpoints, "auth.discovery-2025-03-26"), (march.Kind, march.Expected.Probe, march.Rule.Id));
    }

    [Fact]
    public void A_missing_protocol_version_header_is_a_SHOULD_finding_after_the_order_is_right()
    {
        var d = Deployments.Own;
        ProbeRequest[] bare = [McpEndpoint, McpOriginOAuth, AsEndpoints];
        var divergence = DiscoveryOracle.Judge(PeerRevision.V2025_03_26, d, bare);
        Assert.NotNull(divergence);
        Assert.Equal((1, DivergenceKind.MissingProtocolVersion, "auth.protocol-version-during-discovery", RuleLevel.Should),
            (divergence.Index, divergence.Kind, divergence.Rule.Id, divergence.Rule.Level));

        ProbeRequest[] withHeader = [McpEndpoint, new(McpOriginOAuth, ProtocolVersionHeader: true), AsEndpoints];
        Assert.Null(DiscoveryOracle.Judge(PeerRevision.V2025_03_26, d, withHeader));
        // Judged on order alone, the bare sequence conforms.
        Assert.Null(DiscoveryOracle.Judge(PeerRevision.V2025_03_26, d, [McpEndpoint, McpOriginOAuth, AsEndpoints]));
    }

    [Fact]
    public void Nothing_constrains_a_2024_11_05_client_after_the_401()
    {
        Assert.Null(DiscoveryOracle.Judge(PeerRevision.V2024_11_05, Deployments.Separate, [McpEndpoint, PrmFromHeader, AsOAuthRoot, AsEndpoints]));
    }

    [Fact]
    public void Newer_behaviour_in_an_older_client_is_a_divergence_too()
    {
        var divergence = Diverges(PeerRevision.V2025_03_26, Deployments.Separate, McpEndpoint, PrmFromHeader, AsOAuthRoot, AsEndpoints);
        Assert.Equal((1, McpOriginOAuth, "auth.discovery-2025-03-26"), (divergence.Index, divergence.Expected.Probe, divergence.Rule.Id));
    }

    [Fact]
    public void Matching_names_the_revisions_a_sequence_conforms_to()
    {
        var d = Deployments.Separate;
        Assert.Equal([PeerRevision.V2025_03_26], DiscoveryOracle.Matching(d, [McpEndpoint, McpOriginOAuth, DefaultEndpoints]));
        Assert.Equal([PeerRevision.V2025_06_18, PeerRevision.V2025_11_25, PeerRevision.V2026_07_28, PeerRevision.DualEra],
            DiscoveryOracle.Matching(d, [McpEndpoint, PrmFromHeader, AsOAuthRoot, AsEndpoints]));
        Assert.Equal([PeerRevision.V2024_11_05], DiscoveryOracle.Matching(d, [McpEndpoint]));
        Assert.Empty(DiscoveryOracle.Matching(d, [McpEndpoint, AsOAuthRoot]));
    }

    [Fact]
    public void A_divergence_reads_as_a_finding()
    {
        var divergence = Diverges(PeerRevision.V2025_11_25, Deployments.WellKnownOnly(PrmAtRoot), McpEndpoint, PrmRootWellKnown);
        Assert.Equal(
            "auth.discovery-2025-11-25 (Must) at probe 2: a conforming 2025-11-25 client sends GET {mcp origin}/.well-known/oauth-protected-resource{mcp path} " +
            "before GET {mcp origin}/.well-known/oauth-protected-resource; this one skipped it",
            divergence.ToString());
    }
}
