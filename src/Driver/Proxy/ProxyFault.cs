using System.Globalization;

namespace McpFuzz.Driver.Proxy;

/// <summary>A fault the proxy injects on request (<c>--fault KIND:KEY=VALUE,...</c>).</summary>
public abstract record ProxyFault
{
    /// <summary>Cuts an event-stream response at a random byte of its first chunk, with probability
    /// <paramref name="P"/> per response, at most <paramref name="Max"/> times in the run.</summary>
    public sealed record AbortStream(double P, int Max = int.MaxValue) : ProxyFault;

    /// <summary>Holds a request for <paramref name="Milliseconds"/> before it goes upstream, with probability <paramref name="P"/>.</summary>
    public sealed record Delay(int Milliseconds, double P) : ProxyFault;

    /// <summary>Answers 404 to every request of a session after its first <paramref name="After"/>, as a server does once a session expired.</summary>
    public sealed record ExpireSession(int After) : ProxyFault;

    public const string Kinds = "abort-stream:p=P[,max=N], delay:ms=N[,p=P], expire-session:after=N";

    /// <summary>Parses one <c>--fault</c> value; throws <see cref="FormatException"/> saying what is wrong.</summary>
    public static ProxyFault Parse(string text)
    {
        int colon = text.IndexOf(':');
        string kind = colon < 0 ? text : text[..colon];
        var values = new Dictionary<string, string>(StringComparer.Ordinal);
        if (colon >= 0)
        {
            foreach (var pair in text[(colon + 1)..].Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
            {
                int eq = pair.IndexOf('=');
                if (eq <= 0) throw new FormatException($"'{pair}' is not KEY=VALUE");
                values[pair[..eq]] = pair[(eq + 1)..];
            }
        }

        ProxyFault fault = kind switch
        {
            "abort-stream" => new AbortStream(Probability(values, 1), values.ContainsKey("max") ? Count(values, "max", 0, int.MaxValue) : int.MaxValue),
            "delay" => new Delay(Count(values, "ms", 0, 60_000), Probability(values, 1)),
            "expire-session" => new ExpireSession(Count(values, "after", 0, int.MaxValue)),
            _ => throw new FormatException($"no fault '{kind}' (one of {Kinds})"),
        };
        var allowed = kind switch { "abort-stream" => new[] { "p", "max" }, "delay" => ["ms", "p"], _ => ["after"] };
        if (values.Keys.FirstOrDefault(k => !allowed.Contains(k)) is { } unknown) throw new FormatException($"{kind} takes no '{unknown}' (only {string.Join(", ", allowed)})");
        return fault;
    }

    private static double Probability(Dictionary<string, string> values, double fallback)
    {
        if (!values.TryGetValue("p", out var text)) return fallback;
        if (!double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out double p) || p is < 0 or > 1 || double.IsNaN(p))
            throw new FormatException($"p={text} is not a probability in [0, 1]");
        return p;
    }

    private static int Count(Dictionary<string, string> values, string key, int min, int max)
    {
        if (!values.TryGetValue(key, out var text)) throw new FormatException($"needs {key}=N");
        if (!int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out int n) || n < min || n > max)
            throw new FormatException($"{key}={text} is not a whole number in [{min}, {max}]");
        return n;
    }
}
