using System.Buffers;
using System.Text.Json;
using McpFuzz.Model.Wire.Sse;

namespace McpFuzz.Driver.Reference;

/// <summary>
/// How the reference server lays out the bytes of its event streams: the same events, framed the
/// way careless SSE parsers get wrong (WHATWG HTML 9.2.6 allows all of it). A wire option, not a
/// model profile: the machine decides the events, this only changes their spelling and how the
/// bytes are cut into writes.
/// </summary>
/// <param name="Name">Shown in scenario descriptions.</param>
/// <param name="Layout">Line endings and comment lines (<see cref="SseFraming.CommentBeforeEvents"/>: one before every event).</param>
/// <param name="LeadingComment">A comment line at the very start of every stream; null for none.</param>
/// <param name="MultiLineData">Spell JSON data over several <c>data:</c> lines (the reader joins them
/// with LF, which is JSON whitespace, so the message is the same).</param>
/// <param name="ChunkSize">Cut every stream body into writes of at most this many bytes, flushed one
/// by one, so an event arrives over several TCP segments (0: one write).</param>
public sealed record WireFraming(string Name, SseFraming Layout, string? LeadingComment = null, bool MultiLineData = false, int ChunkSize = 0)
{
    /// <summary>The canonical layout: LF, one write per answer.</summary>
    public static WireFraming Plain { get; } = new("plain", SseFraming.Default);

    /// <summary>A comment opens the stream and precedes every event (keep-alives do this).</summary>
    public static WireFraming Comments { get; } = new("comments", SseFraming.Default with { CommentBeforeEvents = " keep-alive" }, LeadingComment: " mcpfuzz");

    /// <summary>Every line ends with a lone CR.</summary>
    public static WireFraming CrLineEndings { get; } = new("cr-line-endings", SseFraming.Default with { LineEnding = SseLineEnding.Cr });

    /// <summary>Every line ends with CRLF.</summary>
    public static WireFraming CrLfLineEndings { get; } = new("crlf-line-endings", SseFraming.Default with { LineEnding = SseLineEnding.CrLf });

    /// <summary>Each JSON-RPC message spread over one <c>data:</c> line per JSON line (indented JSON).</summary>
    public static WireFraming MultiLine { get; } = new("multi-line-data", SseFraming.Default, MultiLineData: true);

    /// <summary>Every event cut into 7-byte writes, each flushed on its own.</summary>
    public static WireFraming SplitWrites { get; } = new("split-writes", SseFraming.Default, ChunkSize: 7);

    /// <summary>The same events as <paramref name="canonical"/> (the renderer's bytes), in this layout.
    /// Priming events keep their empty data; data that is not JSON is kept as it is.</summary>
    public byte[] Reframe(ReadOnlySpan<byte> canonical)
    {
        if (Layout == SseFraming.Default && LeadingComment is null && !MultiLineData) return canonical.ToArray();
        var buffer = new ArrayBufferWriter<byte>();
        var writer = new SseWriter(buffer, Layout);
        if (LeadingComment is { } comment) writer.WriteComment(comment);
        var reader = new SseReader();
        while (true)
        {
            var token = reader.Read(canonical, out int consumed, out SseEvent item);
            canonical = canonical[consumed..];
            if (token != SseToken.Event) break;
            string? type = item.IsMessageType ? null : item.TypeString();
            string? id = item.HasId ? item.LastEventIdString() : null;
            long? retry = item.Retry >= 0 ? item.Retry : null;
            byte[] data = MultiLineData ? Indented(item.Data) : item.Data.ToArray();
            writer.WriteEvent(data, type, id, retry);
        }

        return buffer.WrittenSpan.ToArray();
    }

    /// <summary>The writes a body goes out in: one, or chunks of <see cref="ChunkSize"/> bytes.</summary>
    public IEnumerable<ReadOnlyMemory<byte>> Writes(byte[] body)
    {
        if (ChunkSize <= 0 || body.Length <= ChunkSize)
        {
            yield return body;
            yield break;
        }

        for (int start = 0; start < body.Length; start += ChunkSize)
            yield return body.AsMemory(start, Math.Min(ChunkSize, body.Length - start));
    }

    /// <summary>JSON re-spelled with indentation, so it spans several lines; anything else unchanged.</summary>
    private static byte[] Indented(ReadOnlySpan<byte> data)
    {
        if (data.IsEmpty) return [];
        try
        {
            using var document = JsonDocument.Parse(data.ToArray());
            var output = new ArrayBufferWriter<byte>();
            using (var json = new Utf8JsonWriter(output, new JsonWriterOptions { Indented = true, Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping }))
                document.WriteTo(json);
            return output.WrittenSpan.ToArray();
        }
        catch (JsonException)
        {
            return data.ToArray();
        }
    }
}
