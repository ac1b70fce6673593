namespace McpFuzz.Model.Machines.Authorization;

/// <summary>Where a client is in authorization discovery. Every waiting phase is named after the
/// probe whose answer it waits for, so a machine's diagram reads as its revision's URL order.
/// One enum serves every revision, so that a world can hold any client's phase in one field; a
/// revision's machine leaves the phases of other revisions unreachable and marks final only the
/// outcomes it can reach (Validate lists the rest; the tests pin which).</summary>
public enum DiscoveryPhase : byte
{
    /// <summary>Nothing sent yet.</summary>
    Idle,

    /// <summary>Waiting for the answer to the MCP request without a token.</summary>
    Challenging,

    /// <summary>Superstate of the phases looking for protected resource metadata (2025-06-18 on).</summary>
    SeekingPrm,
    PrmFromHeader,
    PrmPathWellKnown,
    PrmRootWellKnown,

    /// <summary>Superstate of the phases looking for authorization server metadata (2025-06-18 on).</summary>
    SeekingAsMetadata,
    AsOAuthPathInserted,
    AsOidcPathInserted,
    AsOidcPathAppended,
    AsOAuthRoot,
    AsOidcRoot,

    /// <summary>2025-03-26: waiting for metadata at the MCP server's origin.</summary>
    McpOriginOAuth,

    /// <summary>Final: metadata found and accepted; the client uses its endpoints.</summary>
    Authorized,

    /// <summary>Final (2025-03-26): no metadata; the client uses /authorize, /token and /register on the MCP origin.</summary>
    UsedDefaultEndpoints,

    /// <summary>Final: the client gave up; <see cref="DiscoveryContext.Reason"/> says why.</summary>
    Aborted,
}

/// <summary>What a discovering client can be told.</summary>
public enum DiscoveryTrigger : byte
{
    /// <summary>The client decides to call the MCP server (it has no token).</summary>
    Start,

    /// <summary>401 whose <c>WWW-Authenticate</c> has no <c>resource_metadata</c>.</summary>
    Unauthorized,

    /// <summary>401 whose <c>WWW-Authenticate</c> names the protected resource metadata URL.</summary>
    UnauthorizedWithResourceMetadata,

    /// <summary>200 with the document asked for; <see cref="DocumentFacts"/> says what it holds.</summary>
    Found,

    /// <summary>The document is not there (404, or any other failure to get it).</summary>
    NotFound,
}

/// <summary>The little of a fetched document that steers discovery. Only meaningful with
/// <see cref="DiscoveryTrigger.Found"/>.</summary>
/// <param name="IssuerHasPath">Protected resource metadata: the chosen entry of
/// <c>authorization_servers</c> has a path, which decides the well-known URLs to try.</param>
/// <param name="PkceAdvertised">Authorization server metadata lists <c>code_challenge_methods_supported</c>.</param>
/// <param name="IssuerMatches">Authorization server metadata's <c>issuer</c> is identical to the
/// issuer the client built the URL from.</param>
public readonly record struct DocumentFacts(bool IssuerHasPath, bool PkceAdvertised, bool IssuerMatches);
