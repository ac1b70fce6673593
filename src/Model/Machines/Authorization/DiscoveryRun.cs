using McpFuzz.Model.Machines.Peers;

namespace McpFuzz.Model.Machines.Authorization;

/// <summary>One fired transition of a discovery run: what the client was told, where it went, the
/// probe it sent (None if it sent none) and the rules the transition embodies.</summary>
public sealed record DiscoveryStep(DiscoveryTrigger Trigger, DiscoveryPhase From, DiscoveryPhase To, ProbeRequest Out, IReadOnlyList<string> Rules);

/// <summary>A conforming client of one revision discovering against one deployment, from the first
/// request to the end: a pure function of the two, so the explorer, the oracle and reports agree.</summary>
public sealed record DiscoveryRun(PeerRevision Client, Deployment Deployment, IReadOnlyList<DiscoveryStep> Steps, DiscoveryPhase Phase, DiscoveryContext Final)
{
    // Every revision's order is a few probes long; a run longer than this is a loop in a model.
    private const int MaxSteps = 32;

    /// <summary>The probes sent, in order, with their headers.</summary>
    public IReadOnlyList<ProbeRequest> Requests => Steps.Where(s => s.Out.Probe != Probe.None).Select(s => s.Out).ToArray();

    /// <summary>The probes sent, in order.</summary>
    public IReadOnlyList<Probe> Probes => Steps.Where(s => s.Out.Probe != Probe.None).Select(s => s.Out.Probe).ToArray();

    public DiscoveryOutcome Outcome => Final.Outcome;

    public AbortReason Reason => Final.Reason;

    /// <summary>The probe that found the metadata the client accepted, or None.</summary>
    public Probe Metadata => Final.Metadata;

    /// <summary>Whether the client ended where this deployment runs its authorization flow: at the
    /// authorization server whose metadata it found, or at default endpoints the MCP origin
    /// actually serves. A 2025-03-26 client facing a separate authorization server ends at default
    /// endpoints that are not there (hazard 23).</summary>
    public bool ReachedAuthorizationServer =>
        Outcome == DiscoveryOutcome.Authorized ||
        (Outcome == DiscoveryOutcome.UsedDefaultEndpoints && Deployment.Has(DeploymentFlags.ServesDefaultEndpoints));

    /// <summary>Runs the conforming machine of <paramref name="client"/> against <paramref name="deployment"/>.</summary>
    /// <exception cref="InvalidOperationException">The machine rejected an answer or did not finish: a
    /// bug in the model, not in a peer.</exception>
    public static DiscoveryRun Of(PeerRevision client, Deployment deployment)
    {
        var machine = DiscoveryMachines.For(client);
        var phase = machine.Initial;
        var context = DiscoveryMachines.Initial(deployment.EndpointAtRoot);
        var steps = new List<DiscoveryStep>();
        var (trigger, facts) = (DiscoveryTrigger.Start, default(DocumentFacts));

        while (steps.Count < MaxSteps)
        {
            var result = machine.Step(phase, context, trigger, facts);
            if (!result.IsFired)
                throw new InvalidOperationException($"{machine.Name}: {trigger} in {phase} was {result.Outcome} ({result.Reason}) against {deployment}");

            steps.Add(new DiscoveryStep(trigger, phase, result.State, result.Context.Out, machine.Transitions[result.TransitionIndex].Rules));
            (phase, context) = (result.State, result.Context);
            if (machine.IsFinal(phase)) return new DiscoveryRun(client, deployment, steps, phase, context);
            (trigger, facts) = deployment.Answer(context.Awaiting);
        }

        throw new InvalidOperationException($"{machine.Name} did not finish within {MaxSteps} steps against {deployment}");
    }

    public override string ToString() =>
        $"{Client.ToText()} vs {Deployment}: {string.Join(" -> ", Requests)} => {Outcome}" +
        (Reason != AbortReason.None ? $" ({Reason})" : Metadata != Probe.None ? $" ({Metadata})" : "");
}
