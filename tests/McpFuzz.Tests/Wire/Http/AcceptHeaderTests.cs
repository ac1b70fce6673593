using McpFuzz.Model.Wire.Http;

namespace McpFuzz.Tests.Wire.Http;

public class AcceptHeaderTests
{
    [Fact]
    public void Parses_the_header_mcp_clients_send()
    {
        var accept = AcceptHeader.Parse("application/json, text/event-stream");
        Assert.True(accept.IsPresent);
        Assert.False(accept.IsEmpty);
        Assert.Equal(0, accept.SkippedElements);
        Assert.Equal(
            [
                new MediaRange("application", "json", HttpParameters.Empty, 1000),
                new MediaRange("text", "event-stream", HttpParameters.Empty, 1000),
            ],
            accept.Ranges);
        Assert.True(accept.ListsJsonAndEventStream);
        Assert.True(accept.ListsEventStream);
    }

    [Fact]
    public void Parses_weights_wildcards_and_parameters()
    {
        var accept = AcceptHeader.Parse("text/*;q=0.3, text/plain;format=flowed;Q=0.7 , */*; q=0.001,text/html;level=1;q=1.000");
        Assert.Equal(
            [
                new MediaRange("text", "*", HttpParameters.Empty, 300),
                new MediaRange("text", "plain", HttpParameters.From([new("format", "flowed")]), 700),
                new MediaRange("*", "*", HttpParameters.Empty, 1),
                new MediaRange("text", "html", HttpParameters.From([new("level", "1")]), 1000),
            ],
            accept.Ranges);
    }

    [Theory]
    [InlineData("0", 0)]
    [InlineData("0.", 0)]
    [InlineData("0.5", 500)]
    [InlineData("0.05", 50)]
    [InlineData("0.123", 123)]
    [InlineData("0.000", 0)]
    [InlineData("1", 1000)]
    [InlineData("1.", 1000)]
    [InlineData("1.0", 1000)]
    [InlineData("1.000", 1000)]
    public void Valid_qvalues(string q, int expected)
    {
        var accept = AcceptHeader.Parse("text/plain;q=" + q);
        Assert.Equal(expected, Assert.Single(accept.Ranges).Quality);
    }

    [Theory]
    [InlineData("text/plain;q=.5")]
    [InlineData("text/plain;q=0.1234")]
    [InlineData("text/plain;q=1.001")]
    [InlineData("text/plain;q=1.5")]
    [InlineData("text/plain;q=2")]
    [InlineData("text/plain;q=-0")]
    [InlineData("text/plain;q=")]
    [InlineData("text/plain;q=\"0.5\"")]
    [InlineData("*/plain")]
    [InlineData("*")]
    [InlineData("text")]
    [InlineData("text/")]
    [InlineData("text/plain;q")]
    [InlineData("text/plain junk")]
    [InlineData("t\u00e9xt/plain")]
    public void Malformed_elements_are_skipped(string element)
    {
        var accept = AcceptHeader.Parse(element + ", application/json");
        Assert.Equal([new MediaRange("application", "json", HttpParameters.Empty, 1000)], accept.Ranges);
        Assert.Equal(1, accept.SkippedElements);
        Assert.False(accept.IsEmpty);
    }

    [Fact]
    public void A_comma_inside_a_quoted_string_does_not_split_a_skipped_element()
    {
        var accept = AcceptHeader.Parse("text/plain;x=\"a, b\" junk, application/json");
        Assert.Equal(1, accept.SkippedElements);
        Assert.Equal("json", Assert.Single(accept.Ranges).Subtype);
    }

    [Fact]
    public void An_escaped_quote_does_not_end_the_quoted_string_of_a_skipped_element()
    {
        var accept = AcceptHeader.Parse("text/plain;x=\"a\\\", b\" junk, application/json");
        Assert.Equal(1, accept.SkippedElements);
        Assert.Equal("json", Assert.Single(accept.Ranges).Subtype);
    }

