using McpFuzz.Model.Checking;
using McpFuzz.Model.Machines.Peers;
using McpFuzz.Model.Machines.Rules;
using McpFuzz.Model.Revisions;
using Xunit;

namespace McpFuzz.Tests.Checking;

public class CheckExpectationsTests
{
    private static Exploration<WorldAction> Check(PeerRevision client, PeerRevision server, int faults = 0,
        ClientProfile clientProfile = ClientProfile.None, ServerProfile serverProfile = ServerProfile.None) =>
        Explorer.Run(new McpWorld(new Pairing(client, clientProfile, server, serverProfile, faults)), new ExplorationBounds());

    [Fact]
    public void Every_rule_the_machines_cite_is_in_the_catalog()
    {
        Assert.DoesNotContain(Cite.All, id => RuleCatalog.Find(id) is null);
    }

    [Theory]
    [InlineData(PeerRevision.V2024_11_05)]
    [InlineData(PeerRevision.V2025_03_26)]
    [InlineData(PeerRevision.V2025_06_18)]
    [InlineData(PeerRevision.V2025_11_25)]
    [InlineData(PeerRevision.V2026_07_28)]
    [InlineData(PeerRevision.DualEra)]
    public void Conforming_same_revision_pairs_work_without_faults(PeerRevision revision)
    {
        var result = Check(revision, revision);
        Assert.Null(result.Violation);
        Assert.Empty(result.Unreached);
        Assert.True(result.Complete);
    }

    [Theory]
    [InlineData(PeerRevision.V2025_03_26, PeerRevision.V2025_06_18, 1)]
    [InlineData(PeerRevision.V2025_06_18, PeerRevision.V2025_03_26, 1)]
    [InlineData(PeerRevision.V2025_06_18, PeerRevision.V2024_11_05, 1)]
    [InlineData(PeerRevision.DualEra, PeerRevision.V2025_06_18, 1)]
    [InlineData(PeerRevision.DualEra, PeerRevision.V2026_07_28, 1)]
    [InlineData(PeerRevision.V2026_07_28, PeerRevision.V2026_07_28, 1)]
    public void Pairs_the_spec_says_work_work_with_a_fault(PeerRevision client, PeerRevision server, int faults)
    {
        var result = Check(client, server, faults);
        Assert.Null(result.Violation);
        Assert.Empty(result.Unreached);
    }

    [Theory]
    [InlineData(PeerRevision.V2025_06_18, PeerRevision.V2026_07_28)]
    [InlineData(PeerRevision.V2025_11_25, PeerRevision.V2026_07_28)]
    [InlineData(PeerRevision.V2024_11_05, PeerRevision.V2026_07_28)]
    [InlineData(PeerRevision.V2026_07_28, PeerRevision.V2025_11_25)]
    [InlineData(PeerRevision.V2024_11_05, PeerRevision.V2025_06_18)]
    public void Pairs_the_spec_says_fail_fail_visibly(PeerRevision client, PeerRevision server)
    {
        var result = Check(client, server);
        Assert.False(Compatibility.Expected(client, server).Works);
        Assert.NotNull(result.Violation);
        Assert.NotEqual(McpProperties.NoSilentHang, result.Violation!.Property);
        Assert.Equal(PropertyKind.Eventually, result.Violation.Property.Kind);
    }

    [Fact]
    public void Motivating_case_the_endpoint_event_closes_a_first_event_client()
    {
        var pairing = new Pairing(PeerRevision.V2025_06_18, ClientProfile.FirstEventIsResponse,
            PeerRevision.V2025_06_18, ServerProfile.LegacyEndpointInPost, 0);
        var check = PairingCheck.Run(pairing, new ExplorationBounds());

        // The server is the side that deviates first ...
        Assert.Equal(McpProperties.ServerConforms, check.Exploration.Violation?.Property);
        Assert.Contains("shttp.message-events", check.Exploration.Violation!.Rules);

        // ... and what the user sees is the client closing on the `endpoint` event.
        Assert.NotNull(check.Consequence);
        Assert.Equal(McpProperties.InitializationCompletes, check.Consequence!.Violation!.Property);
        var world = new McpWorld(pairing, judge: false);
        var steps = world.Describe(check.Consequence.Path).ToList();
        int endpoint = steps.FindIndex(s => s.Contains("`endpoint`") && s.StartsWith("client receives", StringComparison.Ordinal));
        Assert.True(endpoint >= 0);
        Assert.EndsWith("client Failed", steps[endpoint]);
        Assert.Contains("expected a JSON-RPC response", check.Consequence.Violation.Detail);
    }

    [Fact]
    public void A_conforming_client_copes_with_the_stray_endpoint_event()
    {
        var pairing = new Pairing(PeerRevision.V2025_06_18, ClientProfile.None, PeerRevision.V2025_06_18, ServerProfile.LegacyEndpointInPost, 1);
        var check = PairingCheck.Run(pairing, new ExplorationBounds());

        Assert.Equal(McpProperties.ServerConforms, check.Exploration.Violation?.Property);
        Assert.Null(check.Consequence);
    }

    [Fact]
    public void A_conforming_client_skips_the_stray_endpoint_event_and_the_server_is_blamed()
    {
        var result = Check(PeerRevision.V2025_06_18, PeerRevision.V2025_06_18, serverProfile: ServerProfile.LegacyEndpointInPost);
        Assert.NotNull(result.Violation);
        Assert.Equal(McpProperties.ServerConforms, result.Violation!.Property);
        Assert.Contains("legacy-endpoint-in-post", result.Violation.Detail);
    }

    [Theory]
    [InlineData(PeerRevision.V2025_06_18, ClientProfile.OmitsProtocolVersionHeader, "version.header-required")]
    [InlineData(PeerRevision.V2025_06_18, ClientProfile.OAuthDiscoveryHeaderLeak, "version.header-negotiated")]
    public void Client_profiles_are_seen_by_what_they_send(PeerRevision revision, ClientProfile profile, string rule)
    {
        var result = Check(revision, revision, clientProfile: profile);
        Assert.NotNull(result.Violation);
        Assert.Contains(rule, result.Violation!.Rules);
    }

    [Fact]
    public void No_fallback_client_fails_where_a_conforming_one_falls_back()
    {
        Assert.Null(Check(PeerRevision.V2025_06_18, PeerRevision.V2024_11_05).Violation);
        var result = Check(PeerRevision.V2025_06_18, PeerRevision.V2024_11_05, clientProfile: ClientProfile.NoFallback);
        Assert.Equal(McpProperties.ClientConforms, result.Violation?.Property);
    }
}
