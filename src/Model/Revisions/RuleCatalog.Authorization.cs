namespace McpFuzz.Model.Revisions;

using static Revision;

public static partial class RuleCatalog
{
    /// <summary>Rules of MCP authorization over HTTP (2025-03-26 on; 2024-11-05 defines none).
    /// Discovery gets one rule per revision because the well-known URLs and their order differ in
    /// every revision, and a client probing in another revision's order is the usual interop failure.
    /// Requirements on the authorization server are filed as server rules: to the client it stands on
    /// the server's side of the exchange.</summary>
    public static class Authorization
    {
        private static readonly RevisionSet OAuth = RevisionSet.From(V2025_03_26);

        // 2025-06-18 made the MCP server a resource server with RFC 9728 metadata and RFC 8707
        // audiences; the 2025-03-26 model (server is its own AS) ended there.
        private static readonly RevisionSet ResourceServer = RevisionSet.From(V2025_06_18);

        private static readonly RevisionSet FromNovember = RevisionSet.From(V2025_11_25);

        private static readonly RevisionSet Latest = RevisionSet.Of(V2026_07_28);

        public static readonly Rule Discovery20250326 = new(
            "auth.discovery-2025-03-26", RuleLevel.Must, RuleSide.Client, RevisionSet.Of(V2025_03_26),
            "2025-03-26/basic/authorization#server-metadata-discovery",
            "A client first GETs /.well-known/oauth-authorization-server at the MCP server's origin (path dropped) and only if that fails uses /authorize, /token and /register there.");

        public static readonly Rule DefaultEndpoints = new(
            "auth.default-endpoints", RuleLevel.Must, RuleSide.Server, RevisionSet.Of(V2025_03_26),
            "2025-03-26/basic/authorization#fallbacks-for-servers-without-metadata-discovery",
            "A server that publishes no authorization server metadata serves /authorize, /token and /register at its origin.");

        public static readonly Rule ProtocolVersionDuringDiscovery = new(
            "auth.protocol-version-during-discovery", RuleLevel.Should, RuleSide.Client, RevisionSet.Of(V2025_03_26),
            "2025-03-26/basic/authorization#server-metadata-discovery-headers",
            "A client sends MCP-Protocol-Version with its metadata discovery requests.");

        // No well-known fallback for PRM, no OIDC and no default endpoints exist in this revision:
        // a 401 without resource_metadata leaves a 2025-06-18 client nowhere to go.
        public static readonly Rule Discovery20250618 = new(
            "auth.discovery-2025-06-18", RuleLevel.Must, RuleSide.Client, RevisionSet.Of(V2025_06_18),
            "2025-06-18/basic/authorization#authorization-server-discovery",
            "A client takes the PRM URL from the 401's resource_metadata, picks an AS from authorization_servers and GETs its /.well-known/oauth-authorization-server (path inserted); no OIDC, no defaults.");

        public static readonly Rule Discovery20251125 = new(
            "auth.discovery-2025-11-25", RuleLevel.Must, RuleSide.Client, RevisionSet.Of(V2025_11_25),
            "2025-11-25/basic/authorization#authorization-server-discovery",
            "A client looks for PRM at resource_metadata, then /.well-known/oauth-protected-resource{path}, then its root form; for AS metadata it tries oauth-authorization-server{path}, openid-configuration{path}, {path}/openid-configuration.");

        public static readonly Rule Discovery20260728 = new(
            "auth.discovery-2026-07-28", RuleLevel.Must, RuleSide.Client, Latest,
            "2026-07-28/basic/authorization/authorization-server-discovery",
            "A client probes PRM and AS metadata in the 2025-11-25 order, then rejects metadata whose issuer differs from the issuer it built the URL from.");

        public static readonly Rule Unauthorized401 = new(
            "auth.401-required", RuleLevel.Must, RuleSide.Server, OAuth,
            "2025-03-26/basic/authorization#error-handling",
            "A server that requires authorization answers a request without proven authorization with 401 Unauthorized.");

        // 2025-11-25 lets a server publish PRM at a well-known URI instead, so the header alone is
        // required only here; auth.prm-location takes over afterwards.
        public static readonly Rule ResourceMetadata401 = new(
            "auth.401-resource-metadata", RuleLevel.Must, RuleSide.Server, RevisionSet.Of(V2025_06_18),
            "2025-06-18/basic/authorization#authorization-server-location",
            "A server's 401 carries a WWW-Authenticate header whose resource_metadata parameter gives its PRM URL.");

