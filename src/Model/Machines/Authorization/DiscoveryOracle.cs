using McpFuzz.Model.Machines.Peers;
using McpFuzz.Model.Machines.Rules;
using McpFuzz.Model.Revisions;

namespace McpFuzz.Model.Machines.Authorization;

/// <summary>Judges a real client's discovery: given the deployment it faced and the probes it
/// sent, finds the first departure from what a conforming client of its revision sends there, and
/// names the rule of that conforming step. Only the first: after it the client sees answers the
/// conforming run never asked for, so later differences say nothing new.</summary>
public static class DiscoveryOracle
{
    /// <summary>Judges the order of probes only (for observations that did not record headers).</summary>
    /// <returns>Null when the sequence is what a conforming client sends, or when it departs only
    /// where no rule constrains the client (2024-11-05 defines no discovery, so a client of that
    /// revision may do what it likes after the 401).</returns>
    public static DiscoveryDivergence? Judge(PeerRevision client, Deployment deployment, IReadOnlyList<Probe> observed) =>
        Judge(client, deployment, observed.Select(p => new ProbeRequest(p)).ToArray(), checkHeaders: false);

    /// <summary>Judges the order of probes and then the MCP-Protocol-Version header on each.</summary>
    public static DiscoveryDivergence? Judge(PeerRevision client, Deployment deployment, IReadOnlyList<ProbeRequest> observed) =>
        Judge(client, deployment, observed, checkHeaders: true);

    /// <summary>The client revisions (dual-era included) whose conforming discovery against the
    /// deployment sends exactly these probes: which spec a client behaves like.</summary>
    public static IReadOnlyList<PeerRevision> Matching(Deployment deployment, IReadOnlyList<Probe> observed) =>
        PeerRevisions.All.Where(peer => DiscoveryRun.Of(peer, deployment).Probes.SequenceEqual(observed)).ToArray();

    private static DiscoveryDivergence? Judge(PeerRevision client, Deployment deployment, IReadOnlyList<ProbeRequest> observed, bool checkHeaders)
    {
        var run = DiscoveryRun.Of(client, deployment);
        var expected = run.Steps.Where(s => s.Out.Probe != Probe.None).ToArray();
        string who = $"a conforming {client.ToText()} client";

        int common = Math.Min(expected.Length, observed.Count);
        for (int i = 0; i < common; i++)
        {
            var e = expected[i].Out;
            var o = observed[i];
            if (e.Probe == o.Probe) continue;

            bool skipped = expected.Skip(i + 1).Any(s => s.Out.Probe == o.Probe);
            string explanation = skipped
                ? $"{who} sends {e.Probe.Describe()} before {o.Probe.Describe()}; this one skipped it"
                : $"{who} sends {e.Probe.Describe()} here; this one sent {o.Probe.Describe()}";
            return Divergence(i, skipped ? DivergenceKind.Skipped : DivergenceKind.Unexpected, e, o, expected[i].Rules, explanation);
        }

        if (observed.Count < expected.Length)
        {
            var e = expected[observed.Count].Out;
            return Divergence(observed.Count, DivergenceKind.StoppedEarly, e, default, expected[observed.Count].Rules,
                $"{who} goes on with {e.Probe.Describe()}; this one stopped");
        }

        if (observed.Count > expected.Length)
        {
            var o = observed[expected.Length];
            string end = run.Outcome == DiscoveryOutcome.Aborted ? $"gives up because {run.Reason.Describe()}" : "has finished discovery";
            return Divergence(expected.Length, DivergenceKind.ContinuedAfterEnd, default, o, run.Steps[^1].Rules,
                $"{who} {end}; this one went on with {o.Probe.Describe()}");
        }

        if (checkHeaders)
        {
            for (int i = 0; i < common; i++)
            {
                if (expected[i].Out.ProtocolVersionHeader && !observed[i].ProtocolVersionHeader)
                {
                    return Divergence(i, DivergenceKind.MissingProtocolVersion, expected[i].Out, observed[i], [Cite.AuthProtocolVersionDuringDiscovery],
                        $"{observed[i].Probe.Describe()} was sent without MCP-Protocol-Version");
                }
            }
        }

        return null;
    }

    /// <summary>The divergence, citing the first rule of the conforming step (its main one; the
    /// others qualify it), or null when that step embodies no rule.</summary>
    private static DiscoveryDivergence? Divergence(
        int index, DivergenceKind kind, ProbeRequest expected, ProbeRequest observed, IReadOnlyList<string> rules, string explanation)
    {
        if (rules.Count == 0) return null;
        var rule = RuleCatalog.Find(rules[0]) ?? throw new InvalidOperationException($"rule {rules[0]} is cited but not in the catalog");
        return new DiscoveryDivergence(index, kind, expected, observed, rule, explanation);
    }
}
