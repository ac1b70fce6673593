using System.Globalization;
using System.Text.Unicode;
using McpFuzz.Model.Wire.Sse;

namespace McpFuzz.Fuzzer.Targets;

/// <summary>
/// The WHATWG "interpreting an event stream" algorithm written as plainly as possible, over a whole
/// stream at once: the arbiter for the SSE targets. It adds only what <see cref="SseReader"/>
/// promises on top of the spec: the same <see cref="SseReaderOptions"/> limits (a line longer than
/// <c>MaxLineLength</c> stops the stream at the line's start, even before its terminator arrives; a
/// data buffer, LFs included, over <c>MaxEventSize</c> or a dispatch past <c>MaxEvents</c> stops it
/// at the event's first field line), and the facts the reader reports (flags, offsets, counts).
/// </summary>
public static class WhatwgEventStream
{
    private const byte CR = (byte)'\r';
    private const byte LF = (byte)'\n';

    /// <summary>The result plus, per event, the type <c>SseParser</c> is known to report instead
    /// (see <see cref="SseParserDeviations"/>), and whether a retry field hit a known deviation.</summary>
    public sealed record Result(SseOutcome Outcome, IReadOnlyList<string> SseParserTypes, bool RetryDeviation);

    public static Result Parse(ReadOnlySpan<byte> stream, SseReaderOptions options)
    {
        var items = new List<SseObservation>();
        var parserTypes = new List<string>();
        bool retryDeviation = false;

        bool bom = stream.StartsWith((ReadOnlySpan<byte>)[0xEF, 0xBB, 0xBF]);
        int pos = bom ? 3 : 0;

        var data = new List<byte>();
        int dataLines = 0;
        byte[] type = [];
        string? parserType = null; // SseParser: reset only when an event is dispatched
        byte[] lastId = [];
        long reconnection = -1;
        long blockStart = -1, blockRetry = -1;
        SseEventFlags flags = SseEventFlags.None;
        long events = 0, comments = 0;
        bool sawInvalid = false;
        int unterminated = 0;
        SseLimit limit = SseLimit.None;
        long limitOffset = -1;

        while (pos < stream.Length)
        {
            int found = stream.Slice(pos).IndexOfAny(CR, LF);
            int lineEnd = found < 0 ? stream.Length : pos + found;
            ReadOnlySpan<byte> line = stream[pos..lineEnd];
            long lineStart = pos;
            if (line.Length > options.MaxLineLength)
            {
                (limit, limitOffset) = (SseLimit.LineLength, lineStart);
                break;
            }

            if (found < 0)
            {
                unterminated = line.Length; // WHATWG: an unterminated last line is discarded
                break;
            }

            pos = lineEnd + 1;
            if (stream[lineEnd] == CR && pos < stream.Length && stream[pos] == LF) pos++;

            if (line.IsEmpty)
            {
                if (dataLines > 0)
                {
                    if (events >= options.MaxEvents)
                    {
                        (limit, limitOffset) = (SseLimit.EventCount, blockStart);
                        break;
                    }

                    byte[] payload = data.ToArray();
                    if (!Utf8.IsValid(payload))
                    {
                        flags |= SseEventFlags.InvalidUtf8;
                        sawInvalid = true;
                    }

                    string eventType = type.Length == 0 ? "message" : SseObservation.Bytes(type);
                    items.Add(new SseObservation(SseToken.Event, eventType, SseObservation.Bytes(payload), SseObservation.Bytes(lastId), blockStart, events++, blockRetry, flags));
                    parserTypes.Add(parserType is null ? "message" : parserType);
                    parserType = null;
                }

                // Dispatch or not, a blank line empties the data and event type buffers.
                data.Clear();
                dataLines = 0;
                type = [];
                blockStart = blockRetry = -1;
                flags = SseEventFlags.None;
                continue;
            }

            if (line[0] == (byte)':')
            {
                ReadOnlySpan<byte> text = line[1..];
                if (!Utf8.IsValid(text)) sawInvalid = true;
                long index = comments++;
                if (options.ReportComments) items.Add(new SseObservation(SseToken.Comment, "", SseObservation.Bytes(text), SseObservation.Bytes(lastId), lineStart, index, -1, SseEventFlags.None));
                continue;
            }

            if (blockStart < 0) blockStart = lineStart;
            int colon = line.IndexOf((byte)':');
            ReadOnlySpan<byte> field = colon < 0 ? line : line[..colon];
            ReadOnlySpan<byte> value = colon < 0 ? [] : line[(colon + 1)..];
            if (!value.IsEmpty && value[0] == (byte)' ') value = value[1..];

            if (field.SequenceEqual("data"u8))
            {
                // The reader's buffer holds each line followed by LF: what is joined so far, plus one.
                long buffered = dataLines > 0 ? data.Count + 1 : 0;
                if (buffered + value.Length + 1 > options.MaxEventSize)
                {
                    (limit, limitOffset) = (SseLimit.EventSize, blockStart);
                    break;
                }

                if (dataLines > 0) data.Add(LF);
                data.AddRange(value);
                dataLines++;
            }
            else if (field.SequenceEqual("event"u8))
            {
                if (!Utf8.IsValid(value))
                {
                    flags |= SseEventFlags.InvalidUtf8;
                    sawInvalid = true;
                }

                type = value.ToArray();
                parserType = System.Text.Encoding.UTF8.GetString(value);
            }
            else if (field.SequenceEqual("id"u8))
            {
                if (value.IndexOf((byte)0) >= 0)
                {
                    flags |= SseEventFlags.IdRejected;
                    continue;
                }

                if (!Utf8.IsValid(value))
                {
                    flags |= SseEventFlags.InvalidUtf8;
                    sawInvalid = true;
                }

                lastId = value.ToArray();
                flags |= SseEventFlags.HasId;
            }
            else if (field.SequenceEqual("retry"u8))
            {
                bool digits = !value.IsEmpty && !value.ContainsAnyExceptInRange((byte)'0', (byte)'9');
                if (digits)
                {
                    long retry = 0;
                    foreach (byte b in value) retry = retry > (long.MaxValue - (b - '0')) / 10 ? long.MaxValue : retry * 10 + (b - '0');
                    reconnection = blockRetry = retry;
                    flags |= SseEventFlags.HasRetry;
                }
                else
                {
                    flags |= SseEventFlags.RetryRejected;
                }

                retryDeviation |= SseParserDeviations.RetryDiffers(value, digits);
            }
        }

        var end = limit != SseLimit.None
            ? new SseStreamEnd(0, false, false, limit)
            : new SseStreamEnd(unterminated, blockStart >= 0, dataLines > 0, SseLimit.None);
        long consumed = limit != SseLimit.None ? -1 : stream.Length;
        var outcome = new SseOutcome(items, end, limit, limitOffset, SseObservation.Bytes(lastId), reconnection, bom, sawInvalid, consumed);
        return new Result(outcome, parserTypes, retryDeviation);
    }
}
