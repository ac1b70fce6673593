using McpFuzz.Model.Machines.Authorization;
using McpFuzz.Model.Machines.Kernel;
using McpFuzz.Model.Machines.Peers;
using McpFuzz.Model.Machines.Rules;
using McpFuzz.Model.Revisions;
using static McpFuzz.Model.Machines.Authorization.DiscoveryPhase;

namespace McpFuzz.Tests.Machines.Authorization;

/// <summary>The discovery machines as tables: validation, cited rules, diagrams.</summary>
public class DiscoveryMachineStructureTests
{
    public static TheoryData<PeerRevision> Peers => new(PeerRevisions.All);

    private static readonly DiscoveryPhase[] OriginPhases = [McpOriginOAuth, UsedDefaultEndpoints];
    private static readonly DiscoveryPhase[] PrmPhases = [SeekingPrm, PrmFromHeader, PrmPathWellKnown, PrmRootWellKnown];
    private static readonly DiscoveryPhase[] AsPhases = [SeekingAsMetadata, AsOAuthPathInserted, AsOidcPathInserted, AsOidcPathAppended, AsOAuthRoot, AsOidcRoot];

    /// <summary>The phases of other revisions' discovery, which a machine leaves unreachable.</summary>
    private static IEnumerable<DiscoveryPhase> ForeignPhases(PeerRevision peer) => peer switch
    {
        PeerRevision.V2024_11_05 => [.. PrmPhases, .. AsPhases, .. OriginPhases, Authorized],
        PeerRevision.V2025_03_26 => [.. PrmPhases, .. AsPhases, Aborted],
        PeerRevision.V2025_06_18 => [PrmPathWellKnown, PrmRootWellKnown, AsOidcPathInserted, AsOidcPathAppended, AsOidcRoot, .. OriginPhases],
        _ => OriginPhases,
    };

    [Theory]
    [MemberData(nameof(Peers))]
    public void Validation_finds_no_overlap_and_dead_ends_only_among_the_foreign_phases_left_unreachable(PeerRevision peer)
    {
        var issues = DiscoveryMachines.For(peer).Validate();
        Assert.DoesNotContain(issues, i => i.Kind == ValidationIssueKind.Overlap);
        var unreachable = issues.Where(i => i.Kind == ValidationIssueKind.Unreachable).Select(i => i.State).Order().ToArray();
        Assert.Equal(ForeignPhases(peer).Select(p => p.ToString()).Order(), unreachable);
        // A phase the machine never configures has no way out either; that is the only kind of dead end.
        Assert.All(issues.Where(i => i.Kind == ValidationIssueKind.DeadEnd), i => Assert.Contains(i.State, unreachable));
    }

    [Theory]
    [MemberData(nameof(Peers))]
    public void Every_reachable_waiting_phase_handles_every_answer_it_can_get(PeerRevision peer)
    {
        var machine = DiscoveryMachines.For(peer);
        var issues = machine.Validate();
        bool Handles(DiscoveryPhase phase, DiscoveryTrigger trigger) =>
            !issues.Any(i => i.Kind == ValidationIssueKind.Unhandled && i.State == phase.ToString() && i.Trigger == trigger.ToString());

        Assert.True(Handles(Challenging, DiscoveryTrigger.Unauthorized));
        Assert.True(Handles(Challenging, DiscoveryTrigger.UnauthorizedWithResourceMetadata));

        var unreachable = issues.Where(i => i.Kind == ValidationIssueKind.Unreachable).Select(i => i.State).ToHashSet();
        var documentPhases = machine.States
            .Where(s => !machine.IsFinal(s) && s is not (Idle or Challenging or SeekingPrm or SeekingAsMetadata) && !unreachable.Contains(s.ToString()));
        foreach (var phase in documentPhases)
        {
            Assert.True(Handles(phase, DiscoveryTrigger.Found), $"{phase} on Found");
            Assert.True(Handles(phase, DiscoveryTrigger.NotFound), $"{phase} on NotFound");
        }
    }

    [Theory]
    [MemberData(nameof(Peers))]
    public void Every_cited_rule_is_in_Cite_and_holds_in_the_revision_the_machine_follows(PeerRevision peer)
    {
        var revision = DiscoveryMachines.RulesOf(peer);
        var cited = DiscoveryMachines.For(peer).Transitions.SelectMany(t => t.Rules).Distinct().ToArray();
        Assert.Equal(peer == PeerRevision.V2024_11_05, cited.Length == 0);
        foreach (var id in cited)
        {
            Assert.Contains(id, Cite.All);
            Assert.True(Cite.In(id).Contains(revision), $"{id} does not hold in {revision.ToText()}");
        }
    }