        public static readonly Rule PrmLocation = new(
            "auth.prm-location", RuleLevel.Must, RuleSide.Server, FromNovember,
            "2025-11-25/basic/authorization#protected-resource-metadata-discovery-requirements",
            "A server announces its PRM via resource_metadata on 401 or serves it at /.well-known/oauth-protected-resource (path-suffixed or root).");

        // RFC 9728 section 3.3: metadata for another resource must not be used, so a client
        // that checks (as RFC 9728 requires) cannot proceed with it.
        public static readonly Rule PrmResource = new(
            "auth.prm-resource", RuleLevel.Must, RuleSide.Server, ResourceServer,
            "2025-06-18/basic/authorization#authorization-server-location; RFC 9728 section 3.3",
            "The PRM's resource is the MCP server's URL: the URL the client requested (or, at the root well-known URI, its origin).");

        public static readonly Rule ParseWwwAuthenticate = new(
            "auth.parse-www-authenticate", RuleLevel.Must, RuleSide.Client, ResourceServer,
            "2025-06-18/basic/authorization#authorization-server-location",
            "A client parses the WWW-Authenticate header of a 401 and acts on it instead of failing.");

        public static readonly Rule PrmRequired = new(
            "auth.prm-required", RuleLevel.Must, RuleSide.Server, ResourceServer,
            "2025-06-18/basic/authorization#authorization-server-location",
            "A server publishes RFC 9728 protected resource metadata whose authorization_servers lists at least one authorization server.");

        public static readonly Rule AsMetadataAdvisory = new(
            "auth.as-metadata-advisory", RuleLevel.Should, RuleSide.Server, RevisionSet.Of(V2025_03_26),
            "2025-03-26/basic/authorization#server-metadata-discovery",
            "A server publishes RFC 8414 authorization server metadata.");

        public static readonly Rule AsMetadata = new(
            "auth.as-metadata", RuleLevel.Must, RuleSide.Server, ResourceServer,
            "2025-06-18/basic/authorization#server-metadata-discovery",
            "The authorization server publishes RFC 8414 metadata (from 2025-11-25, RFC 8414 or OpenID Connect Discovery metadata).");

        // The server-side counterpart of auth.issuer-equality: RFC 8414 section 3.3 binds the
        // issuer to the URL the metadata was fetched from, in every revision that uses RFC 8414.
        public static readonly Rule AsIssuer = new(
            "auth.as-issuer", RuleLevel.Must, RuleSide.Server, OAuth,
            "2025-03-26/basic/authorization#server-metadata-discovery; RFC 8414 section 3.3",
            "Authorization server metadata's issuer is identical to the issuer whose well-known URL served it.");

        // OAuth 2.1 section 4.1.1 makes S256 mandatory to implement for the authorization server;
        // from 2025-11-25 clients refuse metadata that does not list its PKCE methods.
        public static readonly Rule PkceS256Advertised = new(
            "auth.pkce-s256-advertised", RuleLevel.Must, RuleSide.Server, FromNovember,
            "2025-11-25/basic/authorization#authorization-code-protection; OAuth 2.1 section 4.1.1",
            "Authorization server metadata lists code_challenge_methods_supported, and it includes S256.");

        public static readonly Rule PkceRequired = new(
            "auth.pkce-required", RuleLevel.Must, RuleSide.Client, OAuth,
            "2025-03-26/basic/authorization#implementation-requirements",
            "A client uses PKCE in every authorization code flow.");

        public static readonly Rule PkceS256 = new(
            "auth.pkce-s256", RuleLevel.Must, RuleSide.Client, FromNovember,
            "2025-11-25/basic/authorization#authorization-code-protection",
            "A client that can compute S256 uses it as its PKCE code challenge method, never plain.");

        // OAuth 2.1 and PKCE give no way to discover PKCE support, so the metadata field is the only
        // evidence; an AS that supports PKCE but omits it is refused on purpose.
        public static readonly Rule PkceMethodsRequired = new(
            "auth.pkce-methods-required", RuleLevel.Must, RuleSide.Client, FromNovember,
            "2025-11-25/basic/authorization#authorization-code-protection",
            "A client refuses to proceed with an authorization server whose metadata lacks code_challenge_methods_supported.");

        public static readonly Rule OidcPkceAdvertised = new(
            "auth.oidc-pkce-advertised", RuleLevel.Must, RuleSide.Server, FromNovember,
            "2025-11-25/basic/authorization#authorization-code-protection",
            "An authorization server offering OpenID Connect Discovery lists code_challenge_methods_supported in that metadata.");

