namespace McpFuzz.Model.Machines.Authorization;

/// <summary>How discovery ended.</summary>
public enum DiscoveryOutcome : byte
{
    Pending,

    /// <summary>Authorization server metadata was found and accepted.</summary>
    Authorized,

    /// <summary>2025-03-26: no metadata at the MCP origin, so the default endpoints there.</summary>
    UsedDefaultEndpoints,

    Aborted,
}

/// <summary>Why a client gave up on discovery.</summary>
public enum AbortReason : byte
{
    None,

    /// <summary>2024-11-05 defines no authorization discovery; a 401 ends the connection.</summary>
    NoDiscoveryDefined,

    /// <summary>2025-06-18: the 401 has no <c>resource_metadata</c>, and nothing else is allowed.</summary>
    NoResourceMetadata,

    /// <summary>No protected resource metadata at any location the revision tries.</summary>
    NoPrm,

    /// <summary>No authorization server metadata at any location the revision tries.</summary>
    NoAsMetadata,

    /// <summary>The metadata lacks <c>code_challenge_methods_supported</c> (2025-11-25 on).</summary>
    PkceNotAdvertised,

    /// <summary>The metadata's <c>issuer</c> differs from the issuer used (2026-07-28).</summary>
    IssuerMismatch,
}

public static class AbortReasons
{
    /// <summary>The reason in words, for findings and counterexamples.</summary>
    public static string Describe(this AbortReason reason) => reason switch
    {
        AbortReason.NoDiscoveryDefined => "its revision defines no authorization discovery",
        AbortReason.NoResourceMetadata => "the 401 names no resource_metadata",
        AbortReason.NoPrm => "no protected resource metadata was found",
        AbortReason.NoAsMetadata => "no authorization server metadata was found",
        AbortReason.PkceNotAdvertised => "the metadata lacks code_challenge_methods_supported",
        AbortReason.IssuerMismatch => "the metadata's issuer differs from the issuer used",
        _ => "",
    };
}

/// <summary>Everything a discovering client remembers besides its phase. A value.</summary>
/// <param name="EndpointAtRoot">Configuration: the MCP endpoint's URL has no path, so the
/// path-suffixed protected resource metadata URL would be the root one (2025-11-25 skips it).</param>
/// <param name="Awaiting">The probe whose answer is outstanding (None once discovery ended).</param>
/// <param name="Out">The observable output of the step that produced this context: the probe it
/// sent, or None.</param>
/// <param name="Outcome">How discovery ended, or Pending.</param>
/// <param name="Reason">Why it was aborted, or None.</param>
/// <param name="Metadata">The probe whose answer was the accepted authorization server metadata.</param>
public readonly record struct DiscoveryContext(
    bool EndpointAtRoot = false,
    Probe Awaiting = Probe.None,
    ProbeRequest Out = default,
    DiscoveryOutcome Outcome = DiscoveryOutcome.Pending,
    AbortReason Reason = AbortReason.None,
    Probe Metadata = Probe.None);
