using McpFuzz.Model.Machines.Authorization;
using McpFuzz.Model.Machines.Peers;
using McpFuzz.Model.Revisions;
using Xunit;
using static McpFuzz.Model.Machines.Authorization.DeploymentFlags;

namespace McpFuzz.Tests.Machines.Authorization;

public class LiveDiscoveryTests
{
    private static readonly Uri Mcp = new("https://mcp.example.com/mcp");

    private static readonly Revision[] WithAuthorization = [Revision.V2025_03_26, Revision.V2025_06_18, Revision.V2025_11_25, Revision.V2026_07_28];

    // The rules DeploymentRules decides from a deployment's flags.
    private static readonly string[] DeploymentRuleIds =
        ["auth.default-endpoints", "auth.401-resource-metadata", "auth.prm-location", "auth.prm-required", "auth.as-metadata-advisory", "auth.as-metadata", "auth.oidc-pkce-advertised"];

    /// <summary>Walks a deployment as a live server would answer it: documents where its flags put
    /// them, saying what its flags say.</summary>
    private static LiveDiscovery Walk(Deployment d, Revision revision, Func<Probe, MetadataDocument?>? documents = null)
    {
        var mcp = d.EndpointAtRoot ? new Uri("https://mcp.example.com/") : Mcp;
        var walk = new LiveDiscovery(revision, mcp);
        walk.Challenged(401, d.Has(ResourceMetadataInChallenge) ? "Bearer resource_metadata=\"https://mcp.example.com/prm\"" : "Bearer realm=\"mcp\"");
        string issuer = d.Has(AsOnMcpHost) ? "https://mcp.example.com" : "https://auth.example.com";
        if (d.Has(IssuerHasPath)) issuer += "/tenant1";
        for (int n = 0; n < 16 && walk.Next.Probe != Probe.None; n++)
        {
            var probe = walk.Next.Probe;
            var urls = walk.NextUrls;
            if (probe == Probe.DefaultEndpoints)
            {
                int status = d.Has(ServesDefaultEndpoints) ? 400 : 404;
                walk.Fetched(new LiveAnswer(probe, urls, urls.Select(_ => (int?)status).ToArray(), null, null));
                continue;
            }

            var (trigger, _) = d.Answer(probe);
            string expectedIssuer = probe == Probe.McpOriginOAuth ? "https://mcp.example.com" : issuer;
            var doc = trigger != DiscoveryTrigger.Found ? null
                : documents?.Invoke(probe) ?? (probe.IsPrm()
                    ? new MetadataDocument(mcp.AbsoluteUri, [issuer], null, null, false, [])
                    : new MetadataDocument(null, [], d.Has(IssuerMatches) ? expectedIssuer : expectedIssuer + "/",
                        d.Has(PkceAdvertised) ? ["S256"] : null, false, ["https://auth.example.com/authorize"]));
            walk.Fetched(new LiveAnswer(probe, urls, [doc is null ? 404 : 200], doc, doc is null ? "status 404" : null));
        }

        return walk;
    }

    private static string[] Broken(LiveDiscovery walk) => LiveDiscoveryJudge.Judge(walk).Findings.Select(f => f.Rule.Id).ToArray();

    [Fact]
    public void The_live_walk_fetches_in_the_order_of_the_revision_s_discovery_machine()
    {
        foreach (var revision in WithAuthorization)
        {
            foreach (var d in new[] { Deployments.Own, Deployments.Separate, Deployments.WellKnownOnly(PrmAtRoot), Deployments.TenantIssuer(OidcPathAppended | PkceAdvertised) })
            {
                var walk = Walk(d, revision);
                var expected = DiscoveryRun.Of((PeerRevision)(int)revision, d);
                Assert.Equal(expected.Outcome, walk.Final.Outcome);
                Assert.Equal(expected.Reason, walk.Final.Reason);
                Assert.Equal(LiveDiscoveryEnd.Finished, walk.End);
            }
        }
    }

    [Fact]
    public void The_live_judge_agrees_with_the_deployment_rules_wherever_the_walk_decides_them()
    {
        foreach (var d in Deployments.All())
        {
            foreach (var revision in WithAuthorization)
            {
                var verdict = LiveDiscoveryJudge.Judge(Walk(d, revision));
                var broken = d.BrokenBy(revision).Select(r => r.Id).ToHashSet();
                foreach (var rule in verdict.Checked.Where(r => DeploymentRuleIds.Contains(r.Id)))
                {
                    bool live = verdict.Findings.Any(f => f.Rule == rule);
                    Assert.True(live == broken.Contains(rule.Id), $"{rule.Id} for {d} under {revision.ToText()}: live {live}, deployment rules {broken.Contains(rule.Id)}");
                }
            }
        }
    }

    [Fact]
    public void Conforming_deployments_of_each_revision_pass()
    {
        foreach (var revision in WithAuthorization)
        {
            var verdict = LiveDiscoveryJudge.Judge(Walk(ServerDeployments.Of((PeerRevision)(int)revision), revision));
            Assert.Empty(verdict.Findings);
            Assert.Contains(verdict.Checked, r => r.Id == "auth.401-required");
            Assert.Contains(verdict.Checked, r => r.Id == "auth.as-issuer");
        }
    }

