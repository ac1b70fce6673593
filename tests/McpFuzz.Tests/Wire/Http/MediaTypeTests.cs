using McpFuzz.Model.Wire.Http;

namespace McpFuzz.Tests.Wire.Http;

public class MediaTypeTests
{
    private static MediaType Parse(string value)
    {
        Assert.True(MediaType.TryParse(value, out var mediaType), value);
        return mediaType;
    }

    [Fact]
    public void Parses_type_and_subtype()
    {
        var m = Parse("application/json");
        Assert.Equal("application", m.Type);
        Assert.Equal("json", m.Subtype);
        Assert.Equal("application/json", m.Essence);
        Assert.Empty(m.Parameters);
        Assert.True(m.IsJson);
        Assert.False(m.IsEventStream);
    }

    [Fact]
    public void Type_and_subtype_are_lowercased()
    {
        var m = Parse("Text/Event-Stream");
        Assert.Equal("text", m.Type);
        Assert.Equal("event-stream", m.Subtype);
        Assert.True(m.IsEventStream);
    }

    [Theory]
    [InlineData("application/json; charset=utf-8", "charset", "utf-8")]
    [InlineData("application/json;charset=UTF-8", "charset", "UTF-8")]
    [InlineData("application/json ; CHARSET=utf-8", "charset", "utf-8")]
    [InlineData("application/json;\tcharset=\"utf-8\"", "Charset", "utf-8")]
    [InlineData("text/plain; x=\"a \\\"b\\\" \\\\c\"", "x", "a \"b\" \\c")]
    [InlineData("text/plain; x=\"\"", "x", "")]
    [InlineData("text/plain; x=\"a,b;c=d\"", "x", "a,b;c=d")]
    [InlineData("text/plain; x=\"caf\u00e9\"", "x", "caf\u00e9")]
    public void Parameters_are_tokens_or_quoted_strings(string value, string name, string expected)
    {
        var m = Parse(value);
        Assert.Single(m.Parameters);
        Assert.Equal(expected, m.Parameters.Get(name));
        Assert.Equal(expected, m.Parameters[name.ToUpperInvariant()]);
    }

    [Fact]
    public void Several_parameters_keep_their_order_and_the_first_of_a_repeat()
    {
        var m = Parse("text/plain; a=1; B=2; a=3");
        Assert.Equal([new KeyValuePair<string, string>("a", "1"), new KeyValuePair<string, string>("B", "2")], m.Parameters);
    }

    [Theory]
    [InlineData("  application/json  ")]
    [InlineData("\tapplication/json\t")]
    [InlineData("application/json;")]
    [InlineData("application/json;;")]
    [InlineData("application/json ; ")]
    [InlineData("application/json; ;charset=utf-8")]
    public void Surrounding_ows_and_empty_parameters_are_allowed(string value)
    {
        var m = Parse(value);
        Assert.True(m.IsJson);
    }

    [Theory]
    [InlineData("application/json")]
    [InlineData("application/json; charset=utf-8")]
    [InlineData("APPLICATION/JSON")]
    public void IsJson_accepts_application_json_with_any_parameters(string value)
    {
        Assert.True(MediaType.IsJsonContentType(value));
    }

    [Theory]
    [InlineData("application/jsonl")]
    [InlineData("application/json-seq")]
    [InlineData("application/vnd.api+json")]
    [InlineData("text/json")]
    [InlineData("text/event-stream")]
    [InlineData("application/json, text/event-stream")]
    [InlineData(null)]
    public void IsJson_rejects_everything_else(string? value)
    {
        Assert.False(MediaType.IsJsonContentType(value));
    }

    [Theory]
    [InlineData("text/event-stream", true)]
    [InlineData("text/event-stream; charset=utf-8", true)]
    [InlineData("TEXT/EVENT-STREAM", true)]
    [InlineData("text/event-streams", false)]
    [InlineData("application/json", false)]
    [InlineData("text/*", false)]
    public void IsEventStream_is_exactly_text_event_stream(string value, bool expected)
    {
        Assert.Equal(expected, MediaType.IsEventStreamContentType(value));
    }

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData("application")]
    [InlineData("application/")]
    [InlineData("/json")]
    [InlineData("application /json")]
    [InlineData("application/ json")]
    [InlineData("application/json/x")]
    [InlineData("application/json charset=utf-8")]
    [InlineData("application/json; charset")]
    [InlineData("application/json; charset=")]
    [InlineData("application/json; charset = utf-8")]
    [InlineData("application/json; charset=utf 8")]
    [InlineData("application/json; charset=\"utf-8")]
    [InlineData("application/json; charset=\"a\\\"")]
    [InlineData("application/json; =utf-8")]
    [InlineData("application/json, text/html")]
    [InlineData("appl\u00efcation/json")]
    [InlineData("application/json\r\n")]
    [InlineData("application/json; x=\"a\rb\"")]
    [InlineData("application/json; x=\"a\\\u0001\"")]
    [InlineData("application/json; x=\u00e9")]
    [InlineData("application/json\u0000")]
    public void Malformed_values_do_not_parse(string value)
    {
        Assert.False(MediaType.TryParse(value, out var m));
        Assert.Null(m);
    }

    [Fact]
    public void Null_and_oversized_values_do_not_parse()
    {
        Assert.False(MediaType.TryParse(null, out _));
        string huge = "text/plain; x=" + new string('a', HttpFieldLimits.MaxValueLength);
        Assert.False(MediaType.TryParse(huge, out _));
        string atLimit = "text/plain; x=" + new string('a', HttpFieldLimits.MaxValueLength - 14);
        Assert.Equal(HttpFieldLimits.MaxValueLength, atLimit.Length);
        Assert.True(MediaType.TryParse(atLimit, out _));
    }

    [Fact]
    public void Equality_is_structural_and_ignores_parameter_order_and_name_case()
    {
        var a = Parse("text/plain; a=1; b=2");
        var b = Parse("TEXT/Plain;B=2;A=\"1\"");
        Assert.Equal(a, b);
        Assert.Equal(a.GetHashCode(), b.GetHashCode());
        Assert.NotEqual(a, Parse("text/plain; a=1; b=3"));
        Assert.NotEqual(a, Parse("text/plain; a=1"));
        Assert.NotEqual(Parse("text/plain; a=x"), Parse("text/plain; a=X"));
    }

    [Theory]
    [InlineData("application/json", "application/json")]
    [InlineData("Application/JSON ;charset=utf-8", "application/json;charset=utf-8")]
    [InlineData("text/plain; x=\"a b\"", "text/plain;x=\"a b\"")]
    [InlineData("text/plain; x=\"a\\\"b\"", "text/plain;x=\"a\\\"b\"")]
    [InlineData("text/plain; x=\"\"", "text/plain;x=\"\"")]
    public void ToString_writes_a_canonical_value_that_parses_back(string value, string expected)
    {
        var m = Parse(value);
        Assert.Equal(expected, m.ToString());
        Assert.Equal(m, Parse(m.ToString()));
    }
}
