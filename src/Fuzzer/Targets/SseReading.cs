using McpFuzz.Model.Wire.Sse;

namespace McpFuzz.Fuzzer.Targets;

/// <summary>Drives an <see cref="SseReader"/> over a whole stream, checking the reader's calling
/// contract on every call, and collects an <see cref="SseOutcome"/>.</summary>
public static class SseReading
{
    /// <summary>Reads <paramref name="stream"/> in one call per token, or, when <paramref name="chunks"/>
    /// is given, in reads of the sizes it draws (1–13 bytes).</summary>
    public static SseOutcome Read(ReadOnlySpan<byte> stream, SseReaderOptions options, InputRandom? chunks = null)
    {
        var reader = new SseReader(options);
        var items = new List<SseObservation>();
        InputRandom random = chunks ?? default;
        int at = 0;
        bool stopped = false;
        while (at < stream.Length && !stopped)
        {
            int size = chunks is null ? stream.Length - at : Math.Min(random.Next(1, 13), stream.Length - at);
            ReadOnlySpan<byte> chunk = stream.Slice(at, size);
            at += size;
            stopped = Drain(reader, chunk, items);
        }

        if (stopped)
        {
            // The reader stays stopped: every later call reports the limit and consumes nothing.
            var again = reader.Read("data: x\n\n"u8, out int consumed, out _);
            if (again != SseToken.LimitExceeded || consumed != 0)
                throw new InvariantViolation($"after LimitExceeded a Read returned {again}, consuming {consumed}");
        }

        SseStreamEnd end = reader.Complete();
        if (end.Limit != reader.Limit) throw new InvariantViolation($"Complete reports limit {end.Limit}, the reader {reader.Limit}");
        if (stopped != (reader.Limit != SseLimit.None)) throw new InvariantViolation($"LimitExceeded returned: {stopped}, but Limit is {reader.Limit}");
        if (stopped && reader.LimitOffset < 0) throw new InvariantViolation($"limit {reader.Limit} without an offset");

        return new SseOutcome(
            items, end, reader.Limit, reader.LimitOffset, SseObservation.Bytes(reader.LastEventId), reader.ReconnectionTime,
            reader.HadBom, reader.SawInvalidUtf8, reader.BytesConsumed);
    }

    /// <summary>Feeds one chunk until it is used up; true when a limit stopped the stream.</summary>
    private static bool Drain(SseReader reader, ReadOnlySpan<byte> chunk, List<SseObservation> items)
    {
        while (true)
        {
            SseToken token = reader.Read(chunk, out int consumed, out SseEvent item);
            if (consumed < 0 || consumed > chunk.Length) throw new InvariantViolation($"Read consumed {consumed} of {chunk.Length} bytes");
            switch (token)
            {
                case SseToken.Event:
                case SseToken.Comment:
                    // Each token ends with a line terminator in this chunk: no progress would loop forever.
                    if (consumed == 0) throw new InvariantViolation($"{token} returned without consuming input");
                    items.Add(SseObservation.Of(token, item));
                    chunk = chunk.Slice(consumed);
                    break;
                case SseToken.LimitExceeded:
                    return true;
                default:
                    if (consumed != chunk.Length) throw new InvariantViolation($"NeedMoreData after consuming {consumed} of {chunk.Length} bytes");
                    return false;
            }
        }
    }
}
