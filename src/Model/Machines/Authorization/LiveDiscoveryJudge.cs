using McpFuzz.Model.Revisions;
using Auth = McpFuzz.Model.Revisions.RuleCatalog.Authorization;

namespace McpFuzz.Model.Machines.Authorization;

/// <summary>A server-side rule a discovered deployment breaks, with the answer that shows it
/// (null when the evidence is the 401 itself).</summary>
public sealed record DiscoveryFinding(Rule Rule, string Observed, string Expected, LiveAnswer? Evidence);

/// <summary>What a live walk showed about the server: the rules it decided, and those broken.</summary>
public sealed record DiscoveryVerdict(IReadOnlyList<Rule> Checked, IReadOnlyList<DiscoveryFinding> Findings);

/// <summary>
/// Judges a protected server's deployment from what the conforming client of its revision found
/// (<see cref="LiveDiscovery"/>): only rules the walk decided are checked, since a client that gave
/// up early saw nothing of the rest. The server-side counterparts of the client's checks are here:
/// the PRM is for this server, the metadata's issuer is the one the PRM named, PKCE is advertised.
/// Agrees with <see cref="DeploymentRules"/> on the rules both decide (a test pins it).
/// </summary>
public static class LiveDiscoveryJudge
{
    public static DiscoveryVerdict Judge(LiveDiscovery walk)
    {
        ArgumentNullException.ThrowIfNull(walk);
        var revision = walk.Revision;
        var checkedRules = new List<Rule>();
        var findings = new List<DiscoveryFinding>();

        void Check(Rule rule, bool broken, string observed, string expected, LiveAnswer? evidence)
        {
            if (!rule.AppliesTo(revision)) return;
            if (!checkedRules.Contains(rule)) checkedRules.Add(rule);
            if (broken) findings.Add(new DiscoveryFinding(rule, observed, expected, evidence));
        }

        if (walk.ChallengeStatus != 401) return new DiscoveryVerdict(checkedRules, findings);
        string challenge = $"401 with WWW-Authenticate: {walk.Challenge ?? "(none)"}";
        Check(Auth.Unauthorized401, false, "", "", null);
        Check(Auth.ResourceMetadata401, !walk.ChallengeNamesMetadata, challenge,
            "a 401 whose WWW-Authenticate is Bearer with resource_metadata=\"<PRM URL>\"", null);

        var prms = walk.Answers.Where(a => a.Probe.IsPrm()).ToArray();
        var prm = prms.FirstOrDefault(a => a.Document?.ChosenIssuer is not null);
        if (walk.ChallengeNamesMetadata || prm is not null)
            Check(Auth.PrmLocation, false, "", "", null);
        else if (walk.Final.Reason == AbortReason.NoPrm)
            Check(Auth.PrmLocation, true, $"{challenge}, and no PRM: " + string.Join("; ", prms.Select(a => $"{a.Where}: {PrmProblem(a)}")),
                "resource_metadata in the 401, or PRM at /.well-known/oauth-protected-resource (path-suffixed or root)", prms.LastOrDefault());

        if (prms.Length > 0)
        {
            var last = prms[^1];
            Check(Auth.PrmRequired, prm is null, prm is null ? $"{last.Where}: {PrmProblem(last)}" : "", "protected resource metadata listing at least one authorization server", last);
        }

        if (prm is not null)
        {
            string? resource = prm.Document!.Resource;
            Check(Auth.PrmResource, !ResourceMatches(walk, prm.Probe, resource),
                $"{prm.Where} says resource {(resource is null ? "(none)" : "\"" + resource + "\"")}",
                $"resource \"{walk.McpEndpoint.OriginalString}\", the URL of the MCP server", prm);
        }

        var asAnswers = walk.Answers.Where(a => a.Probe.IsAsMetadata()).ToArray();
        var metadata = asAnswers.FirstOrDefault(a => a.Document is not null);
        var origin = asAnswers.FirstOrDefault(a => a.Probe == Probe.McpOriginOAuth);
        if (origin is not null)
            Check(Auth.AsMetadataAdvisory, origin.Document is null, $"{origin.Where}: {origin.Problem}", "RFC 8414 metadata at the MCP origin", origin);
        if (walk.Answers.FirstOrDefault(a => a.Probe == Probe.DefaultEndpoints) is { } defaults)
            Check(Auth.DefaultEndpoints, defaults.Statuses.Any(s => s is null or 404), $"{defaults.Where}: {defaults.Problem ?? Statuses(defaults)}",
                "/authorize, /token and /register served at the MCP origin", defaults);
        else if (origin?.Document is not null)
            Check(Auth.DefaultEndpoints, false, "", "", null);

        if (prm is not null && asAnswers.Length > 0)
            Check(Auth.AsMetadata, metadata is null, "no authorization server metadata: " + string.Join("; ", asAnswers.Select(a => $"{a.Where}: {a.Problem ?? "no document"}")),
                $"metadata for {walk.ExpectedIssuer} at a well-known URL this revision tries", asAnswers[^1]);

        if (metadata?.Document is { } doc)
        {
            Check(Auth.AsIssuer, !walk.IssuerIdentical(doc.Issuer), $"{metadata.Where} says issuer {(doc.Issuer is null ? "(none)" : "\"" + doc.Issuer + "\"")}",
                $"issuer \"{walk.ExpectedIssuer}\", identical to the issuer the URL was built from", metadata);
            bool oidcWithout = metadata.Probe.IsOidc() && doc.CodeChallengeMethods is null;
            if (metadata.Probe.IsOidc()) Check(Auth.OidcPkceAdvertised, oidcWithout, $"{metadata.Where} has no code_challenge_methods_supported",
                "OpenID Connect metadata listing code_challenge_methods_supported", metadata);
            if (!oidcWithout)
            {
                Check(Auth.PkceS256Advertised, !(doc.CodeChallengeMethods?.Contains("S256") ?? false),
                    doc.CodeChallengeMethods is null ? $"{metadata.Where} has no code_challenge_methods_supported"
                        : $"{metadata.Where} lists code_challenge_methods_supported [{string.Join(", ", doc.CodeChallengeMethods)}]",
                    "code_challenge_methods_supported including S256", metadata);
            }

            // Endpoints on a loopback host are not judged: OAuth 2.1 lets native deployments use
            // loopback over http, and a local test deployment says nothing about production.
            var remote = doc.Endpoints.Append(doc.Issuer ?? "")
                .Select(e => Uri.TryCreate(e, UriKind.Absolute, out var u) ? u : null)
                .OfType<Uri>().Where(u => !u.IsLoopback).ToArray();
            var plain = remote.Where(u => u.Scheme != Uri.UriSchemeHttps).Select(u => u.AbsoluteUri).ToArray();
            if (remote.Length > 0)
                Check(Auth.HttpsEndpoints, plain.Length > 0, $"{metadata.Where} names {string.Join(", ", plain)}", "https for every authorization endpoint", metadata);
        }

        return new DiscoveryVerdict(checkedRules, findings);
    }

    /// <summary>RFC 9728 section 3.3: metadata found through resource_metadata or the path-suffixed
    /// well-known URL is for the URL the client requested; the root well-known URL's is for the origin.</summary>
    private static bool ResourceMatches(LiveDiscovery walk, Probe probe, string? resource)
    {
        if (resource is null) return false;
        var url = walk.McpEndpoint;
        if (resource == url.OriginalString || resource == url.AbsoluteUri) return true;
        string origin = url.GetComponents(UriComponents.SchemeAndServer, UriFormat.UriEscaped);
        return probe == Probe.PrmRootWellKnown && (resource == origin || resource == origin + "/");
    }

    private static string PrmProblem(LiveAnswer answer) =>
        answer.Problem ?? (answer.Document is { } d && d.ChosenIssuer is null ? "the document lists no authorization server (authorization_servers)" : "no document");

    private static string Statuses(LiveAnswer answer) =>
        string.Join(", ", answer.Urls.Zip(answer.Statuses, (u, s) => $"{u.AbsolutePath} {(s is null ? "no answer" : s.ToString())}"));
}
