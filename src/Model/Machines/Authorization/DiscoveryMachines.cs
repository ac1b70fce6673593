using System.Collections.Concurrent;
using McpFuzz.Model.Machines.Kernel;
using McpFuzz.Model.Machines.Peers;
using McpFuzz.Model.Machines.Rules;
using McpFuzz.Model.Revisions;
using static McpFuzz.Model.Machines.Authorization.DiscoveryPhase;
using static McpFuzz.Model.Machines.Authorization.DiscoveryTrigger;

namespace McpFuzz.Model.Machines.Authorization;

/// <summary>The client side of authorization discovery, one machine per revision (dual-era peers
/// follow 2026-07-28): from the MCP request without a token to the authorization server whose
/// endpoints the client will use, or to giving up. Each step's output is the next probe
/// (<see cref="DiscoveryContext.Out"/>); what comes back is a trigger. Which revision does what is
/// read from the rule catalog through <see cref="Cite"/>, as the client machines do.</summary>
public static class DiscoveryMachines
{
    private static readonly ConcurrentDictionary<PeerRevision, StateMachine<DiscoveryPhase, DiscoveryTrigger, DiscoveryContext, DocumentFacts>> Cache = new();

    public static StateMachine<DiscoveryPhase, DiscoveryTrigger, DiscoveryContext, DocumentFacts> For(PeerRevision peer) =>
        Cache.GetOrAdd(peer, Build);

    /// <summary>The revision whose discovery rules a peer follows: a dual-era peer talks to
    /// servers of both eras, and 2026-07-28 discovery is a superset of 2025-11-25's checks.</summary>
    public static Revision RulesOf(PeerRevision peer) => peer == PeerRevision.DualEra ? Revision.V2026_07_28 : (Revision)peer;

    /// <summary>The context a client starts in; it knows from its configured URL whether the MCP
    /// endpoint has a path.</summary>
    public static DiscoveryContext Initial(bool endpointAtRoot) => new(EndpointAtRoot: endpointAtRoot);

    private static StateMachine<DiscoveryPhase, DiscoveryTrigger, DiscoveryContext, DocumentFacts> Build(PeerRevision peer)
    {
        var revision = RulesOf(peer);
        var b = new MachineBuilder<DiscoveryPhase, DiscoveryTrigger, DiscoveryContext, DocumentFacts>($"authorization discovery {peer.ToText()}", Idle);

        if (Holds(Cite.AuthDiscovery20250326, revision))
            OriginDiscovery(b, Holds(Cite.AuthProtocolVersionDuringDiscovery, revision));
        else if (Holds(Cite.AuthDiscovery20250618, revision))
            ResourceServerDiscovery(b, Cite.AuthDiscovery20250618, wellKnownFallbacks: false, revision);
        else if (Holds(Cite.AuthDiscovery20251125, revision))
            ResourceServerDiscovery(b, Cite.AuthDiscovery20251125, wellKnownFallbacks: true, revision);
        else if (Holds(Cite.AuthDiscovery20260728, revision))
            ResourceServerDiscovery(b, Cite.AuthDiscovery20260728, wellKnownFallbacks: true, revision);
        else
            NoDiscovery(b);

        return b.Build();
    }

    private static bool Holds(string rule, Revision revision) => Cite.In(rule).Contains(revision);

    /// <summary>2024-11-05: authorization is not part of the core (2024-11-05/basic/index#auth), so a
    /// 401 leaves the client with nothing to discover.</summary>
    private static void NoDiscovery(MachineBuilder<DiscoveryPhase, DiscoveryTrigger, DiscoveryContext, DocumentFacts> b)
    {
        b.Configure(Idle).Permit(Start, Challenging, "request the MCP endpoint", Send(Probe.McpEndpoint));
        b.Configure(Challenging)
            .Permit(Unauthorized, Aborted, "give up (no discovery defined)", Abort(AbortReason.NoDiscoveryDefined))
            .Permit(UnauthorizedWithResourceMetadata, Aborted, "give up (no discovery defined)", Abort(AbortReason.NoDiscoveryDefined));
        b.Configure(Aborted).Final();
    }

