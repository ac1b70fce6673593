namespace McpFuzz.Driver.Inputs;

/// <summary>Something to decode: a file, standard input, or an embedded sample.</summary>
/// <param name="Name">How to refer to it in output ("-" for standard input).</param>
/// <param name="Open">Opens a fresh stream over its bytes; the caller disposes it.</param>
public sealed record InputSource(string Name, Func<Stream> Open)
{
    /// <summary>Inputs are read whole only when a format needs it; then at most this much.</summary>
    public const int MaxWholeInput = 256 * 1024 * 1024;

    /// <summary>Reads the whole input, refusing more than <see cref="MaxWholeInput"/> bytes.</summary>
    public byte[] ReadAll()
    {
        using var stream = Open();
        using var copy = new MemoryStream();
        byte[] buffer = new byte[81920];
        int read;
        while ((read = stream.Read(buffer)) > 0)
        {
            if (copy.Length + read > MaxWholeInput)
                throw new Cli.UsageException($"{Name}: larger than {MaxWholeInput / (1024 * 1024)} MiB; give the raw body instead of a transcript");
            copy.Write(buffer, 0, read);
        }

        return copy.ToArray();
    }
}
