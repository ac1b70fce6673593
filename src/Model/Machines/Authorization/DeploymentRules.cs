using McpFuzz.Model.Machines.Rules;
using McpFuzz.Model.Revisions;
using Auth = McpFuzz.Model.Revisions.RuleCatalog.Authorization;

namespace McpFuzz.Model.Machines.Authorization;

/// <summary>The server-side discovery rules a deployment breaks when judged by one revision.
/// Discovery failures are usually a pair of faults: the client of one revision meets a server
/// that is conforming for another, so a report names the server's rules as well as the client's.</summary>
public static class DeploymentRules
{
    private static readonly RevisionSet OidcDiscovery = Cite.In(Cite.AuthDiscovery20251125).Union(Cite.In(Cite.AuthDiscovery20260728));

    /// <summary>The rules, in catalog order, that apply to <paramref name="revision"/> and that
    /// <paramref name="deployment"/> does not satisfy.</summary>
    public static IReadOnlyList<Rule> BrokenBy(this Deployment deployment, Revision revision)
    {
        var d = deployment;
        bool anyPrm = d.Has(DeploymentFlags.PrmAtPath) || d.Has(DeploymentFlags.PrmAtRoot);
        // RFC 8414 metadata where RFC 8414 §3.1 puts it for this issuer.
        bool oauth = d.Serves(d.Has(DeploymentFlags.IssuerHasPath) ? Probe.AsOAuthPathInserted : Probe.AsOAuthRoot);
        bool oidc = d.Serves(Probe.AsOidcPathInserted) || d.Serves(Probe.AsOidcPathAppended);

        (Rule Rule, bool Broken)[] checks =
        [
            (Auth.DefaultEndpoints, !d.Serves(Probe.McpOriginOAuth) && !d.Has(DeploymentFlags.ServesDefaultEndpoints)),
            (Auth.ResourceMetadata401, !d.Has(DeploymentFlags.ResourceMetadataInChallenge)),
            (Auth.PrmLocation, !d.Has(DeploymentFlags.ResourceMetadataInChallenge) && !anyPrm),
            (Auth.PrmRequired, !anyPrm),
            (Auth.AsMetadataAdvisory, !d.Serves(Probe.McpOriginOAuth)),
            // One rule: RFC 8414 metadata in 2025-06-18, RFC 8414 or OpenID Connect once clients
            // must try both (the revisions whose discovery rule includes OIDC).
            (Auth.AsMetadata, OidcDiscovery.Contains(revision) ? !oauth && !oidc : !oauth),
            (Auth.OidcPkceAdvertised, oidc && !d.Has(DeploymentFlags.PkceAdvertised)),
        ];

        return checks.Where(c => c.Broken && c.Rule.AppliesTo(revision)).Select(c => c.Rule).ToArray();
    }
}
