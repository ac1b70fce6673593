using System.Net.ServerSentEvents;
using System.Text;
using McpFuzz.Model.Wire.Sse;

namespace McpFuzz.Fuzzer.Targets;

/// <summary>
/// <c>sse-differential</c>: our <see cref="SseReader"/> against the framework's
/// <see cref="SseParser"/> on the same stream, as a browser would see it (type, data and last event
/// id as UTF-8 text with replacement; the reconnection time at the end). When they disagree, the
/// WHATWG reference decides who is wrong; either way it is reported, except on the known
/// deviations of SseParser listed in <see cref="SseParserDeviations"/>, which are left out of the
/// comparison. SseParser reads through a stream that returns 1–13 bytes per read, so its own
/// buffering is exercised too.
/// </summary>
public sealed class SseDifferentialTarget : IFuzzTarget
{
    private readonly SseReaderOptions _ourOptions;

    public SseDifferentialTarget() : this(SseReaderOptions.Default) { }

    /// <summary>For tests: our reader with other options (a lowered limit makes it wrong on purpose).</summary>
    public SseDifferentialTarget(SseReaderOptions ourOptions) => _ourOptions = ourOptions;

    public string Name => "sse-differential";

    public string Description => "SseReader vs System.Net.ServerSentEvents.SseParser, WHATWG as arbiter, known deviations excluded";

    public IReadOnlyList<string> CodeUnderTest { get; } = ["McpFuzz.Model"];

    public void Run(ReadOnlySpan<byte> input)
    {
        var reference = WhatwgEventStream.Parse(input, SseReaderOptions.Default);
        var ours = Events(SseReading.Read(input, _ourOptions).Items);
        var spec = Events(reference.Outcome.Items);
        var (theirs, reconnection) = ReadWithSseParser(input.ToArray(), new InputRandom(input, salt: 3));

        int count = Math.Max(ours.Count, Math.Max(spec.Count, theirs.Count));
        for (int i = 0; i < count; i++)
        {
            TextEvent? o = i < ours.Count ? ours[i] : null, s = i < spec.Count ? spec[i] : null, t = i < theirs.Count ? theirs[i] : null;
            // Excluded: the type where SseParser is known to keep or report a different one.
            if (s is not null && t is not null && reference.SseParserTypes[i] != s.Type) t = t with { Type = s.Type };
            if (o == t) continue;
            string who = o == s ? "SseParser" : t == s ? "our reader" : "both readers";
            throw new InvariantViolation($"event {i}: ours {o}, SseParser {t}, WHATWG {s}: {who} wrong");
        }

        long ourReconnection = reference.Outcome.ReconnectionTime;
        if (!reference.RetryDeviation && reconnection != ourReconnection)
            throw new InvariantViolation($"reconnection time: SseParser {reconnection}, WHATWG {ourReconnection}");
    }

    /// <summary>What a browser's script sees of one event.</summary>
    private sealed record TextEvent(string Type, string Data, string LastEventId);

    private static List<TextEvent> Events(IEnumerable<SseObservation> items) => items
        .Where(i => i.Kind == SseToken.Event)
        .Select(i => new TextEvent(Utf8(i.Type), Utf8(i.Data), Utf8(i.LastEventId)))
        .ToList();

    // Observations hold bytes as Latin-1; decode them as UTF-8 with replacement, as WHATWG does.
    private static string Utf8(string latin1) => Encoding.UTF8.GetString(Encoding.Latin1.GetBytes(latin1));

    private static (List<TextEvent> Events, long Reconnection) ReadWithSseParser(byte[] input, InputRandom chunks)
    {
        var parser = SseParser.Create(new SmallReadStream(input, chunks));
        var events = new List<TextEvent>();
        foreach (var item in parser.Enumerate()) events.Add(new TextEvent(item.EventType, item.Data, parser.LastEventId));
        long reconnection = parser.ReconnectionInterval == Timeout.InfiniteTimeSpan ? -1 : (long)parser.ReconnectionInterval.TotalMilliseconds;
        return (events, reconnection);
    }

    /// <summary>A read-only stream over bytes that hands out 1–13 bytes per read.</summary>
    private sealed class SmallReadStream(byte[] bytes, InputRandom chunks) : Stream
    {
        private int _position;
        private InputRandom _chunks = chunks;

        public override bool CanRead => true;
        public override bool CanSeek => false;
        public override bool CanWrite => false;
        public override long Length => bytes.Length;
        public override long Position { get => _position; set => throw new NotSupportedException(); }

        public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));

        public override int Read(Span<byte> buffer)
        {
            int n = Math.Min(Math.Min(buffer.Length, _chunks.Next(1, 13)), bytes.Length - _position);
            bytes.AsSpan(_position, n).CopyTo(buffer);
            _position += n;
            return n;
        }

        public override void Flush() { }
        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
        public override void SetLength(long value) => throw new NotSupportedException();
        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    }
}
