namespace McpFuzz.Model.Wire.Http;

/// <summary>One element of an <c>Accept</c> value (RFC 9110 §12.5.1): a media range, lower-cased,
/// its parameters other than the weight, and the weight in thousandths.</summary>
/// <param name="Type">The type, or <c>*</c>.</param>
/// <param name="Subtype">The subtype, or <c>*</c>.</param>
/// <param name="Parameters">Parameters other than <c>q</c>.</param>
/// <param name="Quality">The weight <c>q</c> times 1000, 0–1000; 1000 when absent (RFC 9110
/// §12.4.2). An integer so that ranks compare exactly: a qvalue has at most three decimals.</param>
public sealed record MediaRange(string Type, string Subtype, HttpParameters Parameters, int Quality)
{
    public const string Wildcard = "*";

    /// <summary><c>*/*</c>.</summary>
    public bool IsAnyType => Type == Wildcard;

    /// <summary><c>type/*</c> or <c>*/*</c>.</summary>
    public bool IsAnySubtype => Subtype == Wildcard;

    /// <summary>Whether this range covers <paramref name="mediaType"/>: the type and subtype match
    /// (or are wildcards) and every parameter of the range is present in the media type with the
    /// same value. Values are compared ignoring ASCII case: the common ones (e.g. <c>charset</c>,
    /// RFC 9110 §8.3.2) are case-insensitive.</summary>
    public bool Matches(MediaType mediaType)
    {
        ArgumentNullException.ThrowIfNull(mediaType);
        if (!IsAnyType && Type != mediaType.Type) return false;
        if (!IsAnySubtype && Subtype != mediaType.Subtype) return false;
        foreach (var parameter in Parameters)
        {
            if (!mediaType.Parameters.TryGetValue(parameter.Key, out string? value) ||
                !HttpSyntax.AsciiEqualsIgnoreCase(value, parameter.Value))
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>Rank for "the most specific reference has precedence" (RFC 9110 §12.5.1):
    /// <c>*/*</c> &lt; <c>type/*</c> &lt; <c>type/subtype</c>, then more parameters.</summary>
    internal int Specificity => (IsAnyType ? 0 : IsAnySubtype ? 1 : 2) * (HttpFieldLimits.MaxValueLength + 1) + Parameters.Count;

    public override string ToString() =>
        Type + "/" + Subtype +
        string.Concat(Parameters.Select(p => ";" + p.Key + "=" + HttpSyntax.FormatParameterValue(p.Value))) +
        (Quality == 1000 ? "" : ";q=" + QualityText(Quality));

    private static string QualityText(int quality) =>
        quality == 0 ? "0" : "0." + (quality % 1000).ToString("000", System.Globalization.CultureInfo.InvariantCulture).TrimEnd('0');
}
