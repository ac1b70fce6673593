using System.Globalization;

namespace McpFuzz.Fuzzer.Targets;

/// <summary>
/// Where <c>System.Net.ServerSentEvents.SseParser</c> (the .NET 10 shared framework) is known to
/// differ from the WHATWG algorithm: the one place the differential target excuses it. Each was
/// confirmed by running SseParser on the input shown; WHATWG is the arbiter.
/// </summary>
public static class SseParserDeviations
{
    /// <summary>All of them, for the documentation and the tests.</summary>
    public static IReadOnlyList<(string Name, string Example, string Why)> All { get; } =
    [
        ("type-survives-empty-dispatch", "event: foo\\n\\ndata: x\\n\\n",
            "SseParser resets the event type only when it dispatches an event; WHATWG resets it on every blank line, so x is a `message`. Excluded: the type of an event whose SseParser type (modelled in WhatwgEventStream) differs."),
        ("empty-event-type", "event:\\ndata: x\\n\\n",
            "SseParser reports the type \"\" for an empty `event` value; WHATWG dispatches an empty type buffer as `message`. Excluded the same way."),
        ("retry-trailing-nul", "retry: 7\\0",
            "SseParser parses retry with long.TryParse(NumberStyles.None), which accepts trailing NULs; WHATWG ignores a value that is not all ASCII digits. Excluded: the reconnection time of a stream with such a retry."),
        ("retry-too-large", "retry: 10000000000000000",
            "SseParser ignores a retry beyond TimeSpan.MaxValue (or long); WHATWG sets it (our reader saturates at long.MaxValue). Excluded the same way."),
    ];

    /// <summary>Whether SseParser's handling of this retry value differs from WHATWG's
    /// (<paramref name="allDigits"/>: WHATWG applies it).</summary>
    public static bool RetryDiffers(ReadOnlySpan<byte> value, bool allDigits)
    {
        bool parserApplies = long.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out long ms)
            && ms <= (long)TimeSpan.MaxValue.TotalMilliseconds;
        return parserApplies != allDigits;
    }
}
