using McpFuzz.Model.Revisions;
using McpFuzz.Model.Wire.Http;

namespace McpFuzz.Tests.Wire.Http;

public class ProtocolVersionHeaderTests
{
    [Theory]
    [InlineData("2024-11-05", Revision.V2024_11_05)]
    [InlineData("2025-03-26", Revision.V2025_03_26)]
    [InlineData("2025-06-18", Revision.V2025_06_18)]
    [InlineData("2025-11-25", Revision.V2025_11_25)]
    [InlineData("2026-07-28", Revision.V2026_07_28)]
    [InlineData(" 2025-06-18 ", Revision.V2025_06_18)]
    [InlineData("\t2025-06-18\t ", Revision.V2025_06_18)]
    public void Published_revisions_are_known(string value, Revision expected)
    {
        var result = ProtocolVersionHeader.Classify(value);
        Assert.Equal(new ProtocolVersionClassification(ProtocolVersionKind.Known, expected), result);
        Assert.True(result.IsKnown);
    }

    [Fact]
    public void Every_revision_round_trips_through_its_text()
    {
        foreach (var revision in Revisions.All)
        {
            Assert.Equal(ProtocolVersionClassification.Known(revision), ProtocolVersionHeader.Classify(revision.ToText()));
        }
    }

    [Theory]
    [InlineData("2027-01-01")]
    [InlineData("2025-06-19")]
    [InlineData("1999-12-31")]
    [InlineData("2025-13-45")]
    [InlineData("0000-00-00")]
    [InlineData(" 9999-99-99 ")]
    public void Other_date_shaped_values_are_unknown_dates(string value)
    {
        var result = ProtocolVersionHeader.Classify(value);
        Assert.Equal(ProtocolVersionKind.UnknownDate, result.Kind);
        Assert.Null(result.Revision);
        Assert.False(result.IsKnown);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData("2025-6-18")]
    [InlineData("2025-06-18Z")]
    [InlineData("2025/06/18")]
    [InlineData("20250618")]
    [InlineData("2025-06-1a")]
    [InlineData("2025-06-18, 2025-06-18")]
    [InlineData("\"2025-06-18\"")]
    [InlineData("2025-06-18\r\n")]
    [InlineData("\u0662\u0660\u0662\u0665-06-18")] // Arabic-Indic digits are not ASCII digits
    [InlineData("2025\u201106-18")]
    [InlineData("latest")]
    [InlineData("v2025-06-18")]
    public void Anything_else_is_malformed(string? value)
    {
        Assert.Equal(ProtocolVersionClassification.Malformed, ProtocolVersionHeader.Classify(value));
    }

    [Fact]
    public void Oversized_padding_is_malformed()
    {
        string value = new string(' ', HttpFieldLimits.MaxValueLength) + "2025-06-18";
        Assert.Equal(ProtocolVersionKind.Malformed, ProtocolVersionHeader.Classify(value).Kind);
    }
}
