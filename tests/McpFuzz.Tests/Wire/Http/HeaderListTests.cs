using McpFuzz.Model.Wire.Http;

namespace McpFuzz.Tests.Wire.Http;

public class HeaderListTests
{
    private static readonly HeaderList Sample = HeaderList.Of(
        ("Accept", "application/json"),
        ("Mcp-Session-Id", "abc"),
        ("accept", "text/event-stream"));

    [Fact]
    public void Get_returns_the_first_value_by_case_insensitive_name()
    {
        Assert.Equal("application/json", Sample.Get("ACCEPT"));
        Assert.Equal("abc", Sample.Get(HeaderNames.SessionId));
        Assert.Null(Sample.Get("Origin"));
        Assert.Null(HeaderList.Empty.Get("Accept"));
    }

    [Fact]
    public void GetAll_returns_every_value_in_order()
    {
        Assert.Equal(["application/json", "text/event-stream"], Sample.GetAll("Accept"));
        Assert.Empty(Sample.GetAll("Origin"));
    }

    [Fact]
    public void Contains_is_case_insensitive()
    {
        Assert.True(Sample.Contains("mcp-session-id"));
        Assert.False(Sample.Contains("Mcp-Session"));
    }

    [Fact]
    public void An_empty_value_is_still_present()
    {
        var list = HeaderList.Of(("Origin", ""));
        Assert.True(list.Contains("origin"));
        Assert.Equal("", list.Get("Origin"));
    }

    [Fact]
    public void With_replaces_all_fields_of_that_name_at_the_first_position()
    {
        var result = Sample.With("ACCEPT", "*/*");
        Assert.Equal([new HeaderField("ACCEPT", "*/*"), new HeaderField("Mcp-Session-Id", "abc")], result);
        // The original is unchanged.
        Assert.Equal(3, Sample.Count);
        Assert.Equal("application/json", Sample.Get("Accept"));
    }

    [Fact]
    public void With_appends_a_new_name()
    {
        var result = Sample.With("Origin", "https://a.example");
        Assert.Equal(4, result.Count);
        Assert.Equal(new HeaderField("Origin", "https://a.example"), result[3]);
    }

    [Fact]
    public void Add_keeps_existing_fields_of_that_name()
    {
        var result = HeaderList.Empty.Add("X", "1").Add("x", "2");
        Assert.Equal([new HeaderField("X", "1"), new HeaderField("x", "2")], result);
        Assert.Equal(["1", "2"], result.GetAll("X"));
    }

    [Fact]
    public void Without_removes_every_field_of_that_name()
    {
        var result = Sample.Without("accept");
        Assert.Equal([new HeaderField("Mcp-Session-Id", "abc")], result);
        Assert.Same(Sample, Sample.Without("Origin"));
        Assert.Equal(HeaderList.Empty, Sample.Without("Accept").Without("Mcp-Session-Id"));
    }

    [Fact]
    public void Equality_and_hash_are_structural()
    {
        var a = HeaderList.Of(("A", "1"), ("B", "2"));
        var b = HeaderList.Empty.Add("A", "1").Add("B", "2");
        Assert.True(a.Equals(b));
        Assert.True(a == b);
        Assert.Equal(a.GetHashCode(), b.GetHashCode());
        Assert.Equal(HeaderList.Of(), HeaderList.Empty);
        Assert.Equal(HeaderList.From([]), HeaderList.Empty);
        Assert.Equal(HeaderList.From([new HeaderField("A", "1"), new HeaderField("B", "2")]), a);
    }

    [Fact]
    public void Equality_counts_order_spelling_and_value()
    {
        var a = HeaderList.Of(("A", "1"), ("B", "2"));
        Assert.False(a.Equals(HeaderList.Of(("B", "2"), ("A", "1"))));
        Assert.False(a.Equals(HeaderList.Of(("a", "1"), ("B", "2"))));
        Assert.False(a.Equals(HeaderList.Of(("A", "1"), ("B", "3"))));
        Assert.False(a.Equals(HeaderList.Of(("A", "1"))));
        Assert.True(a != HeaderList.Of(("A", "1")));
        Assert.False(a.Equals(null));
    }

    [Fact]
    public void Works_as_a_hash_set_key()
    {
        var set = new HashSet<HeaderList> { HeaderList.Of(("A", "1")), HeaderList.Empty.Add("A", "1"), HeaderList.Empty };
        Assert.Equal(2, set.Count);
    }

    [Fact]
    public void Values_are_not_validated_so_a_fuzzer_can_send_bad_ones()
    {
        var list = HeaderList.Of(("Bad Name", "line1\r\nline2"));
        Assert.Equal("line1\r\nline2", list.Get("bad name"));
    }

    [Fact]
    public void ToString_lists_the_fields()
    {
        Assert.Equal("HeaderList { A: 1, B: 2 }", HeaderList.Of(("A", "1"), ("B", "2")).ToString());
    }

    [Fact]
    public void Null_arguments_are_programming_errors()
    {
        Assert.Throws<ArgumentNullException>(() => Sample.Get(null!));
        Assert.Throws<ArgumentNullException>(() => Sample.With("A", null!));
        Assert.Throws<ArgumentNullException>(() => Sample.Add(null!, "x"));
        Assert.Throws<ArgumentNullException>(() => Sample.Without(null!));
    }
}
