using System.Buffers;
using System.IO.Pipelines;
using System.Runtime.CompilerServices;

namespace McpFuzz.Model.Wire.Sse;

/// <summary>Async enumeration of a whole event stream. The caller owns the stream or pipe; this
/// only reads from it. Every enumeration ends with one <see cref="SseRecordKind.End"/> record,
/// also when a limit stops the stream early.</summary>
public static class SseStreamReader
{
    /// <summary>Reads <paramref name="stream"/> to its end in reads of at most <paramref name="bufferSize"/> bytes.</summary>
    public static async IAsyncEnumerable<SseRecord> ReadAsync(
        Stream stream, SseReaderOptions? options = null, int bufferSize = 16 * 1024,
        [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        var reader = new SseReader(options);
        byte[] buffer = ArrayPool<byte>.Shared.Rent(bufferSize);
        var records = new List<SseRecord>();
        try
        {
            while (true)
            {
                int read = await stream.ReadAsync(buffer.AsMemory(0, bufferSize), cancellationToken).ConfigureAwait(false);
                if (read == 0) break;
                bool stop = Drain(reader, buffer.AsSpan(0, read), records);
                foreach (var record in records) yield return record;
                records.Clear();
                if (stop) break;
            }

            yield return SseRecord.FromEnd(reader);
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    /// <summary>Reads <paramref name="pipe"/> to completion; every segment is consumed as it comes.</summary>
    public static async IAsyncEnumerable<SseRecord> ReadAsync(
        PipeReader pipe, SseReaderOptions? options = null,
        [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        var reader = new SseReader(options);
        var records = new List<SseRecord>();
        while (true)
        {
            ReadResult result = await pipe.ReadAsync(cancellationToken).ConfigureAwait(false);
            bool stop = false;
            foreach (ReadOnlyMemory<byte> segment in result.Buffer)
            {
                stop = Drain(reader, segment.Span, records);
                if (stop) break;
            }

            pipe.AdvanceTo(result.Buffer.End);
            foreach (var record in records) yield return record;
            records.Clear();
            if (stop || result.IsCompleted || result.IsCanceled) break;
        }

        yield return SseRecord.FromEnd(reader);
    }

    /// <summary>Feeds one chunk; returns true when a limit ended the stream.</summary>
    private static bool Drain(SseReader reader, ReadOnlySpan<byte> chunk, List<SseRecord> records)
    {
        while (true)
        {
            SseToken token = reader.Read(chunk, out int consumed, out SseEvent item);
            chunk = chunk.Slice(consumed);
            switch (token)
            {
                case SseToken.Event:
                case SseToken.Comment:
                    records.Add(SseRecord.FromEvent(item, token));
                    break;
                case SseToken.LimitExceeded:
                    return true;
                default:
                    return false;
            }
        }
    }
}