    /// <summary>2025-03-26: the MCP server is its own authorization server. Its base URL is the MCP
    /// URL with the path dropped; metadata there first, else the default endpoints. The client
    /// knows nothing of resource_metadata and treats both kinds of 401 alike (hazard 23).</summary>
    private static void OriginDiscovery(MachineBuilder<DiscoveryPhase, DiscoveryTrigger, DiscoveryContext, DocumentFacts> b, bool versionHeader)
    {
        const string rule = Cite.AuthDiscovery20250326;
        var fetchOrigin = Send(Probe.McpOriginOAuth, versionHeader);
        string[] fetchRules = versionHeader ? [rule, Cite.AuthProtocolVersionDuringDiscovery] : [rule];
        string fetchLabel = versionHeader ? FetchOriginLabel + " with MCP-Protocol-Version" : FetchOriginLabel;

        b.Configure(Idle).Permit(Start, Challenging, "request the MCP endpoint", Send(Probe.McpEndpoint), rule);
        b.Configure(Challenging)
            .Permit(Unauthorized, McpOriginOAuth, fetchLabel, fetchOrigin, fetchRules)
            .Permit(UnauthorizedWithResourceMetadata, McpOriginOAuth, fetchLabel, fetchOrigin, fetchRules);
        b.Configure(McpOriginOAuth)
            .Permit(Found, Authorized, "use the metadata's endpoints", Accept, rule)
            .Permit(NotFound, UsedDefaultEndpoints, "use /authorize /token /register", UseDefaults, rule, Cite.AuthDefaultEndpoints);
        b.Configure(Authorized).Final();
        b.Configure(UsedDefaultEndpoints).Final();
    }

    private const string FetchOriginLabel = "GET oauth-authorization-server at the MCP origin";

    /// <summary>2025-06-18 on: the MCP server is a resource server; protected resource metadata names
    /// the authorization server, whose metadata the client then looks up. 2025-06-18 takes the PRM URL
    /// only from the 401 and the metadata only from the RFC 8414 location; 2025-11-25 adds the PRM
    /// well-known URLs and OpenID Connect discovery (<paramref name="wellKnownFallbacks"/>), then the
    /// PKCE check; 2026-07-28 the issuer check.</summary>
    /// <remarks>A resource_metadata URL that does not resolve ends discovery: 2025-11-25 falls back to
    /// the well-known URLs only when the header lacks the parameter ("when present; otherwise").</remarks>
    private static void ResourceServerDiscovery(
        MachineBuilder<DiscoveryPhase, DiscoveryTrigger, DiscoveryContext, DocumentFacts> b, string rule, bool wellKnownFallbacks, Revision revision)
    {
        var acceptance = new Acceptance(Holds(Cite.AuthPkceMethodsRequired, revision), Holds(Cite.AuthIssuerEquality, revision));
        b.Configure(Authorized).Final();
        b.Configure(Aborted).Final();

        b.Configure(Idle).Permit(Start, Challenging, "request the MCP endpoint", Send(Probe.McpEndpoint), rule);

        var challenging = b.Configure(Challenging)
            .Permit(UnauthorizedWithResourceMetadata, PrmFromHeader, "GET the resource_metadata URL", Send(Probe.PrmFromHeader), rule, Cite.AuthParseWwwAuthenticate);
        if (wellKnownFallbacks)
        {
            challenging
                .PermitIf(Unauthorized, PrmPathWellKnown, "endpoint has a path", (in c, in _) => !c.EndpointAtRoot,
                    "GET oauth-protected-resource, path form", Send(Probe.PrmPathWellKnown), rule)
                .PermitIf(Unauthorized, PrmRootWellKnown, "endpoint at the root", (in c, in _) => c.EndpointAtRoot,
                    "GET oauth-protected-resource, root form", Send(Probe.PrmRootWellKnown), rule);
        }
        else
        {
            challenging.Permit(Unauthorized, Aborted, "give up (no resource_metadata)", Abort(AbortReason.NoResourceMetadata), rule);
        }

        // The document is the same wherever it was found, so finding it is declared once.
        b.Configure(SeekingPrm)
            .PermitIf(Found, AsOAuthPathInserted, "issuer has a path", (in _, in f) => f.IssuerHasPath,
                "GET oauth-authorization-server, path inserted", Send(Probe.AsOAuthPathInserted), rule)
            .PermitIf(Found, AsOAuthRoot, "issuer without path", (in _, in f) => !f.IssuerHasPath,
                "GET oauth-authorization-server", Send(Probe.AsOAuthRoot), rule);
        b.Configure(PrmFromHeader).SubstateOf(SeekingPrm)
            .Permit(NotFound, Aborted, "give up (no PRM)", Abort(AbortReason.NoPrm), rule);
        if (wellKnownFallbacks)
        {
            b.Configure(PrmPathWellKnown).SubstateOf(SeekingPrm)
                .Permit(NotFound, PrmRootWellKnown, "GET oauth-protected-resource, root form", Send(Probe.PrmRootWellKnown), rule);
            b.Configure(PrmRootWellKnown).SubstateOf(SeekingPrm)
                .Permit(NotFound, Aborted, "give up (no PRM)", Abort(AbortReason.NoPrm), rule);
        }

        acceptance.Declare(b.Configure(SeekingAsMetadata), rule);
        var giveUp = Abort(AbortReason.NoAsMetadata);
        if (wellKnownFallbacks)
        {
            b.Configure(AsOAuthPathInserted).SubstateOf(SeekingAsMetadata)
                .Permit(NotFound, AsOidcPathInserted, "GET openid-configuration, path inserted", Send(Probe.AsOidcPathInserted), rule);
            b.Configure(AsOidcPathInserted).SubstateOf(SeekingAsMetadata)
                .Permit(NotFound, AsOidcPathAppended, "GET openid-configuration, path appended", Send(Probe.AsOidcPathAppended), rule);
            b.Configure(AsOidcPathAppended).SubstateOf(SeekingAsMetadata)
                .Permit(NotFound, Aborted, "give up (no AS metadata)", giveUp, rule);
            b.Configure(AsOAuthRoot).SubstateOf(SeekingAsMetadata)
                .Permit(NotFound, AsOidcRoot, "GET openid-configuration", Send(Probe.AsOidcRoot), rule);
            b.Configure(AsOidcRoot).SubstateOf(SeekingAsMetadata)
                .Permit(NotFound, Aborted, "give up (no AS metadata)", giveUp, rule);
        }
        else
        {
            b.Configure(AsOAuthPathInserted).SubstateOf(SeekingAsMetadata)
                .Permit(NotFound, Aborted, "give up (no AS metadata)", giveUp, rule);
            b.Configure(AsOAuthRoot).SubstateOf(SeekingAsMetadata)
                .Permit(NotFound, Aborted, "give up (no AS metadata)", giveUp, rule);
        }
    }

