using System.Text;

namespace McpFuzz.Tests.Targets;

/// <summary>The repository's corpus/ folder: seeds, regressions and dictionaries per target.</summary>
public static class TargetCorpus
{
    public static string Root
    {
        get
        {
            var directory = new DirectoryInfo(AppContext.BaseDirectory);
            while (directory is not null && !File.Exists(Path.Combine(directory.FullName, "McpFuzz.sln"))) directory = directory.Parent;
            Assert.NotNull(directory);
            return Path.Combine(directory.FullName, "corpus");
        }
    }

    public static IReadOnlyList<string> Files(string folder)
    {
        string path = Path.Combine(Root, folder);
        return Directory.Exists(path) ? Directory.GetFiles(path).Order(StringComparer.Ordinal).ToList() : [];
    }

    public static IReadOnlyList<byte[]> Seeds(string target) => Files(target).Select(File.ReadAllBytes).ToList();

    /// <summary>The tokens of the dictionaries named (libFuzzer format: one "quoted" token a line, \xNN and \" escapes).</summary>
    public static IReadOnlyList<byte[]> Tokens(params string[] dictionaries)
    {
        var tokens = new List<byte[]>();
        foreach (string name in dictionaries)
        {
            foreach (string line in File.ReadAllLines(Path.Combine(Root, "dict", name + ".dict")))
            {
                int open = line.IndexOf('"'), close = line.LastIndexOf('"');
                if (line.StartsWith('#') || open < 0 || close <= open) continue;
                tokens.Add(Unescape(line[(open + 1)..close]));
            }
        }

        return tokens;
    }

    private static byte[] Unescape(string token)
    {
        var bytes = new List<byte>();
        for (int i = 0; i < token.Length; i++)
        {
            if (token[i] != '\\' || i + 1 >= token.Length) { bytes.AddRange(Encoding.UTF8.GetBytes(token[i].ToString())); continue; }
            char next = token[++i];
            if (next == 'x' && i + 2 < token.Length) { bytes.Add(Convert.ToByte(token.Substring(i + 1, 2), 16)); i += 2; }
            else bytes.Add((byte)next);
        }

        return bytes.ToArray();
    }
}
