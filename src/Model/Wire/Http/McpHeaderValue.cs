using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using System.Text;
using System.Text.Unicode;

namespace McpFuzz.Model.Wire.Http;

/// <summary>The value encoding of <c>Mcp-Name</c> and <c>Mcp-Param-{Name}</c>
/// (2026-07-28/basic/transports/streamable-http#value-encoding): a value that cannot travel as
/// plain header text is sent as <c>=?base64?{Base64 of its UTF-8 bytes}?=</c>.</summary>
public static class McpHeaderValue
{
    /// <summary>Opening marker of the encoded form; lowercase and case-sensitive.</summary>
    public const string SentinelPrefix = "=?base64?";

    /// <summary>Closing marker of the encoded form.</summary>
    public const string SentinelSuffix = "?=";

    /// <summary>JavaScript's <c>Number.MAX_SAFE_INTEGER</c>, 2^53 − 1: the spec limits integer
    /// parameters to the range a JSON number survives in every implementation.</summary>
    public const long MaxSafeInteger = (1L << 53) - 1;

    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    /// <summary>Whether <paramref name="value"/> must be sent encoded. It may be sent plain only if
    /// it is non-empty, every char is in 0x20–0x7E (so no control chars, TAB included, and nothing
    /// outside ASCII), it has no leading or trailing space (HTTP would strip it, RFC 9110 §5.5),
    /// and it does not look like the sentinel (else a decoder would decode it).</summary>
    /// <remarks>The empty string is encoded (as <c>=?base64??=</c>): the spec does not say, and an
    /// empty field value is easily dropped or refused by HTTP stacks, which would lose the header.
    /// "Looks like the sentinel" is checked loosely (prefix and suffix may overlap, as in
    /// <c>=?base64?=</c>), so every plain value is certain to decode to itself.</remarks>
    public static bool NeedsEncoding(string value)
    {
        ArgumentNullException.ThrowIfNull(value);
        if (value.Length == 0 || value[0] == ' ' || value[^1] == ' ') return true;
        foreach (char c in value)
        {
            if (c is < ' ' or > '~') return true;
        }

        return value.StartsWith(SentinelPrefix, StringComparison.Ordinal) &&
               value.EndsWith(SentinelSuffix, StringComparison.Ordinal);
    }

    /// <summary>The header value for <paramref name="value"/>: itself when it may be sent plain
    /// (<see cref="NeedsEncoding"/>), else the sentinel form with standard, padded Base64.</summary>
    /// <exception cref="ArgumentException">The value has a lone surrogate, so it has no UTF-8 form
    /// (a JSON string carrying one could not be mirrored faithfully either).</exception>
    public static string Encode(string value)
    {
        if (!NeedsEncoding(value)) return value;
        byte[] utf8 = StrictUtf8.GetBytes(value);
        return SentinelPrefix + Convert.ToBase64String(utf8) + SentinelSuffix;
    }

    /// <summary>Reads a received value. A value with the exact lowercase markers (at least
    /// <c>=?base64??=</c>) is decoded: the Base64 must be canonical (<see cref="StrictBase64"/>)
    /// and the bytes valid UTF-8, else false. Any other value is taken literally and must be a
    /// valid field value (RFC 9110 §5.5): chars SP, HTAB or visible ASCII, with no leading or
    /// trailing SP/HTAB; control chars (CR, LF, NUL, DEL ...) and non-ASCII give false. Values are
    /// case-sensitive and are returned exactly.</summary>
    public static bool TryDecode(string? headerValue, [NotNullWhen(true)] out string? value)
    {
        value = null;
        if (headerValue is null || headerValue.Length > HttpFieldLimits.MaxValueLength) return false;
        if (IsSentinel(headerValue))
        {
            ReadOnlySpan<char> payload = headerValue.AsSpan(SentinelPrefix.Length, headerValue.Length - SentinelPrefix.Length - SentinelSuffix.Length);
            if (!StrictBase64.TryDecode(payload, out byte[] bytes) || !Utf8.IsValid(bytes)) return false;
            value = Encoding.UTF8.GetString(bytes);
            return true;
        }

        if (!IsFieldValue(headerValue)) return false;
        value = headerValue;
        return true;
    }

    /// <summary>The spec's type conversion for an integer argument: its decimal form.</summary>
    /// <exception cref="ArgumentOutOfRangeException">Beyond ±(2^53 − 1): the caller should not
    /// mirror such an argument.</exception>
    public static string EncodeInteger(long value)
    {
        if (value is > MaxSafeInteger or < -MaxSafeInteger)
        {
            throw new ArgumentOutOfRangeException(nameof(value), value, "Integer header values must be within ±(2^53 − 1).");
        }

        return value.ToString(CultureInfo.InvariantCulture);
    }

    /// <summary>The spec's type conversion for a boolean argument: lowercase <c>true</c> or <c>false</c>.</summary>
    public static string EncodeBoolean(bool value) => value ? "true" : "false";

    private static bool IsSentinel(string text) =>
        text.Length >= SentinelPrefix.Length + SentinelSuffix.Length &&
        text.StartsWith(SentinelPrefix, StringComparison.Ordinal) &&
        text.EndsWith(SentinelSuffix, StringComparison.Ordinal);

    // field-value = *field-content; field-content = field-vchar [ 1*( SP / HTAB / field-vchar ) field-vchar ]
    // (RFC 9110 §5.5). obs-text is excluded: MCP header values are ASCII.
    private static bool IsFieldValue(string text)
    {
        if (text.Length > 0 && (HttpSyntax.IsOws(text[0]) || HttpSyntax.IsOws(text[^1]))) return false;
        foreach (char c in text)
        {
            if (!HttpSyntax.IsVChar(c) && !HttpSyntax.IsOws(c)) return false;
        }

        return true;
    }
}
