namespace McpFuzz.Model.Wire.Http;

/// <summary>Parses <c>WWW-Authenticate</c> values (RFC 9110 §11.6.1).</summary>
public static class WwwAuthenticate
{
    /// <summary>The challenges that could be parsed from <paramref name="value"/>, in order;
    /// empty for null or garbage. See <see cref="TryParse"/>.</summary>
    public static IReadOnlyList<AuthChallenge> Parse(string? value)
    {
        TryParse(value, out var challenges);
        return challenges;
    }

    /// <summary>Parses <c>#challenge</c>, where <c>challenge = auth-scheme [ 1*SP ( token68 /
    /// #auth-param ) ]</c> and <c>auth-param = token BWS "=" BWS ( token / quoted-string )</c>.
    /// Several challenges share the one comma-separated list: an element <c>token BWS "="</c> is
    /// a parameter of the current challenge, any other token starts a new challenge.
    /// Returns false, with the challenges it could parse, when <paramref name="value"/> is null,
    /// longer than <see cref="HttpFieldLimits.MaxValueLength"/>, or not well-formed. A malformed
    /// challenge is dropped whole, together with the parameters that follow it, up to the next
    /// element that starts a challenge; a repeated parameter name keeps the first value (RFC 9110
    /// §11.2 says each name occurs once) and makes the value not well-formed.</summary>
    public static bool TryParse(string? value, out IReadOnlyList<AuthChallenge> challenges)
    {
        challenges = ValueList<AuthChallenge>.Empty;
        if (value is null || value.Length > HttpFieldLimits.MaxValueLength) return false;
        var parser = new ChallengeListParser(value);
        bool wellFormed = parser.Run();
        challenges = ValueList<AuthChallenge>.From(parser.Challenges);
        return wellFormed;
    }

    /// <summary>The first <c>Bearer</c> challenge, or null.</summary>
    public static AuthChallenge? FindBearer(IReadOnlyList<AuthChallenge> challenges)
    {
        ArgumentNullException.ThrowIfNull(challenges);
        return challenges.FirstOrDefault(c => c.IsBearer);
    }

    /// <summary>Parser state over one value. The builder fields describe the challenge in
    /// progress; <see cref="_discarding"/> is set after a syntax error until a new scheme.</summary>
    private ref struct ChallengeListParser
    {
        private HttpCursor _cursor;
        private string? _scheme;
        private string? _token68;
        private List<KeyValuePair<string, string>> _parameters;
        private bool _discarding;
        private bool _wellFormed;

        public ChallengeListParser(string value)
        {
            _cursor = new HttpCursor(value);
            _parameters = [];
            Challenges = [];
            _wellFormed = true;
        }

        public List<AuthChallenge> Challenges { get; }

        public bool Run()
        {
            while (true)
            {
                _cursor.SkipOws();
                if (_cursor.AtEnd) break;
                if (_cursor.TryConsume(',')) continue; // separator, or an empty element (RFC 9110 §5.6.1.2)
                int start = _cursor.Position;
                if (!TryReadElement()) Fail(start);
            }

            Complete();
            return _wellFormed;
        }

        /// <summary>Reads one list element: an auth-param of the current challenge, or a new
        /// challenge (its scheme and, after 1*SP, a token68 or its first auth-param).</summary>
        private bool TryReadElement()
        {
            int start = _cursor.Position;
            ReadOnlySpan<char> token = _cursor.ReadToken();
            if (token.IsEmpty) return false;
            _cursor.SkipOws();
            if (_cursor.At('='))
            {
                _cursor.Position = start;
                return TryReadParameter();
            }

            // A new challenge: "auth-scheme [ 1*SP ( token68 / #auth-param ) ]".
            Complete();
            _scheme = token.ToString();
            _cursor.Position = start + token.Length;
            int spaces = _cursor.SkipSpaces();
            if (_cursor.AtElementEnd()) return true;
            if (spaces == 0) return false;

            int afterSpaces = _cursor.Position;
            ReadOnlySpan<char> token68 = _cursor.ReadToken68();
            if (!token68.IsEmpty && _cursor.AtElementEnd())
            {
                _token68 = token68.ToString();
                return true;
            }

            _cursor.Position = afterSpaces;
            return TryReadParameter();
        }

        private bool TryReadParameter()
        {
            // A parameter needs a challenge without token68 to belong to.
            if (_scheme is null || _token68 is not null) return false;
            ReadOnlySpan<char> name = _cursor.ReadToken();
            _cursor.SkipOws();
            if (name.IsEmpty || !_cursor.TryConsume('=')) return false;
            _cursor.SkipOws();
            if (!_cursor.TryReadTokenOrQuotedString(out string value) || !_cursor.AtElementEnd()) return false;
            if (!_discarding) _parameters.Add(new KeyValuePair<string, string>(name.ToString(), value));
            return true;
        }

        /// <summary>After a syntax error in the element at <paramref name="elementStart"/>: drop the
        /// challenge in progress and skip, from the element's start so quoted-strings are seen
        /// whole, to the next comma. Parameters up to the next scheme belong to the dropped
        /// challenge and are ignored.</summary>
        private void Fail(int elementStart)
        {
            _cursor.Position = elementStart;
            _wellFormed = false;
            ResetChallenge();
            _discarding = true;
            _scheme = ""; // parameters still parse (so a following scheme is recognised) but are dropped
            _cursor.SkipToListSeparator();
        }

        /// <summary>Adds the challenge in progress, if any, to the result.</summary>
        private void Complete()
        {
            if (_scheme is not null && !_discarding)
            {
                Challenges.Add(new AuthChallenge(_scheme, _token68, HttpParameters.From(_parameters, out bool duplicates)));
                if (duplicates) _wellFormed = false;
            }

            ResetChallenge();
            _discarding = false;
        }

        private void ResetChallenge()
        {
            _scheme = null;
            _token68 = null;
            _parameters = [];
        }
    }
}
