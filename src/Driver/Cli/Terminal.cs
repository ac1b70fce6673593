namespace McpFuzz.Driver.Cli;

/// <summary>Where a command reads and writes: the console, or buffers in tests.
/// <see cref="ErrorIsInteractive"/> says whether standard error is a terminal a person watches
/// (progress lines are drawn only there), never a file, a pipe or a CI log.</summary>
public sealed record Terminal(TextWriter Out, TextWriter Error, Func<Stream> OpenInput, bool ErrorIsInteractive = false);
