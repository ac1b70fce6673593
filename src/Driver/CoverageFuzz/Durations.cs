using System.Globalization;

namespace McpFuzz.Driver.CoverageFuzz;

/// <summary>Reads <c>--time</c>: a number with an optional unit, <c>ms</c>, <c>s</c> (the
/// default), <c>m</c> or <c>h</c> — <c>90</c>, <c>90s</c>, <c>5m</c>, <c>1h</c>.</summary>
public static class Durations
{
    public static TimeSpan? Parse(string text)
    {
        text = text.Trim();
        (string number, double scale) = text switch
        {
            _ when text.EndsWith("ms", StringComparison.Ordinal) => (text[..^2], 0.001),
            _ when text.EndsWith('s') => (text[..^1], 1),
            _ when text.EndsWith('m') => (text[..^1], 60),
            _ when text.EndsWith('h') => (text[..^1], 3600),
            _ => (text, 1.0),
        };
        return double.TryParse(number, NumberStyles.Float, CultureInfo.InvariantCulture, out double value) && value > 0 && double.IsFinite(value)
            ? TimeSpan.FromSeconds(value * scale)
            : null;
    }
}
