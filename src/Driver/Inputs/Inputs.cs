namespace McpFuzz.Driver.Inputs;

public static class Inputs
{
    /// <summary>The inputs a command names: a sample, a file, or standard input ("-" or nothing).</summary>
    public static IReadOnlyList<InputSource> Resolve(string? path, string? sample, Func<Stream> standardInput)
    {
        if (sample is not null)
        {
            if (path is not null) throw new Cli.UsageException("give either a FILE or --sample, not both");
            return Samples.Resolve(sample);
        }

        if (path is null or "-") return [new InputSource("-", standardInput)];
        if (Directory.Exists(path)) throw new Cli.UsageException($"{path}: is a directory, not a file");
        if (!File.Exists(path)) throw new Cli.UsageException($"{path}: no such file");
        return [new InputSource(path, () => File.OpenRead(path))];
    }
}
