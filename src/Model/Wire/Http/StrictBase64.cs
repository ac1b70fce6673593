namespace McpFuzz.Model.Wire.Http;

/// <summary>Base64 with the standard alphabet and padding (RFC 4648 §4), decoded strictly.</summary>
internal static class StrictBase64
{
    /// <summary>Decodes only the canonical encoding: length a multiple of 4, alphabet chars only
    /// (no whitespace, no URL-safe alphabet), "=" only as final padding, and zero pad bits
    /// (RFC 4648 §3.5 lets decoders reject non-canonical input). Each byte string then has exactly
    /// one accepted encoding, which is what <see cref="Convert.ToBase64String(byte[])"/> writes.</summary>
    public static bool TryDecode(ReadOnlySpan<char> text, out byte[] bytes)
    {
        bytes = [];
        if (text.Length % 4 != 0) return false;
        int padding = text.EndsWith("==") ? 2 : text.EndsWith("=") ? 1 : 0;
        ReadOnlySpan<char> data = text[..^padding];
        int lastSextet = 0;
        foreach (char c in data)
        {
            lastSextet = SextetOf(c);
            if (lastSextet < 0) return false;
        }

        // One "=": the last data char carries 2 unused bits; "==": 4 unused bits. They must be zero.
        if (padding == 1 && (lastSextet & 0b11) != 0) return false;
        if (padding == 2 && (lastSextet & 0b1111) != 0) return false;

        bytes = new byte[text.Length / 4 * 3 - padding];
        return Convert.TryFromBase64Chars(text, bytes, out int written) && written == bytes.Length;
    }

    private static int SextetOf(char c) => c switch
    {
        >= 'A' and <= 'Z' => c - 'A',
        >= 'a' and <= 'z' => c - 'a' + 26,
        >= '0' and <= '9' => c - '0' + 52,
        '+' => 62,
        '/' => 63,
        _ => -1,
    };
}
