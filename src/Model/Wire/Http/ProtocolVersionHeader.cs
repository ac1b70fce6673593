using McpFuzz.Model.Revisions;

namespace McpFuzz.Model.Wire.Http;

/// <summary>Classifies <c>MCP-Protocol-Version</c> values (2025-06-18/basic/transports#protocol-version-header).</summary>
public static class ProtocolVersionHeader
{
    private const int DateLength = 10; // YYYY-MM-DD

    /// <summary>Trims OWS (RFC 9110 §5.5: it is not part of the field value), then: a published
    /// revision date (exact, ordinal) is <see cref="ProtocolVersionKind.Known"/>; any other string
    /// of the shape <c>DDDD-DD-DD</c> with ASCII digits is <see cref="ProtocolVersionKind.UnknownDate"/>
    /// (month and day are not range-checked: "2025-13-45" is a bogus version, not a malformed one);
    /// everything else, including null, empty and a comma-joined repeat, is
    /// <see cref="ProtocolVersionKind.Malformed"/>.</summary>
    public static ProtocolVersionClassification Classify(string? value)
    {
        if (value is null || value.Length > HttpFieldLimits.MaxValueLength) return ProtocolVersionClassification.Malformed;
        ReadOnlySpan<char> text = HttpSyntax.TrimOws(value);
        if (Revisions.Revisions.TryParse(text, out Revision revision)) return ProtocolVersionClassification.Known(revision);
        return IsDateShaped(text) ? ProtocolVersionClassification.UnknownDate : ProtocolVersionClassification.Malformed;
    }

    private static bool IsDateShaped(ReadOnlySpan<char> text)
    {
        if (text.Length != DateLength) return false;
        for (int i = 0; i < DateLength; i++)
        {
            bool ok = i is 4 or 7 ? text[i] == '-' : char.IsAsciiDigit(text[i]);
            if (!ok) return false;
        }

        return true;
    }
}