    [Fact]
    public void An_unterminated_quoted_string_swallows_the_rest()
    {
        var accept = AcceptHeader.Parse("application/json, text/plain;x=\"a, text/event-stream");
        Assert.Equal(1, accept.SkippedElements);
        Assert.Equal("json", Assert.Single(accept.Ranges).Subtype);
    }

    [Fact]
    public void The_first_q_is_the_weight_and_later_ones_are_ignored()
    {
        var range = Assert.Single(AcceptHeader.Parse("text/plain;q=0.5;a=1;q=0.9").Ranges);
        Assert.Equal(500, range.Quality);
        Assert.Equal(HttpParameters.From([new("a", "1")]), range.Parameters);
    }

    [Theory]
    [InlineData(null, false, true)]
    [InlineData("", true, true)]
    [InlineData("  ", true, true)]
    [InlineData(" , ,, ", true, true)]
    [InlineData("garbage", true, false)]
    public void Presence_and_emptiness(string? value, bool present, bool empty)
    {
        var accept = AcceptHeader.Parse(value);
        Assert.Equal(present, accept.IsPresent);
        Assert.Equal(empty, accept.IsEmpty);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData(" , ")]
    public void An_absent_or_empty_header_allows_everything_but_lists_nothing(string? value)
    {
        var accept = AcceptHeader.Parse(value);
        Assert.True(accept.Allows("application/json"));
        Assert.True(accept.Allows("image/png"));
        Assert.Equal(1000, accept.QualityOf("text/event-stream"));
        Assert.False(accept.Lists("application/json"));
        Assert.False(accept.ListsJsonAndEventStream);
        Assert.False(accept.ListsEventStream);
    }

    [Fact]
    public void A_header_of_only_malformed_elements_allows_nothing()
    {
        var accept = AcceptHeader.Parse("garbage, more garbage");
        Assert.Equal(2, accept.SkippedElements);
        Assert.False(accept.Allows("application/json"));
    }

    [Theory]
    // RFC 9110 §12.5.1 example: text/*;q=0.3, text/plain;q=0.7, text/plain;format=flowed,
    // text/plain;format=fixed;q=0.4, */*;q=0.5
    [InlineData("text/plain;format=flowed", 1000)]
    [InlineData("text/plain", 700)]
    [InlineData("text/html", 300)]
    [InlineData("image/jpeg", 500)]
    [InlineData("text/plain;format=fixed", 400)]
    [InlineData("text/html;level=3", 300)]
    public void The_most_specific_matching_range_decides(string mediaType, int expected)
    {
        var accept = AcceptHeader.Parse(
            "text/*;q=0.3, text/plain;q=0.7, text/plain;format=flowed, text/plain;format=fixed;q=0.4, */*;q=0.5");
        Assert.Equal(expected, accept.QualityOf(mediaType));
        Assert.True(accept.Allows(mediaType));
    }

    [Fact]
    public void Q_zero_means_not_acceptable_even_under_a_wildcard()
    {
        var accept = AcceptHeader.Parse("*/*, text/event-stream;q=0");
        Assert.True(accept.Allows("application/json"));
        Assert.False(accept.Allows("text/event-stream"));
        Assert.False(accept.Lists("text/event-stream"));
        Assert.Equal(0, accept.QualityOf("text/event-stream"));
    }

    [Fact]
    public void A_range_that_matches_nothing_allows_nothing_else()
    {
        var accept = AcceptHeader.Parse("application/json");
        Assert.True(accept.Allows("application/json"));
        Assert.True(accept.Allows("application/json; charset=utf-8"));
        Assert.False(accept.Allows("text/event-stream"));
    }

    [Fact]
    public void Among_equally_specific_ranges_the_first_wins()
    {
        Assert.Equal(0, AcceptHeader.Parse("text/plain;q=0, text/plain").QualityOf("text/plain"));
        Assert.Equal(1000, AcceptHeader.Parse("text/plain, text/plain;q=0").QualityOf("text/plain"));
    }

