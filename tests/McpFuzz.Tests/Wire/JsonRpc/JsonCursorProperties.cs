using System.Text;
using System.Text.Json;
using FsCheck;
using FsCheck.Fluent;
using McpFuzz.Fuzzer.Generators;
using McpFuzz.Model.Wire.JsonRpc;

namespace McpFuzz.Tests.Wire.JsonRpc;

/// <summary>The classifier's own JSON validation must accept exactly what Utf8JsonReader accepts.</summary>
public class JsonCursorProperties
{
    private static readonly Config Many = Config.QuickThrowOnFailure.WithMaxTest(5000).WithQuietOnSuccess(true);

    private static readonly byte[] Interesting = "\"\\{}[],:0-.eE+ utnfx1"u8.ToArray().Append((byte)0x01).Append((byte)0x7F).Append((byte)0xC3).ToArray();

    private static bool OursAccepts(byte[] json, int maxDepth)
    {
        var cursor = new JsonCursor(json, maxDepth);
        if (!cursor.SkipValue(0)) return false;
        cursor.SkipWhitespace();
        return cursor.AtEnd;
    }

    private static bool ReaderAccepts(byte[] json, int maxDepth)
    {
        try
        {
            var reader = new Utf8JsonReader(json, new JsonReaderOptions { MaxDepth = maxDepth });
            while (reader.Read()) { }
            return true;
        }
        catch (JsonException)
        {
            return false;
        }
    }

    /// <summary>JSON texts, then damaged in one of several ways.</summary>
    private static Gen<byte[]> Mutated { get; } =
        from text in Gen.OneOf(JsonRpcGenerators.JsonValues.Select(Encoding.UTF8.GetBytes), JsonRpcGenerators.Drafts.Select(JsonRpcWriter.Write))
        from how in Gen.Choose(0, 4)
        from at in Gen.Choose(0, Math.Max(0, text.Length - 1))
        from b in Gen.Elements(Interesting)
        from count in Gen.Choose(1, 4)
        select how switch
        {
            0 => text,
            1 when text.Length > 0 => [.. text[..at], b, .. text[(at + 1)..]],
            2 => [.. text[..at], b, .. text[at..]],
            3 when text.Length > 0 => [.. text[..at], .. text[Math.Min(text.Length, at + count)..]],
            _ => text[..at],
        };

    [Fact]
    public void Damaged_JSON_gets_the_same_verdict_as_from_Utf8JsonReader()
    {
        Check.One(Many, Prop.ForAll(Mutated.ToArbitrary(), json =>
            Assert.True(OursAccepts(json, 64) == ReaderAccepts(json, 64), Encoding.UTF8.GetString(json))));
    }

    [Fact]
    public void Arbitrary_bytes_get_the_same_verdict_as_from_Utf8JsonReader()
    {
        var bytes = Gen.ListOf(Gen.Elements(Interesting)).Select(l => l.ToArray());
        Check.One(Many, Prop.ForAll(bytes.ToArbitrary(), json =>
            Assert.True(OursAccepts(json, 64) == ReaderAccepts(json, 64), Encoding.UTF8.GetString(json))));
    }

    [Fact]
    public void The_depth_limit_is_the_same_as_Utf8JsonReader_MaxDepth()
    {
        var nests = from depth in Gen.Choose(1, 12)
                    from limit in Gen.Choose(1, 12)
                    from objects in ArbMap.Default.GeneratorFor<bool>()
                    select (depth, limit, objects);
        Check.One(Many, Prop.ForAll(nests.ToArbitrary(), t =>
        {
            string open = t.objects ? "{\"a\":" : "[", close = t.objects ? "}" : "]";
            byte[] json = Encoding.UTF8.GetBytes(string.Concat(Enumerable.Repeat(open, t.depth)) + "1" + string.Concat(Enumerable.Repeat(close, t.depth)));
            Assert.Equal(ReaderAccepts(json, t.limit), OursAccepts(json, t.limit));
        }));
    }

    [Theory]
    [InlineData(63, 200)]
    [InlineData(64, 200)]
    [InlineData(65, 200)]
    [InlineData(130, 200)]
    [InlineData(200, 200)]
    [InlineData(201, 200)]
    public void Deep_nesting_beyond_64_levels_is_tracked(int depth, int limit)
    {
        // Alternate objects and arrays so the per-level kind matters when closing.
        var text = new StringBuilder();
        for (int i = 0; i < depth; i++) text.Append(i % 3 == 0 ? "{\"k\":" : "[");
        text.Append("0");
        for (int i = depth - 1; i >= 0; i--) text.Append(i % 3 == 0 ? "}" : ",1]");
        byte[] json = Encoding.UTF8.GetBytes(text.ToString());
        Assert.Equal(ReaderAccepts(json, limit), OursAccepts(json, limit));
        Assert.Equal(depth <= limit, OursAccepts(json, limit));
    }

    [Theory]
    [InlineData("01", false)]
    [InlineData("-", false)]
    [InlineData("1.", false)]
    [InlineData("1e", false)]
    [InlineData("-0.5e+7", true)]
    [InlineData("\"\\u00e9\\n\"", true)]
    [InlineData("\"\\x\"", false)]
    [InlineData("\"\\u12G4\"", false)]
    [InlineData("\"a\u0001b\"", false)]
    [InlineData("[1,]", false)]
    [InlineData("{\"a\":1,}", false)]
    [InlineData("{\"a\" : [ true , false , null ] }", true)]
    [InlineData("nul", false)]
    [InlineData("truex", false)]
    [InlineData("", false)]
    [InlineData("  ", false)]
    public void Edge_cases_follow_RFC_8259(string text, bool valid)
    {
        byte[] json = Encoding.UTF8.GetBytes(text);
        Assert.Equal(valid, OursAccepts(json, 64));
        Assert.Equal(valid, ReaderAccepts(json, 64));
    }
}
