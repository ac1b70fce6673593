namespace McpFuzz.Model.Wire.Http;

/// <summary>The <c>qvalue</c> grammar of RFC 9110 §12.4.2.</summary>
internal static class QualityValue
{
    /// <summary>Parses <c>qvalue = ( "0" [ "." 0*3DIGIT ] ) / ( "1" [ "." 0*3("0") ] )</c> into
    /// thousandths. Anything else (<c>.5</c>, <c>0.1234</c>, <c>1.5</c>, <c>-0</c>) is false.</summary>
    public static bool TryParse(ReadOnlySpan<char> text, out int thousandths)
    {
        thousandths = 0;
        if (text.IsEmpty || text.Length > 5 || text[0] is not ('0' or '1')) return false;
        int whole = text[0] - '0';
        if (text.Length == 1)
        {
            thousandths = whole * 1000;
            return true;
        }

        if (text[1] != '.') return false;
        int fraction = 0;
        int scale = 100;
        foreach (char c in text[2..])
        {
            if (c is < '0' or > '9') return false;
            fraction += (c - '0') * scale;
            scale /= 10;
        }

        if (whole == 1 && fraction != 0) return false;
        thousandths = whole * 1000 + fraction;
        return true;
    }
}
