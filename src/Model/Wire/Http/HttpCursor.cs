using System.Text;

namespace McpFuzz.Model.Wire.Http;

/// <summary>A read position in one field value, with the grammar pieces of RFC 9110 §5.6 that
/// the parsers here share. Every method advances by at least one char or not at all, so a loop
/// over a value is bounded by its length.</summary>
internal ref struct HttpCursor
{
    private readonly ReadOnlySpan<char> _text;

    public HttpCursor(ReadOnlySpan<char> text)
    {
        _text = text;
        Position = 0;
    }

    public int Position { get; set; }

    public readonly bool AtEnd => Position >= _text.Length;

    /// <summary>The current char; only meaningful when not <see cref="AtEnd"/>.</summary>
    public readonly char Current => _text[Position];

    public readonly bool At(char c) => Position < _text.Length && _text[Position] == c;

    public readonly ReadOnlySpan<char> Slice(int start, int end) => _text[start..end];

    public bool TryConsume(char c)
    {
        if (!At(c)) return false;
        Position++;
        return true;
    }

    /// <summary>Skips OWS (SP / HTAB) and returns how many chars were skipped.</summary>
    public int SkipOws()
    {
        int start = Position;
        while (Position < _text.Length && HttpSyntax.IsOws(_text[Position])) Position++;
        return Position - start;
    }

    /// <summary>Skips SP only (the <c>1*SP</c> of RFC 9110 §11.6.1's challenge).</summary>
    public int SkipSpaces()
    {
        int start = Position;
        while (Position < _text.Length && _text[Position] == ' ') Position++;
        return Position - start;
    }

    /// <summary>Reads the longest run of tchar; empty when the current char is not one.</summary>
    public ReadOnlySpan<char> ReadToken()
    {
        int start = Position;
        while (Position < _text.Length && HttpSyntax.IsTChar(_text[Position])) Position++;
        return _text[start..Position];
    }

    /// <summary>Reads <c>token68</c> (RFC 9110 §11.2): token68 chars then any number of "=".</summary>
    public ReadOnlySpan<char> ReadToken68()
    {
        int start = Position;
        while (Position < _text.Length && HttpSyntax.IsToken68Char(_text[Position])) Position++;
        if (Position == start) return default;
        while (Position < _text.Length && _text[Position] == '=') Position++;
        return _text[start..Position];
    }

    /// <summary>Reads a quoted-string (RFC 9110 §5.6.4) at the current position and returns its
    /// content with quoted-pairs unescaped. False when it is not one or is unterminated; the
    /// position is then unspecified and the caller must resynchronise.</summary>
    public bool TryReadQuotedString(out string value)
    {
        value = "";
        if (!TryConsume('"')) return false;
        int start = Position;
        bool escaped = false;
        while (true)
        {
            if (AtEnd) return false;
            char c = _text[Position];
            if (c == '"') break;
            if (c == '\\')
            {
                if (Position + 1 >= _text.Length || !HttpSyntax.IsQuotedPairChar(_text[Position + 1])) return false;
                escaped = true;
                Position += 2;
            }
            else if (HttpSyntax.IsQdText(c))
            {
                Position++;
            }
            else
            {
                return false;
            }
        }

        ReadOnlySpan<char> raw = _text[start..Position];
        Position++; // closing DQUOTE
        value = escaped ? Unescape(raw) : raw.ToString();
        return true;
    }

    private static string Unescape(ReadOnlySpan<char> raw)
    {
        var builder = new StringBuilder(raw.Length);
        for (int i = 0; i < raw.Length; i++)
        {
            // Validated by the caller: a backslash is always followed by the escaped char.
            if (raw[i] == '\\') i++;
            builder.Append(raw[i]);
        }

        return builder.ToString();
    }

    /// <summary>Reads a token or a quoted-string, the value form shared by media type parameters
    /// (RFC 9110 §5.6.6) and auth-params (§11.2). An empty token is not a value.</summary>
    public bool TryReadTokenOrQuotedString(out string value)
    {
        if (At('"')) return TryReadQuotedString(out value);
        ReadOnlySpan<char> token = ReadToken();
        value = token.ToString();
        return !token.IsEmpty;
    }

    /// <summary>Moves to the next list separator (a comma outside any quoted-string, RFC 9110
    /// §5.6.1) or to the end, so a malformed list element can be skipped.</summary>
    public void SkipToListSeparator()
    {
        while (Position < _text.Length)
        {
            char c = _text[Position];
            if (c == ',') return;
            if (c == '"')
            {
                Position++;
                while (Position < _text.Length && _text[Position] != '"')
                {
                    Position += _text[Position] == '\\' ? 2 : 1;
                }
            }

            Position++;
        }

        Position = _text.Length;
    }

    /// <summary>True at the end of an element: after OWS, the end of the value or a comma.
    /// Leaves the position after the OWS.</summary>
    public bool AtElementEnd()
    {
        SkipOws();
        return AtEnd || At(',');
    }
}
