using McpFuzz.Model.Wire.Sse;

namespace McpFuzz.Fuzzer.Targets;

/// <summary>
/// <c>sse-chunked</c>: the input is an event stream. It is read three ways — by
/// <see cref="SseReader"/> in reads of 1–13 bytes drawn from a PRNG seeded by the input, by the
/// same reader in one call, and by the WHATWG reference — and all three must agree on every event,
/// comment, limit and end-of-stream fact. Options (limits, comment reporting) are drawn from the
/// input as well; half the inputs get limits small enough to be hit, and then no event, field or
/// comment may exceed them.
/// </summary>
public sealed class SseChunkedTarget : IFuzzTarget
{
    private readonly Func<ReadOnlySpan<byte>, SseReaderOptions> _options;

    public SseChunkedTarget() : this(OptionsFor) { }

    /// <summary>For tests: fixed options instead of options drawn from the input.</summary>
    public SseChunkedTarget(SseReaderOptions options) : this(_ => options) { }

    private SseChunkedTarget(Func<ReadOnlySpan<byte>, SseReaderOptions> options) => _options = options;

    public string Name => "sse-chunked";

    public string Description => "SseReader in 1-13 byte reads vs one read vs the WHATWG algorithm; limits honoured";

    public IReadOnlyList<string> CodeUnderTest { get; } = ["McpFuzz.Model"];

    public void Run(ReadOnlySpan<byte> input)
    {
        SseReaderOptions options = _options(input);
        SseOutcome chunked = SseReading.Read(input, options, new InputRandom(input, salt: 1));
        SseOutcome whole = SseReading.Read(input, options);
        SseOutcome reference = WhatwgEventStream.Parse(input, options).Outcome;

        CheckLimits(chunked, options);
        if (SseOutcome.Difference(chunked, whole, "chunked", "one read") is { } chunking)
            throw new InvariantViolation("chunking changed the result: " + chunking);
        if (SseOutcome.Difference(whole, reference, "reader", "WHATWG") is { } spec)
            throw new InvariantViolation("the reader disagrees with WHATWG: " + spec);
    }

    /// <summary>No item carries more than the limits allow, whatever the reference says.</summary>
    public static void CheckLimits(SseOutcome outcome, SseReaderOptions options)
    {
        long events = 0;
        foreach (var item in outcome.Items)
        {
            // A field's value is shorter than its line (the default type "message" comes from no line);
            // a data buffer holds its LFs plus a final one.
            if (item.Type != "message" && item.Type.Length > options.MaxLineLength) throw new InvariantViolation($"event type of {item.Type.Length} bytes exceeds the line limit {options.MaxLineLength}");
            if (item.LastEventId.Length > options.MaxLineLength) throw new InvariantViolation($"id of {item.LastEventId.Length} bytes exceeds the line limit {options.MaxLineLength}");
            if (item.Kind == SseToken.Comment && item.Data.Length + 1 > options.MaxLineLength)
                throw new InvariantViolation($"comment of {item.Data.Length} bytes exceeds the line limit {options.MaxLineLength}");
            if (item.Kind == SseToken.Event && item.Data.Split('\n').Any(line => line.Length > options.MaxLineLength))
                throw new InvariantViolation($"a data line of the event exceeds the line limit {options.MaxLineLength}");
            if (item.Kind == SseToken.Event && (long)item.Data.Length + 1 > options.MaxEventSize)
                throw new InvariantViolation($"event data of {item.Data.Length} bytes exceeds the event size limit {options.MaxEventSize}");
            if (item.Kind == SseToken.Event && ++events > options.MaxEvents)
                throw new InvariantViolation($"event {events} exceeds the event count limit {options.MaxEvents}");
        }
    }

    /// <summary>Half the inputs run with the default limits (which fuzz inputs never reach), half
    /// with limits small enough to be hit; comments are reported for half.</summary>
    public static SseReaderOptions OptionsFor(ReadOnlySpan<byte> input)
    {
        var random = new InputRandom(input, salt: 2);
        bool small = random.NextBool();
        bool comments = random.NextBool();
        if (!small) return comments ? SseReaderOptions.Default with { ReportComments = true } : SseReaderOptions.Default;
        return new SseReaderOptions
        {
            MaxLineLength = random.Next(1, 64),
            MaxEventSize = random.Next(1, 128),
            MaxEvents = random.Next(1, 8),
            ReportComments = comments,
        };
    }
}
