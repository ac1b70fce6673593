using McpFuzz.Model.Machines.Authorization;
using McpFuzz.Model.Machines.Peers;
using static McpFuzz.Model.Machines.Authorization.DeploymentFlags;

namespace McpFuzz.Tests.Machines.Authorization;

/// <summary>Properties of every revision's discovery over every deployment (2^13 of them).</summary>
public class DiscoveryPropertiesTests
{
    private static readonly Deployment[] All = Deployments.All().ToArray();

    [Fact]
    public void The_flag_space_is_what_the_properties_cover()
    {
        Assert.Equal(1 << 13, All.Length);
    }

    [Fact]
    public void Every_run_starts_with_the_MCP_request_ends_final_and_sends_no_probe_twice()
    {
        foreach (var peer in PeerRevisions.All)
        {
            var machine = DiscoveryMachines.For(peer);
            foreach (var d in All)
            {
                var run = DiscoveryRun.Of(peer, d);
                Assert.Equal(Probe.McpEndpoint, run.Probes[0]);
                Assert.True(machine.IsFinal(run.Phase), $"{run}");
                Assert.Equal(run.Probes.Count, run.Probes.Distinct().Count());
                Assert.Equal(run.Outcome != DiscoveryOutcome.Aborted, run.Probes[^1].IsTerminal());
            }
        }
    }

    [Fact]
    public void A_client_moves_on_from_a_document_only_when_it_was_not_served()
    {
        foreach (var peer in PeerRevisions.All)
        {
            foreach (var d in All)
            {
                var run = DiscoveryRun.Of(peer, d);
                // Every document probe but the last was answered NotFound; the last was served
                // exactly when the client did not give up for lack of documents.
                var documents = run.Probes.Where(p => p != Probe.McpEndpoint && !p.IsTerminal()).ToArray();
                for (int i = 0; i < documents.Length - 1; i++)
                {
                    bool foundPrm = documents[i].IsPrm() && documents[i + 1].IsAsMetadata();
                    Assert.True(foundPrm == d.Serves(documents[i]), $"{run}: {documents[i]}");
                }

                if (documents.Length == 0) continue;
                bool ranOut = run.Reason is AbortReason.NoPrm or AbortReason.NoAsMetadata || run.Outcome == DiscoveryOutcome.UsedDefaultEndpoints;
                Assert.True(ranOut != d.Serves(documents[^1]), $"{run}: last {documents[^1]}");
            }
        }
    }

    [Fact]
    public void Accepted_metadata_is_a_document_the_deployment_serves()
    {
        foreach (var peer in PeerRevisions.All)
        {
            foreach (var d in All)
            {
                var run = DiscoveryRun.Of(peer, d);
                Assert.Equal(run.Outcome == DiscoveryOutcome.Authorized, run.Metadata != Probe.None);
                if (run.Outcome == DiscoveryOutcome.Authorized) Assert.True(d.Serves(run.Metadata), $"{run}");
            }
        }
    }

    [Fact]
    public void From_2025_11_25_PRM_is_missing_exactly_when_the_deployment_serves_none()
    {
        foreach (var peer in new[] { PeerRevision.V2025_11_25, PeerRevision.V2026_07_28 })
        {
            foreach (var d in All)
            {
                bool anyPrm = d.Has(PrmAtPath) || d.Has(PrmAtRoot);
                Assert.Equal(!anyPrm, DiscoveryRun.Of(peer, d).Reason == AbortReason.NoPrm);
            }
        }
    }

    [Fact]
    public void A_2026_07_28_client_probes_as_a_2025_11_25_client_and_only_adds_the_issuer_check()
    {
        foreach (var d in All)
        {
            var november = DiscoveryRun.Of(PeerRevision.V2025_11_25, d);
            var latest = DiscoveryRun.Of(PeerRevision.V2026_07_28, d);
            // Metadata was found when 2025-11-25 used it or refused it for PKCE; the issuer check
            // comes first, so it also takes over the refusals for PKCE.
            bool found = november.Outcome == DiscoveryOutcome.Authorized || november.Reason == AbortReason.PkceNotAdvertised;
            bool refusedIssuer = found && !d.Has(IssuerMatches);
            Assert.Equal(refusedIssuer, latest.Reason == AbortReason.IssuerMismatch);
            bool lostEndpoints = refusedIssuer && november.Outcome == DiscoveryOutcome.Authorized;
            var expected = lostEndpoints ? november.Probes.Take(november.Probes.Count - 1) : november.Probes;
            Assert.Equal(expected, latest.Probes);
        }
    }

    [Fact]
    public void A_dual_era_client_discovers_as_a_2026_07_28_client()
    {
        foreach (var d in All)
        {
            var latest = DiscoveryRun.Of(PeerRevision.V2026_07_28, d);
            var dual = DiscoveryRun.Of(PeerRevision.DualEra, d);
            Assert.Equal(latest.Requests, dual.Requests);
            Assert.Equal(latest.Final, dual.Final);
        }
    }

    [Fact]
    public void Only_2025_03_26_uses_default_endpoints_and_only_it_sends_the_protocol_version()
    {
        foreach (var peer in PeerRevisions.All)
        {
            foreach (var d in All)
            {
                var run = DiscoveryRun.Of(peer, d);
                bool march = peer == PeerRevision.V2025_03_26;
                if (!march) Assert.NotEqual(DiscoveryOutcome.UsedDefaultEndpoints, run.Outcome);
                Assert.Equal(march, run.Requests.Any(r => r.ProtocolVersionHeader));
            }
        }
    }

    [Fact]
    public void The_oracle_accepts_every_conforming_run()
    {
        foreach (var peer in PeerRevisions.All)
        {
            foreach (var d in All)
            {
                var run = DiscoveryRun.Of(peer, d);
                Assert.Null(DiscoveryOracle.Judge(peer, d, run.Requests));
            }
        }
    }
}