    [Fact]
    public void Range_parameters_must_be_present_in_the_media_type()
    {
        var accept = AcceptHeader.Parse("application/json;charset=utf-8");
        Assert.True(accept.Allows("application/json; charset=UTF-8"));
        Assert.False(accept.Allows("application/json"));
        Assert.False(accept.Allows("application/json; charset=latin1"));
    }

    [Theory]
    [InlineData("application/json, text/event-stream", true, true)]
    [InlineData("text/event-stream, application/json", true, true)]
    [InlineData("APPLICATION/JSON, Text/Event-Stream", true, true)]
    [InlineData("application/json;charset=utf-8, text/event-stream;q=0.1", true, true)]
    [InlineData("application/json", false, false)]
    [InlineData("text/event-stream", false, true)]
    [InlineData("*/*", false, false)]
    [InlineData("application/*, text/*", false, false)]
    [InlineData("application/json, text/event-stream;q=0", false, false)]
    [InlineData("application/json;q=0, text/event-stream", false, true)]
    [InlineData("application/json;q=0, application/json;q=0.5, text/event-stream", true, true)]
    [InlineData("application/json-seq, text/event-streams", false, false)]
    [InlineData("application/json text/event-stream", false, false)]
    public void Lists_requires_explicit_entries_with_positive_weight(string value, bool post, bool get)
    {
        var accept = AcceptHeader.Parse(value);
        Assert.Equal(post, accept.ListsJsonAndEventStream);
        Assert.Equal(get, accept.ListsEventStream);
    }

    [Fact]
    public void Lists_ignores_parameters_of_the_argument()
    {
        Assert.True(AcceptHeader.Parse("application/json").Lists("Application/JSON; charset=utf-8"));
    }

    [Theory]
    [InlineData("")]
    [InlineData("json")]
    [InlineData("*/*")]
    [InlineData("text/*")]
    [InlineData("application/json,")]
    public void Malformed_or_wildcard_arguments_are_never_allowed_or_listed(string mediaType)
    {
        foreach (var accept in new[] { AcceptHeader.Absent, AcceptHeader.Parse("*/*, text/*"), AcceptHeader.Parse("*/*") })
        {
            Assert.False(accept.Allows(mediaType));
            Assert.False(accept.Lists(mediaType));
            Assert.Equal(0, accept.QualityOf(mediaType));
        }

        Assert.False(AcceptHeader.Absent.Allows(null!));
    }

    [Fact]
    public void An_oversized_header_is_one_skipped_element()
    {
        var accept = AcceptHeader.Parse("application/json," + new string(' ', HttpFieldLimits.MaxValueLength));
        Assert.True(accept.IsPresent);
        Assert.Empty(accept.Ranges);
        Assert.Equal(1, accept.SkippedElements);
        Assert.False(accept.Allows("application/json"));
    }

    [Fact]
    public void Equality_is_structural()
    {
        var a = AcceptHeader.Parse("application/json, text/event-stream;q=0.5");
        var b = AcceptHeader.Parse("Application/Json ,text/event-stream; Q=0.500");
        Assert.Equal(a, b);
        Assert.Equal(a.GetHashCode(), b.GetHashCode());
        Assert.NotEqual(a, AcceptHeader.Parse("text/event-stream;q=0.5, application/json"));
        Assert.NotEqual(AcceptHeader.Absent, AcceptHeader.Parse(""));
        Assert.Equal(AcceptHeader.Absent, AcceptHeader.Parse(null));
    }

    [Theory]
    [InlineData("text/plain;q=0.5", "text/plain;q=0.5")]
    [InlineData("text/plain;q=0.05", "text/plain;q=0.05")]
    [InlineData("text/plain;q=0", "text/plain;q=0")]
    [InlineData("text/plain;q=1", "text/plain")]
    [InlineData("*/*;a=\"x y\";q=0.125", "*/*;a=\"x y\";q=0.125")]
    public void MediaRange_ToString_is_canonical(string value, string expected)
    {
        Assert.Equal(expected, Assert.Single(AcceptHeader.Parse(value).Ranges).ToString());
    }
}