    /// <summary>What a client checks in authorization server metadata before using it. Each
    /// document is classified once, so the guards on Found are exclusive by construction.</summary>
    private sealed class Acceptance(bool pkceCheck, bool issuerCheck)
    {
        private enum Verdict : byte { Use, IssuerMismatch, PkceMissing }

        // The issuer comes first: metadata for another issuer "MUST NOT" be used at all, so what it
        // says about PKCE does not matter.
        private Verdict Judge(in DocumentFacts f) =>
            issuerCheck && !f.IssuerMatches ? Verdict.IssuerMismatch
            : pkceCheck && !f.PkceAdvertised ? Verdict.PkceMissing
            : Verdict.Use;

        public void Declare(MachineBuilder<DiscoveryPhase, DiscoveryTrigger, DiscoveryContext, DocumentFacts>.StateConfiguration seeking, string rule)
        {
            if (!pkceCheck && !issuerCheck)
            {
                seeking.Permit(Found, Authorized, "use the metadata's endpoints", Accept, rule);
                return;
            }

            if (issuerCheck)
            {
                seeking.PermitIf(Found, Aborted, "issuer differs", (in _, in f) => Judge(f) == Verdict.IssuerMismatch,
                    "give up (issuer mismatch)", Abort(AbortReason.IssuerMismatch), Cite.AuthIssuerEquality);
            }

            if (pkceCheck)
            {
                seeking.PermitIf(Found, Aborted, "no code_challenge_methods_supported", (in _, in f) => Judge(f) == Verdict.PkceMissing,
                    "give up (PKCE not advertised)", Abort(AbortReason.PkceNotAdvertised), Cite.AuthPkceMethodsRequired);
            }

            seeking.PermitIf(Found, Authorized, AcceptedLabel, (in _, in f) => Judge(f) == Verdict.Use,
                "use the metadata's endpoints", Accept, rule);
        }

        private string AcceptedLabel => (pkceCheck, issuerCheck) switch
        {
            (true, true) => "issuer identical, PKCE advertised",
            (true, false) => "PKCE advertised",
            _ => "issuer identical",
        };
    }

    // ---- effects ------------------------------------------------------------------------------

    private static Effect<DiscoveryContext, DocumentFacts> Send(Probe probe, bool versionHeader = false) =>
        (in c, in _) => c with { Awaiting = probe, Out = new ProbeRequest(probe, versionHeader) };

    private static Effect<DiscoveryContext, DocumentFacts> Abort(AbortReason reason) =>
        (in c, in _) => c with { Awaiting = Probe.None, Out = default, Outcome = DiscoveryOutcome.Aborted, Reason = reason };

    private static readonly Effect<DiscoveryContext, DocumentFacts> Accept =
        (in c, in _) => c with { Awaiting = Probe.None, Out = Probe.AsEndpoints, Outcome = DiscoveryOutcome.Authorized, Metadata = c.Awaiting };

    private static readonly Effect<DiscoveryContext, DocumentFacts> UseDefaults =
        (in c, in _) => c with { Awaiting = Probe.None, Out = Probe.DefaultEndpoints, Outcome = DiscoveryOutcome.UsedDefaultEndpoints };
}
