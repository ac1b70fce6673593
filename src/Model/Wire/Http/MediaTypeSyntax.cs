namespace McpFuzz.Model.Wire.Http;

/// <summary>The grammar shared by <c>Content-Type</c> and <c>Accept</c> (RFC 9110 §8.3.1, §5.6.6).</summary>
internal static class MediaTypeSyntax
{
    /// <summary>Reads <c>type "/" subtype</c>, both tokens, lower-cased (they are case-insensitive,
    /// RFC 9110 §8.3.1).</summary>
    public static bool TryReadTypeAndSubtype(ref HttpCursor cursor, out string type, out string subtype)
    {
        type = subtype = "";
        ReadOnlySpan<char> typeToken = cursor.ReadToken();
        if (typeToken.IsEmpty || !cursor.TryConsume('/')) return false;
        ReadOnlySpan<char> subtypeToken = cursor.ReadToken();
        if (subtypeToken.IsEmpty) return false;
        type = HttpSyntax.AsciiToLower(typeToken);
        subtype = HttpSyntax.AsciiToLower(subtypeToken);
        return true;
    }

    /// <summary>Reads <c>parameters = *( OWS ";" OWS [ parameter ] )</c> with
    /// <c>parameter = parameter-name "=" parameter-value</c> (RFC 9110 §5.6.6): no whitespace is
    /// allowed around "=", and empty parameters (";;") are allowed. Stops before the first char
    /// that cannot continue the list; false only on a malformed parameter.</summary>
    public static bool TryReadParameters(ref HttpCursor cursor, List<RawParameter> into)
    {
        while (true)
        {
            int beforeOws = cursor.Position;
            cursor.SkipOws();
            if (!cursor.TryConsume(';'))
            {
                cursor.Position = beforeOws;
                return true;
            }

            cursor.SkipOws();
            ReadOnlySpan<char> name = cursor.ReadToken();
            if (name.IsEmpty) continue; // an empty parameter; whatever follows is judged next round
            if (!cursor.TryConsume('=')) return false;
            bool quoted = cursor.At('"');
            if (!cursor.TryReadTokenOrQuotedString(out string value)) return false;
            into.Add(new RawParameter(name.ToString(), value, quoted));
        }
    }
}
