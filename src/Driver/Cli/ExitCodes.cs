namespace McpFuzz.Driver.Cli;

/// <summary>Exit codes every command shares, so CI can act on them.</summary>
public static class ExitCodes
{
    /// <summary>Done, nothing found.</summary>
    public const int Ok = 0;

    /// <summary>Done, and something was found (a violation, a malformed stream).</summary>
    public const int Findings = 1;

    /// <summary>The command line or an input named on it was unusable; nothing was run.</summary>
    public const int Usage = 2;

    /// <summary>McpFuzz itself failed; a bug to report.</summary>
    public const int InternalError = 70;
}