    [Fact]
    public void A_response_other_than_401_ends_the_walk_with_nothing_judged()
    {
        var walk = new LiveDiscovery(Revision.V2025_11_25, Mcp);
        walk.Challenged(200, null);
        Assert.Equal(LiveDiscoveryEnd.NotChallenged, walk.End);
        Assert.Equal(Probe.None, walk.Next.Probe);
        Assert.Empty(LiveDiscoveryJudge.Judge(walk).Checked);
    }

    [Fact]
    public void A_2025_06_18_challenge_without_resource_metadata_breaks_its_rule_and_ends_discovery()
    {
        var walk = Walk(Deployments.Separate.Without(ResourceMetadataInChallenge), Revision.V2025_06_18);
        Assert.Equal(["auth.401-resource-metadata"], Broken(walk));
        Assert.Empty(walk.Answers);
    }

    [Fact]
    public void Protected_resource_metadata_for_another_resource_breaks_prm_resource()
    {
        var walk = Walk(Deployments.Separate, Revision.V2025_11_25,
            p => p.IsPrm() ? new MetadataDocument("https://elsewhere.example.com/mcp", ["https://auth.example.com"], null, null, false, []) : null);
        var finding = Assert.Single(LiveDiscoveryJudge.Judge(walk).Findings);
        Assert.Equal("auth.prm-resource", finding.Rule.Id);
        Assert.Contains("elsewhere.example.com", finding.Observed);
    }

    [Fact]
    public void The_root_well_known_metadata_may_name_the_origin_as_its_resource()
    {
        var walk = Walk(Deployments.WellKnownOnly(PrmAtRoot), Revision.V2025_11_25,
            p => p == Probe.PrmRootWellKnown ? new MetadataDocument("https://mcp.example.com", ["https://auth.example.com"], null, null, false, []) : null);
        Assert.DoesNotContain("auth.prm-resource", Broken(walk));
        Assert.Contains(LiveDiscoveryJudge.Judge(walk).Checked, r => r.Id == "auth.prm-resource");
    }

    [Fact]
    public void Metadata_whose_issuer_differs_breaks_as_issuer_and_a_2026_client_gives_up()
    {
        var d = Deployments.Separate.With(PrmAtRoot).Without(IssuerMatches);
        Assert.Equal(["auth.as-issuer"], Broken(Walk(d, Revision.V2025_11_25)));
        var walk = Walk(d, Revision.V2026_07_28);
        Assert.Equal(["auth.as-issuer"], Broken(walk));
        Assert.Equal(AbortReason.IssuerMismatch, walk.Final.Reason);
    }

    [Fact]
    public void Metadata_without_S256_breaks_the_PKCE_rules_from_2025_11_25_only()
    {
        var d = Deployments.Separate.With(PrmAtRoot).Without(PkceAdvertised);
        Assert.Equal(["auth.pkce-s256-advertised"], Broken(Walk(d, Revision.V2025_11_25)));
        Assert.Empty(Broken(Walk(d, Revision.V2025_06_18)));
        var plainOnly = Walk(Deployments.Separate, Revision.V2025_11_25,
            p => p.IsPrm() ? null : new MetadataDocument(null, [], "https://auth.example.com", ["plain"], false, []));
        Assert.Equal(["auth.pkce-s256-advertised"], Broken(plainOnly));
        Assert.Equal(["auth.oidc-pkce-advertised"], Broken(Walk(Deployments.OidcOnly.Without(PkceAdvertised), Revision.V2025_11_25)));
    }

    [Fact]
    public void A_resource_metadata_value_that_is_no_absolute_url_leaves_nothing_to_fetch()
    {
        var walk = new LiveDiscovery(Revision.V2025_11_25, Mcp);
        walk.Challenged(401, "Bearer resource_metadata=\"/.well-known/oauth-protected-resource/mcp\"");
        Assert.Equal(Probe.PrmFromHeader, walk.Next.Probe);
        Assert.Empty(walk.NextUrls);
        walk.Fetched(new LiveAnswer(Probe.PrmFromHeader, [], [], null, "not an absolute URL"));
        Assert.Equal(["auth.prm-required"], Broken(walk));
        Assert.Equal(AbortReason.NoPrm, walk.Final.Reason);
    }

    [Fact]
    public void Plain_http_endpoints_break_https_endpoints_except_on_loopback()
    {
        MetadataDocument Metadata(string host) => new(null, [], "https://auth.example.com", ["S256"], false, [$"http://{host}/authorize"]);
        Assert.Equal(["auth.https-endpoints"], Broken(Walk(Deployments.Separate, Revision.V2025_11_25, p => p.IsPrm() ? null : Metadata("auth.example.com"))));
        var local = LiveDiscoveryJudge.Judge(Walk(Deployments.Separate, Revision.V2025_11_25, p => p.IsPrm() ? null : Metadata("127.0.0.1:9")));
        Assert.Empty(local.Findings);
    }
}
