using McpFuzz.Fuzzer.Engines;
using McpFuzz.HandCoveredTargets;

namespace McpFuzz.Tests.Engines;

[Collection(EngineCollection.Name)]
public sealed class CorpusTests : IDisposable
{
    private readonly string directory = Directory.CreateTempSubdirectory("mcpfuzz-corpus-").FullName;

    public void Dispose() => Directory.Delete(directory, recursive: true);

    private string[] Campaign(string corpus, ulong seed)
    {
        using var engine = new InProcessEngine(new PlantedMagicTarget(), new EngineOptions
        {
            Seed = seed, MaxRuns = 20_000, MaxLength = 32, CorpusDirectory = corpus, CrashDirectory = Path.Combine(directory, "crashes-" + Path.GetFileName(corpus)),
        });
        engine.Run();
        return Directory.GetFiles(corpus).Select(Path.GetFileName).Order().ToArray()!;
    }

    [Fact]
    public void New_entries_are_named_by_their_content_and_the_same_seed_finds_the_same_ones()
    {
        string a = Path.Combine(directory, "a"), b = Path.Combine(directory, "b");
        Directory.CreateDirectory(a);
        Directory.CreateDirectory(b);
        File.WriteAllText(Path.Combine(a, "hand-written-seed"), "F");
        File.WriteAllText(Path.Combine(b, "hand-written-seed"), "F");

        string[] first = Campaign(a, 21), second = Campaign(b, 21);

        Assert.Equal(first, second);
        Assert.Contains("hand-written-seed", first);
        Assert.True(first.Length > 1);
        foreach (string name in first.Where(n => n != "hand-written-seed"))
            Assert.Equal(name, ContentHash.Of(File.ReadAllBytes(Path.Combine(a, name))));
        Assert.Empty(Directory.GetFiles(a, ".*"));
    }

    [Fact]
    public void A_worker_picks_up_other_workers_files_once_and_skips_inputs_known_to_kill()
    {
        string shared = Path.Combine(directory, "shared");
        Directory.CreateDirectory(shared);
        var corpus = new Corpus(shared, maxLength: 8);
        File.WriteAllBytes(Path.Combine(shared, ContentHash.Of("one"u8)), "one"u8.ToArray());
        File.WriteAllBytes(Path.Combine(shared, "killer"), "SO!"u8.ToArray());
        File.WriteAllBytes(Path.Combine(shared, "long"), "0123456789"u8.ToArray());
        File.WriteAllBytes(Path.Combine(shared, ".half-written.tmp"), "x"u8.ToArray());

        var loaded = corpus.LoadNew(new HashSet<string> { ContentHash.Of("SO!"u8) });

        Assert.Equal(["one"u8.ToArray(), "01234567"u8.ToArray()], loaded.OrderBy(x => x.Length).ToArray());
        File.WriteAllBytes(Path.Combine(shared, "two"), "two"u8.ToArray());
        File.WriteAllBytes(Path.Combine(shared, "one-again"), "one"u8.ToArray());
        Assert.Equal(["two"u8.ToArray()], corpus.LoadNew(new HashSet<string>()));
    }
}
