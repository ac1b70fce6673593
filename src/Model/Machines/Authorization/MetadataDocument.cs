namespace McpFuzz.Model.Machines.Authorization;

/// <summary>What a fetched discovery document says, field by field as read and not judged: the
/// driver reads JSON into this, the model decides what it means. One type serves protected
/// resource metadata (RFC 9728) and authorization server metadata (RFC 8414, OpenID Connect).</summary>
/// <param name="Resource">PRM <c>resource</c>, or null when absent or not a string.</param>
/// <param name="AuthorizationServers">PRM <c>authorization_servers</c> (its string entries, in order).</param>
/// <param name="Issuer">AS <c>issuer</c>, or null.</param>
/// <param name="CodeChallengeMethods">AS <c>code_challenge_methods_supported</c>, or null when absent.</param>
/// <param name="IssParameterSupported">AS <c>authorization_response_iss_parameter_supported</c> is true (RFC 9207).</param>
/// <param name="Endpoints">AS <c>authorization_endpoint</c>, <c>token_endpoint</c> and
/// <c>registration_endpoint</c>, those present.</param>
public sealed record MetadataDocument(
    string? Resource,
    IReadOnlyList<string> AuthorizationServers,
    string? Issuer,
    IReadOnlyList<string>? CodeChallengeMethods,
    bool IssParameterSupported,
    IReadOnlyList<string> Endpoints)
{
    /// <summary>The first entry of <c>authorization_servers</c> that is an absolute http(s) URL:
    /// the issuer a client picks (RFC 9728 section 7.6 lets it choose; the first is as good as any).</summary>
    public Uri? ChosenIssuer => AuthorizationServers
        .Select(s => Uri.TryCreate(s, UriKind.Absolute, out var u) && u.Scheme is "http" or "https" ? u : null)
        .FirstOrDefault(u => u is not null);
}

/// <summary>What one discovery request got back.</summary>
/// <param name="Probe">The probe the request was.</param>
/// <param name="Urls">The URLs fetched (one, or the three default endpoints; none when the probe
/// had no URL to fetch).</param>
/// <param name="Statuses">The status of each URL's answer, or null for no answer.</param>
/// <param name="Document">The JSON object a 200 carried, or null.</param>
/// <param name="Problem">Why there is no document, in words (a status, a redirect not followed,
/// a body that is not a JSON object, no answer), or null.</param>
public sealed record LiveAnswer(Probe Probe, IReadOnlyList<Uri> Urls, IReadOnlyList<int?> Statuses, MetadataDocument? Document, string? Problem)
{
    public string Where => Urls.Count == 0 ? Probe.Describe() : string.Join(", ", Urls.Select(u => u.AbsoluteUri));
}
