using System.Text;
using McpFuzz.Model.Wire.Sse;

namespace McpFuzz.Fuzzer.Targets;

/// <summary>One event or comment as a reader reported it. Byte fields are kept as Latin-1 strings:
/// a byte-exact, comparable and printable form (no UTF-8 replacement hides a difference).</summary>
public sealed record SseObservation(
    SseToken Kind, string Type, string Data, string LastEventId, long Offset, long Index, long Retry, SseEventFlags Flags)
{
    public static string Bytes(ReadOnlySpan<byte> bytes) => Encoding.Latin1.GetString(bytes);

    public static SseObservation Of(SseToken kind, in SseEvent e) =>
        new(kind, Bytes(e.Type), Bytes(e.Data), Bytes(e.LastEventId), e.Offset, e.Index, e.Retry, e.Flags);
}

/// <summary>Everything a whole stream produced: the items in order and the reader's final state.</summary>
public sealed record SseOutcome(
    IReadOnlyList<SseObservation> Items,
    SseStreamEnd End,
    SseLimit Limit,
    long LimitOffset,
    string LastEventId,
    long ReconnectionTime,
    bool HadBom,
    bool SawInvalidUtf8,
    long BytesConsumed)
{
    /// <summary>The first difference between two outcomes, or null when they agree.
    /// <see cref="BytesConsumed"/> is compared only when no limit stopped the stream: how far into
    /// the offending line a reader got before giving up depends on how the bytes arrived.</summary>
    public static string? Difference(SseOutcome a, SseOutcome b, string aName, string bName)
    {
        int common = Math.Min(a.Items.Count, b.Items.Count);
        for (int i = 0; i < common; i++)
        {
            if (a.Items[i] != b.Items[i]) return $"item {i}: {aName} {a.Items[i]} but {bName} {b.Items[i]}";
        }

        if (a.Items.Count != b.Items.Count)
        {
            var extra = a.Items.Count > b.Items.Count ? a.Items[common] : b.Items[common];
            return $"{aName} has {a.Items.Count} items, {bName} {b.Items.Count}; the first unmatched is {extra}";
        }

        if (a.End != b.End) return $"end: {aName} {a.End} but {bName} {b.End}";
        if (a.Limit != b.Limit || a.LimitOffset != b.LimitOffset) return $"limit: {aName} {a.Limit}@{a.LimitOffset} but {bName} {b.Limit}@{b.LimitOffset}";
        if (a.LastEventId != b.LastEventId) return $"last event id: {aName} '{a.LastEventId}' but {bName} '{b.LastEventId}'";
        if (a.ReconnectionTime != b.ReconnectionTime) return $"reconnection time: {aName} {a.ReconnectionTime} but {bName} {b.ReconnectionTime}";
        if (a.HadBom != b.HadBom) return $"BOM: {aName} {a.HadBom} but {bName} {b.HadBom}";
        if (a.SawInvalidUtf8 != b.SawInvalidUtf8) return $"invalid UTF-8 seen: {aName} {a.SawInvalidUtf8} but {bName} {b.SawInvalidUtf8}";
        if (a.Limit == SseLimit.None && a.BytesConsumed != b.BytesConsumed) return $"bytes consumed: {aName} {a.BytesConsumed} but {bName} {b.BytesConsumed}";
        return null;
    }
}
