namespace McpFuzz.Driver.Cli;

/// <summary>Where a command reads and writes: the console, or buffers in tests.</summary>
public sealed record Terminal(TextWriter Out, TextWriter Error, Func<Stream> OpenInput);