    [Fact]
    public void Each_revision_cites_its_own_discovery_rule()
    {
        Assert.Contains(Cite.AuthDiscovery20250326, Rules(PeerRevision.V2025_03_26));
        Assert.Contains(Cite.AuthDiscovery20250618, Rules(PeerRevision.V2025_06_18));
        Assert.Contains(Cite.AuthDiscovery20251125, Rules(PeerRevision.V2025_11_25));
        Assert.Contains(Cite.AuthDiscovery20260728, Rules(PeerRevision.V2026_07_28));
        Assert.Contains(Cite.AuthIssuerEquality, Rules(PeerRevision.DualEra));
        Assert.DoesNotContain(Cite.AuthIssuerEquality, Rules(PeerRevision.V2025_11_25));
        Assert.DoesNotContain(Cite.AuthPkceMethodsRequired, Rules(PeerRevision.V2025_06_18));

        static IEnumerable<string> Rules(PeerRevision peer) => DiscoveryMachines.For(peer).Transitions.SelectMany(t => t.Rules);
    }

    [Fact]
    public void Machines_are_built_once_per_revision()
    {
        Assert.Same(DiscoveryMachines.For(PeerRevision.V2025_11_25), DiscoveryMachines.For(PeerRevision.V2025_11_25));
        Assert.NotSame(DiscoveryMachines.For(PeerRevision.V2026_07_28), DiscoveryMachines.For(PeerRevision.DualEra));
        Assert.Equal("authorization discovery dual-era", DiscoveryMachines.For(PeerRevision.DualEra).Name);
    }

    [Theory]
    [MemberData(nameof(Peers))]
    public void No_label_holds_a_colon_which_would_end_a_Mermaid_edge_description(PeerRevision peer)
    {
        Assert.All(DiscoveryMachines.For(peer).Transitions, t => Assert.DoesNotContain(':', t.Label));
    }

    [Fact]
    public void The_2025_11_25_diagram_shows_the_well_known_order()
    {
        string mermaid = DiscoveryMachines.For(PeerRevision.V2025_11_25).ToMermaid();
        Assert.StartsWith("---\ntitle: \"authorization discovery 2025-11-25\"\n---\nstateDiagram-v2\n", mermaid);
        Assert.Contains("    state SeekingPrm {\n", mermaid);
        Assert.Contains("PrmPathWellKnown --> PrmRootWellKnown : NotFound / GET oauth-protected-resource, root form\n", mermaid);
        Assert.Contains("AsOAuthPathInserted --> AsOidcPathInserted : NotFound / GET openid-configuration, path inserted\n", mermaid);
        Assert.Contains("SeekingAsMetadata --> Aborted : Found [no code_challenge_methods_supported] / give up (PKCE not advertised)\n", mermaid);
        Assert.DoesNotContain("issuer differs", mermaid);
    }

    [Fact]
    public void The_2025_06_18_diagram_has_no_fallbacks()
    {
        string mermaid = DiscoveryMachines.For(PeerRevision.V2025_06_18).ToMermaid();
        Assert.Contains("Challenging --> Aborted : Unauthorized / give up (no resource_metadata)\n", mermaid);
        Assert.Contains("SeekingAsMetadata --> Authorized : Found / use the metadata's endpoints\n", mermaid);
        Assert.DoesNotContain("PrmPathWellKnown -->", mermaid);
        Assert.DoesNotContain("openid-configuration", mermaid);
    }

    [Fact]
    public void The_2025_03_26_diagram_goes_from_the_origin_to_the_defaults()
    {
        string mermaid = DiscoveryMachines.For(PeerRevision.V2025_03_26).ToMermaid();
        Assert.Contains("Challenging --> McpOriginOAuth : Unauthorized / GET oauth-authorization-server at the MCP origin with MCP-Protocol-Version\n", mermaid);
        Assert.Contains("McpOriginOAuth --> UsedDefaultEndpoints : NotFound / use /authorize /token /register\n", mermaid);
        Assert.Contains("UsedDefaultEndpoints --> [*]\n", mermaid);
        Assert.DoesNotContain("Aborted --> [*]", mermaid);
    }
}
