namespace McpFuzz.Model.Wire.Http;

/// <summary>A parsed <c>Accept</c> value (RFC 9110 §12.5.1). It answers two different questions:
/// <see cref="Allows"/> is HTTP content negotiation; <see cref="Lists"/> is MCP's stricter
/// requirement that the client name a media type explicitly.</summary>
public sealed record AcceptHeader
{
    /// <summary>No <c>Accept</c> field at all.</summary>
    public static AcceptHeader Absent { get; } = new(false, ValueList<MediaRange>.Empty, 0);

    private AcceptHeader(bool isPresent, IReadOnlyList<MediaRange> ranges, int skippedElements)
    {
        IsPresent = isPresent;
        Ranges = ranges;
        SkippedElements = skippedElements;
    }

    /// <summary>The request carried an <c>Accept</c> field (possibly empty).</summary>
    public bool IsPresent { get; }

    /// <summary>The well-formed elements, in order.</summary>
    public IReadOnlyList<MediaRange> Ranges { get; }

    /// <summary>Non-empty elements that were malformed and ignored. A value longer than
    /// <see cref="HttpFieldLimits.MaxValueLength"/> counts as one.</summary>
    public int SkippedElements { get; }

    /// <summary>Absent, or present with no list elements at all (only OWS and commas).</summary>
    public bool IsEmpty => Ranges.Count == 0 && SkippedElements == 0;

    /// <summary>Parses an <c>Accept</c> field value (null: the field is absent). Never fails:
    /// empty list elements are ignored (RFC 9110 §5.6.1.2) and a malformed element is skipped to
    /// the next comma outside a quoted-string. An element is malformed when it breaks
    /// <c>media-range [ weight ]</c>, is <c>*/subtype</c>, or has a <c>q</c> that is not a qvalue.
    /// The first <c>q</c> parameter (name case-insensitive) is the weight, wherever it stands;
    /// later ones are ignored; other parameters are kept.</summary>
    public static AcceptHeader Parse(string? value)
    {
        if (value is null) return Absent;
        if (value.Length > HttpFieldLimits.MaxValueLength) return new AcceptHeader(true, ValueList<MediaRange>.Empty, 1);
        var ranges = new List<MediaRange>();
        int skipped = 0;
        var cursor = new HttpCursor(value);
        while (true)
        {
            cursor.SkipOws();
            if (cursor.AtEnd) break;
            if (cursor.TryConsume(',')) continue;
            int start = cursor.Position;
            if (TryReadRange(ref cursor, out var range) && cursor.AtElementEnd())
            {
                ranges.Add(range);
            }
            else
            {
                skipped++;
                cursor.Position = start;
                cursor.SkipToListSeparator();
            }
        }

        return new AcceptHeader(true, ValueList<MediaRange>.From(ranges), skipped);
    }

    private static bool TryReadRange(ref HttpCursor cursor, out MediaRange range)
    {
        range = null!;
        var parameters = new List<RawParameter>();
        if (!MediaTypeSyntax.TryReadTypeAndSubtype(ref cursor, out string type, out string subtype) ||
            !MediaTypeSyntax.TryReadParameters(ref cursor, parameters))
        {
            return false;
        }

        // media-range = ( "*/*" / ( type "/*" ) / ( type "/" subtype ) ) parameters
        if (type == MediaRange.Wildcard && subtype != MediaRange.Wildcard) return false;
        int quality = 1000;
        bool weighted = false;
        var others = new List<KeyValuePair<string, string>>(parameters.Count);
        foreach (var parameter in parameters)
        {
            if (!HttpSyntax.AsciiEqualsIgnoreCase(parameter.Name, "q"))
            {
                others.Add(parameter.ToPair());
            }
            else if (!weighted)
            {
                // weight = OWS ";" OWS "q=" qvalue: a bare qvalue, never a quoted-string.
                if (parameter.Quoted || !QualityValue.TryParse(parameter.Value, out quality)) return false;
                weighted = true;
            }
        }

        range = new MediaRange(type, subtype, HttpParameters.From(others), quality);
        return true;
    }

    /// <summary>The weight content negotiation gives <paramref name="mediaType"/> (a media type,
    /// parameters allowed), in thousandths: 1000 when <see cref="IsEmpty"/>; otherwise the weight of
    /// the most specific range that matches it (RFC 9110 §12.5.1; among equally specific ranges the
    /// first listed), or 0 when none does. A malformed media type, or one with a wildcard, gets 0.</summary>
    public int QualityOf(string mediaType)
    {
        if (!TryParseConcrete(mediaType, out var parsed)) return 0;
        if (IsEmpty) return 1000;
        MediaRange? best = null;
        foreach (var range in Ranges)
        {
            if (range.Matches(parsed) && (best is null || range.Specificity > best.Specificity)) best = range;
        }

        return best?.Quality ?? 0;
    }

    /// <summary>HTTP content negotiation: whether a response of <paramref name="mediaType"/> is
    /// acceptable. An absent or empty field allows everything; q=0 means "not acceptable"
    /// (RFC 9110 §12.4.2).</summary>
    public bool Allows(string mediaType) => QualityOf(mediaType) > 0;

    /// <summary>MCP's rule: the client MUST send an Accept header "listing" the media type
    /// (2025-03-26/basic/transports#sending-messages-to-the-server). True only when a range with
    /// exactly that type and subtype (ignoring parameters on both sides) appears with q &gt; 0.
    /// Wildcards do not list anything; an absent or empty field lists nothing.</summary>
    public bool Lists(string mediaType)
    {
        if (!TryParseConcrete(mediaType, out var parsed)) return false;
        foreach (var range in Ranges)
        {
            if (range.Quality > 0 && range.Type == parsed.Type && range.Subtype == parsed.Subtype) return true;
        }

        return false;
    }

    /// <summary>The POST rule: both <c>application/json</c> and <c>text/event-stream</c> are listed
    /// (2025-03-26/basic/transports#sending-messages-to-the-server).</summary>
    public bool ListsJsonAndEventStream => Lists(MediaType.Json) && Lists(MediaType.EventStream);

    /// <summary>The GET rule: <c>text/event-stream</c> is listed
    /// (2025-03-26/basic/transports#listening-for-messages-from-the-server).</summary>
    public bool ListsEventStream => Lists(MediaType.EventStream);

    private static bool TryParseConcrete(string? mediaType, out MediaType parsed)
    {
        parsed = null!;
        if (!MediaType.TryParse(mediaType, out var candidate) ||
            candidate.Type == MediaRange.Wildcard || candidate.Subtype == MediaRange.Wildcard)
        {
            return false;
        }

        parsed = candidate;
        return true;
    }
}
