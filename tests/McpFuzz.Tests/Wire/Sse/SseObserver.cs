using System.Text;
using McpFuzz.Model.Wire.Sse;

namespace McpFuzz.Tests.Wire.Sse;

/// <summary>One event or comment as raw hex, so records compare byte for byte.</summary>
public sealed record Observed(string Kind, string Type, string Data, string LastEventId, long Offset, long Index, long Retry, SseEventFlags Flags)
{
    public string DataText => Encoding.UTF8.GetString(Convert.FromHexString(Data));

    public string TypeText => Encoding.UTF8.GetString(Convert.FromHexString(Type));

    public string LastEventIdText => Encoding.UTF8.GetString(Convert.FromHexString(LastEventId));
}

/// <summary>Everything a reader reported for one stream.</summary>
public sealed record Observation(
    IReadOnlyList<Observed> Items, SseStreamEnd End, bool HadBom, bool SawInvalidUtf8, long ReconnectionTime,
    string LastEventId, long BytesConsumed, SseLimit Limit, long LimitOffset)
{
    public IEnumerable<Observed> Events => Items.Where(i => i.Kind == "event");

    public bool Equivalent(Observation other) =>
        Items.SequenceEqual(other.Items) && this with { Items = [] } == other with { Items = [] };
}

/// <summary>Feeds a stream to an <see cref="SseReader"/> in given chunk sizes and records the result.</summary>
public static class SseObserver
{
    public static Observation Observe(byte[] stream, SseReaderOptions? options = null, IEnumerable<int>? chunkSizes = null)
    {
        options ??= SseReaderOptions.Default with { ReportComments = true };
        var reader = new SseReader(options);
        var items = new List<Observed>();
        int offset = 0;
        bool stopped = false;
        foreach (int size in Chunks(stream.Length, chunkSizes))
        {
            ReadOnlySpan<byte> chunk = stream.AsSpan(offset, size);
            offset += size;
            while (!stopped)
            {
                SseToken token = reader.Read(chunk, out int consumed, out SseEvent e);
                Assert.InRange(consumed, 0, chunk.Length);
                chunk = chunk.Slice(consumed);
                if (token == SseToken.NeedMoreData)
                {
                    Assert.Equal(0, chunk.Length);
                    break;
                }

                if (token == SseToken.LimitExceeded)
                {
                    stopped = true;
                    break;
                }

                items.Add(new Observed(
                    token == SseToken.Event ? "event" : "comment",
                    Convert.ToHexString(e.Type), Convert.ToHexString(e.Data), Convert.ToHexString(e.LastEventId),
                    e.Offset, e.Index, e.Retry, e.Flags));
            }
        }

        return new Observation(
            items, reader.Complete(), reader.HadBom, reader.SawInvalidUtf8, reader.ReconnectionTime,
            Convert.ToHexString(reader.LastEventId), stopped ? -1 : reader.BytesConsumed, reader.Limit, reader.LimitOffset);
    }

    public static void AssertEquivalent(Observation expected, Observation actual, byte[] stream, int[] plan)
    {
        if (expected.Equivalent(actual)) return;
        Assert.Fail($"stream {System.Text.Json.JsonSerializer.Serialize(Encoding.Latin1.GetString(stream))} plan [{string.Join(",", plan)}]\n" +
            $"whole:   {Describe(expected)}\nchunked: {Describe(actual)}");
    }

    private static string Describe(Observation o) =>
        string.Join(" | ", o.Items.Select(i => i.ToString())) + $" || {o with { Items = [] }}";

    public static Observation Observe(string stream, SseReaderOptions? options = null) => Observe(Encoding.UTF8.GetBytes(stream), options);

    /// <summary>Chunk sizes covering exactly <paramref name="length"/> bytes; sizes of zero are allowed
    /// (an empty read must be harmless), the plan is cycled and the last chunk takes the rest.</summary>
    private static IEnumerable<int> Chunks(int length, IEnumerable<int>? sizes)
    {
        if (sizes is null)
        {
            yield return length;
            yield break;
        }

        int[] plan = sizes.ToArray();
        if (plan.Length == 0 || plan.All(s => s <= 0))
        {
            yield return length;
            yield break;
        }

        int left = length, i = 0;
        while (left > 0)
        {
            int size = Math.Min(Math.Max(plan[i++ % plan.Length], 0), left);
            left -= size;
            yield return size;
        }

        yield return 0;
    }
}
