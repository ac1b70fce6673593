namespace McpFuzz.Fuzzer.Coverage;

/// <summary>An assembly the instrumenter will not rewrite (not .NET, not IL-only, ReadyToRun, or
/// instrumented already). The message says why in one line, for the user; nothing was written.</summary>
public sealed class InstrumentationRefused(string message) : Exception(message);
