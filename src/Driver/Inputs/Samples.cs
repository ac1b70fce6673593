using System.Reflection;

namespace McpFuzz.Driver.Inputs;

/// <summary>Traffic captured from real MCP peers (and one constructed failure case), embedded in
/// the tool so that the decoder runs with nothing else installed.</summary>
public static class Samples
{
    private const string Prefix = "samples/";

    private static readonly Assembly Assembly = typeof(Samples).Assembly;

    /// <summary>Sample names, sorted.</summary>
    public static IReadOnlyList<string> Names { get; } = Assembly.GetManifestResourceNames()
        .Where(n => n.StartsWith(Prefix, StringComparison.Ordinal))
        .Select(n => n.Substring(Prefix.Length))
        .Order(StringComparer.Ordinal)
        .ToArray();

    /// <summary>The sample called <paramref name="name"/>, or every sample for "all".</summary>
    public static IReadOnlyList<InputSource> Resolve(string name)
    {
        if (name == "all") return Names.Select(Source).ToArray();
        if (!Names.Contains(name)) throw new Cli.UsageException($"--sample: no sample named '{name}' (see `mcpfuzz samples`)");
        return [Source(name)];
    }

    private static InputSource Source(string name) =>
        new("sample:" + name, () => Assembly.GetManifestResourceStream(Prefix + name)!);
}
