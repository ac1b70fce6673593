using System.Buffers;

namespace McpFuzz.Model.Wire.Http;

/// <summary>Character classes and comparisons of the HTTP field grammar (RFC 9110 §5.5, §5.6).</summary>
internal static class HttpSyntax
{
    // RFC 9110 §5.6.2: tchar = "!" / "#" / "$" / "%" / "&" / "'" / "*" / "+" / "-" / "." /
    // "^" / "_" / "`" / "|" / "~" / DIGIT / ALPHA
    private static readonly SearchValues<char> TChars = SearchValues.Create(
        "!#$%&'*+-.^_`|~0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz");

    // RFC 9110 §11.2: token68 = 1*( ALPHA / DIGIT / "-" / "." / "_" / "~" / "+" / "/" ) *"="
    private static readonly SearchValues<char> Token68Chars = SearchValues.Create(
        "-._~+/0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz");

    public static bool IsTChar(char c) => TChars.Contains(c);

    public static bool IsToken68Char(char c) => Token68Chars.Contains(c);

    public static bool IsToken(ReadOnlySpan<char> text) => !text.IsEmpty && !text.ContainsAnyExcept(TChars);

    /// <summary>OWS = *( SP / HTAB ) (RFC 9110 §5.6.3).</summary>
    public static bool IsOws(char c) => c is ' ' or '\t';

    /// <summary>VCHAR (RFC 5234 B.1): visible ASCII, 0x21–0x7E.</summary>
    public static bool IsVChar(char c) => c is >= '!' and <= '~';

    /// <summary>obs-text = %x80-FF (RFC 9110 §5.5). A header string may have been decoded as
    /// Latin-1 or as UTF-8; either way a char at or above 0x80 came from such octets.</summary>
    public static bool IsObsText(char c) => c >= '\u0080';

    /// <summary>qdtext = HTAB / SP / %x21 / %x23-5B / %x5D-7E / obs-text (RFC 9110 §5.6.4).</summary>
    public static bool IsQdText(char c) => c is '\t' or ' ' or '!' || (c >= '#' && c <= '[') || (c >= ']' && c <= '~') || IsObsText(c);

    /// <summary>The char after a backslash in a quoted-pair: HTAB / SP / VCHAR / obs-text.</summary>
    public static bool IsQuotedPairChar(char c) => c is '\t' or ' ' || IsVChar(c) || IsObsText(c);

    public static ReadOnlySpan<char> TrimOws(ReadOnlySpan<char> text) => text.Trim(" \t");

    public static char AsciiLower(char c) => c is >= 'A' and <= 'Z' ? (char)(c + ('a' - 'A')) : c;

    /// <summary>Case-insensitive in ASCII only, as RFC 9110 means for field names, tokens and
    /// parameter names; other chars must match exactly.</summary>
    public static bool AsciiEqualsIgnoreCase(ReadOnlySpan<char> a, ReadOnlySpan<char> b)
    {
        if (a.Length != b.Length) return false;
        for (int i = 0; i < a.Length; i++)
        {
            if (a[i] != b[i] && AsciiLower(a[i]) != AsciiLower(b[i])) return false;
        }

        return true;
    }

    /// <summary>A hash consistent with <see cref="AsciiEqualsIgnoreCase"/>.</summary>
    public static int AsciiIgnoreCaseHash(ReadOnlySpan<char> text)
    {
        var hash = new HashCode();
        foreach (char c in text) hash.Add(AsciiLower(c));
        return hash.ToHashCode();
    }

    /// <summary>Lower-cases ASCII letters; used only on tokens, which are ASCII.</summary>
    public static string AsciiToLower(ReadOnlySpan<char> token)
    {
        return string.Create(token.Length, token, static (dest, src) =>
        {
            for (int i = 0; i < src.Length; i++) dest[i] = AsciiLower(src[i]);
        });
    }

    /// <summary>A parameter value as a token when it is one, else as a quoted-string with
    /// "\" and DQUOTE escaped (RFC 9110 §5.6.4).</summary>
    public static string FormatParameterValue(string value) =>
        IsToken(value) ? value : "\"" + value.Replace("\\", "\\\\").Replace("\"", "\\\"") + "\"";
}
