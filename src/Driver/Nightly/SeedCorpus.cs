namespace McpFuzz.Driver.Nightly;

/// <summary>
/// Seeds an empty nightly corpus directory from the repository's <c>corpus/TARGET</c>: the one
/// next to the program (a tool package or a copied build) first, else the one in the current
/// directory (a checkout). A directory that already holds entries is left alone: it is the
/// corpus earlier nights grew, and it already contains the seeds.
/// </summary>
public static class SeedCorpus
{
    /// <summary>The directory the seeds were copied from, or null when the corpus already had
    /// entries or no seed directory exists.</summary>
    public static string? SeedIfEmpty(string corpusDirectory, string target, string programDirectory, string currentDirectory)
    {
        Directory.CreateDirectory(corpusDirectory);
        if (Entries(corpusDirectory) > 0) return null;
        string? source = new[] { programDirectory, currentDirectory }
            .Select(root => Path.Combine(root, "corpus", target))
            .FirstOrDefault(Directory.Exists);
        if (source is null) return null;
        foreach (string file in Directory.EnumerateFiles(source))
        {
            string name = Path.GetFileName(file);
            if (name.StartsWith('.')) continue;
            File.Copy(file, Path.Combine(corpusDirectory, name), overwrite: false);
        }

        return Path.GetFullPath(source);
    }

    /// <summary>Corpus entries: every file but hidden ones (the engine's temporaries).</summary>
    public static int Entries(string directory) =>
        Directory.Exists(directory) ? Directory.EnumerateFiles(directory).Count(f => !Path.GetFileName(f).StartsWith('.')) : 0;

    /// <summary>The repository's dictionary for <paramref name="target"/>, looked for where the seeds
    /// are: <c>corpus/dict/TARGET.dict</c>, else the one named after the target's first word
    /// (<c>sse-chunked</c> → <c>sse.dict</c>); null when there is none.</summary>
    public static string? Dictionary(string target, params string[] roots)
    {
        string family = target.Split('-')[0];
        return roots
            .SelectMany(root => new[] { target, family }.Select(name => Path.Combine(root, "corpus", "dict", name + ".dict")))
            .Where(File.Exists)
            .Select(Path.GetFullPath)
            .FirstOrDefault();
    }
}
