using System.Text;
using FsCheck;
using FsCheck.Fluent;
using McpFuzz.Model.Wire.Sse;

namespace McpFuzz.Fuzzer.Generators;

/// <summary>An event as the writer takes it: what a round trip must preserve.</summary>
public sealed record SseEventSpec(string? Type, string Data, string? Id, long? Retry);

/// <summary>FsCheck generators of event streams: well-formed ones built by the writer, and
/// SSE-shaped byte soup that stresses every branch of a reader (odd separators, all three line
/// endings, BOMs, NUL, invalid and split multi-byte UTF-8, unterminated lines).</summary>
public static class SseGenerators
{
    private static readonly string[] FieldNames = ["data", "data", "data", "event", "id", "retry", "", "dat", "Data", "datas", "x-custom", "\uFEFFdata"];

    private static readonly byte[][] ValuePieces =
    [
        "hello"u8.ToArray(), "{\"jsonrpc\":\"2.0\",\"id\":1}"u8.ToArray(), "message"u8.ToArray(), "endpoint"u8.ToArray(),
        "42"u8.ToArray(), "007"u8.ToArray(), "99999999999999999999"u8.ToArray(), " "u8.ToArray(), ":"u8.ToArray(),
        "é"u8.ToArray(), "世界"u8.ToArray(), "🎉"u8.ToArray(), [0], [0xFF], [0xC3], [0xE4, 0xB8], [0xEF, 0xBB, 0xBF], [0x80],
        "\t"u8.ToArray(), "data: x"u8.ToArray(), "-1"u8.ToArray(), "+5"u8.ToArray(),
    ];

    private static readonly byte[][] LineEndings = ["\n"u8.ToArray(), "\r\n"u8.ToArray(), "\r"u8.ToArray()];

    /// <summary>Arbitrary SSE-shaped bytes.</summary>
    public static Gen<byte[]> Streams { get; } = BuildStreams();

    /// <summary>Events the writer can frame and the reader must give back unchanged.</summary>
    public static Gen<SseEventSpec> Events { get; } = BuildEvents();

    /// <summary>Framings of the writer.</summary>
    public static Gen<SseFraming> Framings { get; } =
        from ending in Gen.Elements(SseLineEnding.Lf, SseLineEnding.CrLf, SseLineEnding.Cr)
        from space in ArbMap.Default.GeneratorFor<bool>()
        from bare in ArbMap.Default.GeneratorFor<bool>()
        from after in ArbMap.Default.GeneratorFor<bool>()
        from comment in Gen.Elements<string?>(null, "", " keepalive", "ping")
        from omit in ArbMap.Default.GeneratorFor<bool>()
        select new SseFraming
        {
            LineEnding = ending, SpaceAfterColon = space, BareEmptyFields = bare,
            MetadataAfterData = after, CommentBeforeEvents = comment, OmitMessageType = omit,
        };

    /// <summary>Read sizes for feeding a stream in pieces (zero-length reads included).</summary>
    public static Gen<int[]> ChunkPlans { get; } =
        Gen.OneOf(
            Gen.Constant(new[] { 1 }),
            Gen.Choose(1, 13).Select(n => new[] { n }),
            Gen.ListOf(Gen.Choose(0, 40)).Select(l => l.ToArray()));

    private static Gen<byte[]> BuildStreams()
    {
        Gen<byte[]> value = Gen.ListOf(Gen.Elements(ValuePieces)).Select(pieces => pieces.Take(6).SelectMany(p => p).ToArray());
        Gen<byte[]> separator = Gen.Elements(": "u8.ToArray(), ":"u8.ToArray(), ":  "u8.ToArray(), Array.Empty<byte>());
        Gen<byte[]> ending = Gen.Elements(LineEndings);

        Gen<byte[]> field =
            from name in Gen.Elements(FieldNames)
            from sep in separator
            from v in value
            from end in ending
            select Concat(Encoding.UTF8.GetBytes(name), sep, sep.Length == 0 ? [] : v, end);
        Gen<byte[]> comment = from v in value from end in ending select Concat([(byte)':'], v, end);
        Gen<byte[]> blank = ending;
        Gen<byte[]> line = Gen.Frequency((6, field), (1, comment), (3, blank));

        return from bom in Gen.Frequency((8, Gen.Constant(0)), (2, Gen.Constant(1)), (1, Gen.Constant(2)))
               from lines in Gen.ListOf(line)
               from tail in Gen.Frequency((3, Gen.Constant(Array.Empty<byte>())), (1, value))
               select Concat([.. Enumerable.Repeat(new byte[] { 0xEF, 0xBB, 0xBF }, bom), .. lines, tail]);
    }

    private static Gen<SseEventSpec> BuildEvents()
    {
        // Type and id cannot hold CR or LF in any framing; an id with NUL is ignored by design.
        Gen<string> text = ArbMap.Default.GeneratorFor<string>().Select(s => s ?? "");
        Gen<string> fieldText = text.Select(s => new string(s.Where(c => c is not ('\r' or '\n' or '\0') && !char.IsSurrogate(c)).ToArray()));
        Gen<string> dataText = text.Select(s => new string(s.Where(c => c != '\r' && !char.IsSurrogate(c)).ToArray()));
        return from type in Gen.Frequency((3, Gen.Constant<string?>(null)), (2, fieldText.Where(t => t.Length > 0).Select(t => (string?)t)), (1, Gen.Constant<string?>("message")))
               from data in Gen.OneOf(dataText, Gen.Elements("", "{\"jsonrpc\":\"2.0\",\"method\":\"ping\"}", " leading", "a\nb\n", "\n"))
               from id in Gen.Frequency((2, Gen.Constant<string?>(null)), (2, fieldText.Select(t => (string?)t)))
               from retry in Gen.Frequency((3, Gen.Constant<long?>(null)), (1, Gen.Choose(0, int.MaxValue).Select(r => (long?)r)))
               select new SseEventSpec(type, data, id, retry);
    }

    private static byte[] Concat(params byte[][] parts)
    {
        var all = new byte[parts.Sum(p => p.Length)];
        int at = 0;
        foreach (byte[] part in parts)
        {
            part.CopyTo(all, at);
            at += part.Length;
        }

        return all;
    }
}
