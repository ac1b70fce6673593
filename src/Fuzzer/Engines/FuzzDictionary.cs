using System.Text;

namespace McpFuzz.Fuzzer.Engines;

/// <summary>
/// Tokens the mutator inserts whole, read from the AFL/libFuzzer <c>.dict</c> format: one entry a
/// line, <c>"value"</c> or <c>name="value"</c> (AFL also allows <c>name@level="value"</c>), with
/// <c>\\</c>, <c>\"</c> and <c>\xNN</c> escapes; blank lines and lines starting with <c>#</c> are
/// skipped. .NET code gives the engine no comparison feedback, so these tokens are how it gets
/// past multi-byte keywords quickly.
/// </summary>
public sealed class FuzzDictionary
{
    public static readonly FuzzDictionary Empty = new([]);

    public FuzzDictionary(IReadOnlyList<byte[]> tokens) => Tokens = tokens;

    public IReadOnlyList<byte[]> Tokens { get; }

    public static FuzzDictionary Load(string path) => Parse(File.ReadAllText(path, Encoding.UTF8));

    /// <summary>Parses dictionary text; a malformed line throws <see cref="FormatException"/>
    /// naming its line number.</summary>
    public static FuzzDictionary Parse(string text)
    {
        var tokens = new List<byte[]>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        string[] lines = text.Split('\n');
        for (int number = 1; number <= lines.Length; number++)
        {
            string line = lines[number - 1].Trim();
            if (line.Length == 0 || line[0] == '#') continue;
            int open = line.IndexOf('"');
            if (open < 0 || line.Length < open + 2 || line[^1] != '"')
                throw new FormatException($"line {number}: expected \"value\" or name=\"value\"");
            if (open > 0)
            {
                string name = line[..open].TrimEnd();
                if (!name.EndsWith('=')) throw new FormatException($"line {number}: expected = before the quoted value");
            }
            byte[] token = Unescape(line.AsSpan(open + 1, line.Length - open - 2), number);
            if (token.Length > 0 && seen.Add(Convert.ToHexString(token))) tokens.Add(token);
        }
        return new FuzzDictionary(tokens);
    }

    private static byte[] Unescape(ReadOnlySpan<char> body, int number)
    {
        var bytes = new List<byte>(body.Length);
        for (int i = 0; i < body.Length; i++)
        {
            char c = body[i];
            if (c == '\\')
            {
                if (i + 1 >= body.Length) throw new FormatException($"line {number}: a lone backslash at the end");
                char next = body[++i];
                if (next is '\\' or '"') bytes.Add((byte)next);
                else if (next == 'x' && i + 2 < body.Length
                         && byte.TryParse(body.Slice(i + 1, 2), System.Globalization.NumberStyles.HexNumber, null, out byte value))
                {
                    bytes.Add(value);
                    i += 2;
                }
                else throw new FormatException($"line {number}: unknown escape \\{next}");
            }
            else if (c == '"') throw new FormatException($"line {number}: unescaped quote inside the value");
            else if (c < 0x80) bytes.Add((byte)c);
            else if (char.IsHighSurrogate(c) && i + 1 < body.Length) bytes.AddRange(Encoding.UTF8.GetBytes(body.Slice(i++, 2).ToString()));
            else bytes.AddRange(Encoding.UTF8.GetBytes(c.ToString()));
        }
        return [.. bytes];
    }
}