        public static readonly Rule IssuerEquality = new(
            "auth.issuer-equality", RuleLevel.Must, RuleSide.Client, Latest,
            "2026-07-28/basic/authorization/authorization-server-discovery#authorization-server-metadata-discovery",
            "A client uses AS metadata only when its issuer is identical, without normalization, to the issuer the well-known URL was built from.");

        public static readonly Rule IssParameter = new(
            "auth.iss-parameter", RuleLevel.Must, RuleSide.Client, Latest,
            "2026-07-28/basic/authorization/index#authorization-response-validation; RFC 9207 section 2.4",
            "Before redeeming a code a client compares the response's iss with the recorded issuer exactly, and rejects a missing iss when the AS advertises it.");

        public static readonly Rule IssAdvertised = new(
            "auth.iss-advertised", RuleLevel.Must, RuleSide.Server, Latest,
            "2026-07-28/basic/authorization/index#authorization-response-validation; RFC 9207 section 2.3",
            "An authorization server that puts iss in authorization responses sets authorization_response_iss_parameter_supported to true.");

        public static readonly Rule ResourceParameter = new(
            "auth.resource-parameter", RuleLevel.Must, RuleSide.Client, ResourceServer,
            "2025-06-18/basic/authorization#resource-parameter-implementation",
            "A client sends the RFC 8707 resource parameter, the server's canonical URI, in both authorization and token requests, whether or not the AS supports it.");

        public static readonly Rule BearerEveryRequest = new(
            "auth.bearer-every-request", RuleLevel.Must, RuleSide.Client, OAuth,
            "2025-03-26/basic/authorization#token-requirements",
            "A client sends Authorization: Bearer with the token on every HTTP request to the server, not only the first.");

        public static readonly Rule NoTokenInQuery = new(
            "auth.no-token-in-query", RuleLevel.Must, RuleSide.Client, OAuth,
            "2025-03-26/basic/authorization#token-requirements",
            "A client never puts an access token in the URI query string.");

        public static readonly Rule InvalidToken401 = new(
            "auth.invalid-token-401", RuleLevel.Must, RuleSide.Server, OAuth,
            "2025-03-26/basic/authorization#token-handling",
            "A server validates every access token and answers an invalid or expired one with 401 Unauthorized.");

        public static readonly Rule TokenAudience = new(
            "auth.token-audience", RuleLevel.Must, RuleSide.Server, ResourceServer,
            "2025-06-18/basic/authorization#token-handling",
            "A server accepts only tokens issued for it as the audience and rejects tokens meant for another resource.");

        public static readonly Rule NoTokenPassthrough = new(
            "auth.no-token-passthrough", RuleLevel.Must, RuleSide.Server, ResourceServer,
            "2025-06-18/basic/authorization#access-token-privilege-restriction",
            "A server never forwards a client's token to upstream APIs; it uses a separate token of its own.");

        public static readonly Rule TokenFromServerAs = new(
            "auth.token-from-server-as", RuleLevel.Must, RuleSide.Client, ResourceServer,
            "2025-06-18/basic/authorization#token-handling",
            "A client sends a server only tokens issued by that server's own authorization server.");

        public static readonly Rule HttpsEndpoints = new(
            "auth.https-endpoints", RuleLevel.Must, RuleSide.Server, OAuth,
            "2025-03-26/basic/authorization#security-considerations",
            "Every authorization endpoint is served over HTTPS.");

        public static readonly Rule RedirectUriLocalOrHttps = new(
            "auth.redirect-uri-local-or-https", RuleLevel.Must, RuleSide.Client, OAuth,
            "2025-03-26/basic/authorization#security-considerations",
            "A client's redirect URI is a localhost URL or an HTTPS URL.");

        public static readonly Rule ChallengeScope = new(
            "auth.challenge-scope", RuleLevel.Should, RuleSide.Server, FromNovember,
            "2025-11-25/basic/authorization#protected-resource-metadata-discovery-requirements",
            "A server's WWW-Authenticate challenge includes the scope the request needs.");

        public static readonly Rule ChallengedScopesAuthoritative = new(
            "auth.challenged-scopes-authoritative", RuleLevel.Must, RuleSide.Client, FromNovember,
            "2025-11-25/basic/authorization#scope-selection-strategy",
            "A client treats the scopes in a challenge as what the current request needs, assuming no relation to scopes_supported.");

