using McpFuzz.Model.Wire.Http;

namespace McpFuzz.Tests.Wire.Http;

public class HttpParametersTests
{
    private static HttpParameters Of(params (string Name, string Value)[] pairs) =>
        HttpParameters.From(pairs.Select(p => new KeyValuePair<string, string>(p.Name, p.Value)));

    [Fact]
    public void Lookup_is_case_insensitive_and_the_first_repeat_wins()
    {
        var parameters = HttpParameters.From(
            [new("Charset", "utf-8"), new("q", "1"), new("CHARSET", "latin1")], out bool duplicates);
        Assert.True(duplicates);
        Assert.Equal(2, parameters.Count);
        Assert.Equal("utf-8", parameters.Get("charset"));
        Assert.Equal("utf-8", parameters["CHARSET"]);
        Assert.True(parameters.ContainsKey("Q"));
        Assert.Null(parameters.Get("missing"));
        Assert.False(parameters.TryGetValue("missing", out _));
        Assert.Throws<KeyNotFoundException>(() => parameters["missing"]);
        Assert.Equal(["Charset", "q"], parameters.Keys);
        Assert.Equal(["utf-8", "1"], parameters.Values);
    }

    [Fact]
    public void No_duplicates_is_reported()
    {
        HttpParameters.From([new("a", "1"), new("b", "1")], out bool duplicates);
        Assert.False(duplicates);
        Assert.Same(HttpParameters.Empty, HttpParameters.From([]));
    }

    [Fact]
    public void Equality_ignores_order_and_name_case_but_not_value_case()
    {
        var a = Of(("a", "1"), ("B", "x"));
        Assert.True(a.Equals(Of(("b", "x"), ("A", "1"))));
        Assert.Equal(a.GetHashCode(), Of(("b", "x"), ("A", "1")).GetHashCode());
        Assert.False(a.Equals(Of(("a", "1"), ("B", "X"))));
        Assert.False(a.Equals(Of(("a", "1"))));
        Assert.False(a.Equals(Of(("a", "1"), ("C", "x"))));
        Assert.False(a.Equals(null));
    }

    [Fact]
    public void ToString_lists_the_pairs()
    {
        Assert.Equal("{a=1; b=x y}", Of(("a", "1"), ("b", "x y")).ToString());
    }
}
