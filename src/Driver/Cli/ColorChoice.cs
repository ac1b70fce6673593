namespace McpFuzz.Driver.Cli;

/// <summary>Whether output gets colour: only when it goes to a terminal, and never when the user
/// set NO_COLOR (https://no-color.org: any non-empty value) or the terminal says it is dumb.
/// Redirected output is always plain, so files and CI logs hold no escape sequences.</summary>
public static class ColorChoice
{
    public static bool Decide(bool isTerminal, Func<string, string?> environment) =>
        isTerminal
        && string.IsNullOrEmpty(environment("NO_COLOR"))
        && !string.Equals(environment("TERM"), "dumb", StringComparison.Ordinal);

    /// <summary>The decision for standard output of this process.</summary>
    public static bool ForStandardOutput() => Decide(!Console.IsOutputRedirected, Environment.GetEnvironmentVariable);
}