        public static readonly Rule ScopeSelection = new(
            "auth.scope-selection", RuleLevel.Should, RuleSide.Client, FromNovember,
            "2025-11-25/basic/authorization#scope-selection-strategy",
            "A client requests the scope of the 401 challenge, else all of the PRM's scopes_supported, else no scope parameter.");

        public static readonly Rule InsufficientScope403 = new(
            "auth.insufficient-scope-403", RuleLevel.Should, RuleSide.Server, FromNovember,
            "2025-11-25/basic/authorization#runtime-insufficient-scope-errors",
            "A server answers a token lacking scope with 403 and WWW-Authenticate error=\"insufficient_scope\" naming the needed scope.");

        public static readonly Rule StepUpRetryLimit = new(
            "auth.step-up-retry-limit", RuleLevel.Should, RuleSide.Client, FromNovember,
            "2025-11-25/basic/authorization#step-up-authorization-flow",
            "A client limits step-up re-authorization retries for the same resource and operation.");

        // 2025-11-25 told servers to repeat already-granted scopes in the challenge; 2026-07-28 lets
        // them send only the new ones, so a client that requests just the challenged set loses
        // earlier grants. The step is listed without a keyword; SHOULD keeps it advisory.
        public static readonly Rule StepUpUnion = new(
            "auth.step-up-union", RuleLevel.Should, RuleSide.Client, Latest,
            "2026-07-28/basic/authorization/index#step-up-authorization-flow",
            "On step-up a client requests the union of the scopes it asked for before and the challenged scopes.");

        public static readonly Rule RegistrationPriority = new(
            "auth.registration-priority", RuleLevel.Should, RuleSide.Client, FromNovember,
            "2025-11-25/basic/authorization#client-registration-approaches",
            "A client registers by pre-registered credentials, else a client ID metadata document if the AS supports it, else dynamic registration, else asks the user.");

        public static readonly Rule DcrApplicationType = new(
            "auth.dcr-application-type", RuleLevel.Must, RuleSide.Client, Latest,
            "2026-07-28/basic/authorization/client-registration#application-type-and-redirect-uri-constraints",
            "A client using dynamic client registration sends an application_type fitting it (native for local apps, web for remote ones).");

        public static readonly Rule CredentialsPerIssuer = new(
            "auth.credentials-per-issuer", RuleLevel.Must, RuleSide.Client, Latest,
            "2026-07-28/basic/authorization/client-registration#authorization-server-binding",
            "A client keys stored client credentials by AS issuer and never reuses them with a different authorization server.");

        public static readonly Rule NoOfflineAccessChallenge = new(
            "auth.no-offline-access-challenge", RuleLevel.Should, RuleSide.Server, Latest,
            "2026-07-28/basic/authorization/index#refresh-tokens",
            "A server does not put offline_access in its scope challenges or its PRM scopes_supported.");
    }

    private static IEnumerable<Rule> AuthorizationRules() =>
    [
        Authorization.Discovery20250326, Authorization.DefaultEndpoints, Authorization.ProtocolVersionDuringDiscovery,
        Authorization.Discovery20250618, Authorization.Discovery20251125, Authorization.Discovery20260728,
        Authorization.Unauthorized401, Authorization.ResourceMetadata401, Authorization.PrmLocation,
        Authorization.ParseWwwAuthenticate, Authorization.PrmRequired, Authorization.AsMetadataAdvisory,
        Authorization.AsMetadata, Authorization.PkceRequired, Authorization.PkceS256, Authorization.PkceMethodsRequired,
        Authorization.OidcPkceAdvertised, Authorization.IssuerEquality, Authorization.IssParameter,
        Authorization.IssAdvertised, Authorization.ResourceParameter, Authorization.BearerEveryRequest,
        Authorization.NoTokenInQuery, Authorization.InvalidToken401, Authorization.TokenAudience,
        Authorization.NoTokenPassthrough, Authorization.TokenFromServerAs, Authorization.HttpsEndpoints,
        Authorization.RedirectUriLocalOrHttps, Authorization.ChallengeScope, Authorization.ChallengedScopesAuthoritative,
        Authorization.ScopeSelection, Authorization.InsufficientScope403, Authorization.StepUpRetryLimit,
        Authorization.StepUpUnion, Authorization.RegistrationPriority, Authorization.DcrApplicationType,
        Authorization.CredentialsPerIssuer, Authorization.NoOfflineAccessChallenge,
        Authorization.PrmResource, Authorization.AsIssuer, Authorization.PkceS256Advertised,
    ];
}
