namespace McpFuzz.Model.Wire.Sse;

public enum SseRecordKind : byte
{
    Event,
    Comment,

    /// <summary>The last record of every stream: how it ended (see <see cref="SseRecord.End"/>).</summary>
    End,
}

/// <summary>A materialized event, comment or end-of-stream report, for callers that prefer
/// objects to spans (the async enumerables of <see cref="SseStreamReader"/>).</summary>
public sealed record SseRecord
{
    public required SseRecordKind Kind { get; init; }

    /// <summary>Event type (events only).</summary>
    public string Type { get; init; } = "";

    /// <summary>Event data, or comment text.</summary>
    public string Data { get; init; } = "";

    /// <summary>The data's raw bytes, exactly as received (before UTF-8 replacement).</summary>
    public ReadOnlyMemory<byte> RawData { get; init; }

    public string LastEventId { get; init; } = "";

    public long Offset { get; init; }

    public long Index { get; init; }

    public long Retry { get; init; } = -1;

    public SseEventFlags Flags { get; init; }

    public bool HasId => (Flags & SseEventFlags.HasId) != 0;

    public bool IsPriming => Kind == SseRecordKind.Event && HasId && RawData.IsEmpty;

    /// <summary>For <see cref="SseRecordKind.End"/>: how the stream ended.</summary>
    public SseStreamEnd End { get; init; }

    /// <summary>For <see cref="SseRecordKind.End"/>: the stream began with a BOM.</summary>
    public bool HadBom { get; init; }

    /// <summary>For <see cref="SseRecordKind.End"/>: some interpreted bytes were not UTF-8.</summary>
    public bool SawInvalidUtf8 { get; init; }

    /// <summary>For <see cref="SseRecordKind.End"/>: the stream's length in bytes as far as it was read.</summary>
    public long Bytes { get; init; }

    /// <summary>For <see cref="SseRecordKind.End"/>: where the line or event that broke a limit began, or -1.</summary>
    public long LimitOffset { get; init; } = -1;

    internal static SseRecord FromEvent(in SseEvent e, SseToken token) => token == SseToken.Comment
        ? new SseRecord { Kind = SseRecordKind.Comment, Data = e.DataString(), RawData = e.Data.ToArray(), Offset = e.Offset, Index = e.Index }
        : new SseRecord
        {
            Kind = SseRecordKind.Event,
            Type = e.TypeString(),
            Data = e.DataString(),
            RawData = e.Data.ToArray(),
            LastEventId = e.LastEventIdString(),
            Offset = e.Offset,
            Index = e.Index,
            Retry = e.Retry,
            Flags = e.Flags,
        };

    internal static SseRecord FromEnd(SseReader reader) => new()
    {
        Kind = SseRecordKind.End,
        End = reader.Complete(),
        HadBom = reader.HadBom,
        SawInvalidUtf8 = reader.SawInvalidUtf8,
        LastEventId = System.Text.Encoding.UTF8.GetString(reader.LastEventId),
        Retry = reader.ReconnectionTime,
        Bytes = reader.BytesConsumed,
        LimitOffset = reader.LimitOffset,
    };
}
