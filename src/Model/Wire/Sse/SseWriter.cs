using System.Buffers;
using System.Text;

namespace McpFuzz.Model.Wire.Sse;

/// <summary>Line terminator the writer uses. WHATWG accepts all three.</summary>
public enum SseLineEnding : byte
{
    Lf,
    CrLf,
    Cr,
}

/// <summary>How an <see cref="SseWriter"/> lays out fields. The default is the common framing
/// (<c>event</c>, <c>id</c>, <c>retry</c>, <c>data</c>, LF, one space after the colon); the other
/// settings produce framings that are equally valid but that careless parsers get wrong.</summary>
public sealed record SseFraming
{
    public static SseFraming Default { get; } = new();

    public SseLineEnding LineEnding { get; init; } = SseLineEnding.Lf;

    /// <summary>Write <c>data: x</c> rather than <c>data:x</c>. A value that itself starts with a
    /// space always gets the separating space, or the reader would strip the value's own.</summary>
    public bool SpaceAfterColon { get; init; } = true;

    /// <summary>Write an empty value as a bare field name (<c>data</c>) instead of <c>data:</c>.</summary>
    public bool BareEmptyFields { get; init; }

    /// <summary>Put <c>id</c> and <c>retry</c> after the data lines instead of before them.</summary>
    public bool MetadataAfterData { get; init; }

    /// <summary>Write this comment line before every event (a keep-alive, say); null for none.</summary>
    public string? CommentBeforeEvents { get; init; }

    /// <summary>Leave out <c>event: message</c>, which is the default type anyway.</summary>
    public bool OmitMessageType { get; init; } = true;
}

/// <summary>Writes an event stream to a buffer. Every event written here reads back through
/// <see cref="SseReader"/> with the same type, data (CR and CRLF inside data become LF, the only
/// line break an event can carry), id and retry.</summary>
public sealed class SseWriter
{
    private readonly IBufferWriter<byte> _output;
    private readonly SseFraming _framing;

    public SseWriter(IBufferWriter<byte> output, SseFraming? framing = null)
    {
        _output = output;
        _framing = framing ?? SseFraming.Default;
    }

    /// <summary>A UTF-8 byte order mark, which a reader skips once at the start of a stream.</summary>
    public void WriteBom() => _output.Write("\uFEFF"u8);

    /// <summary>Writes one event. <paramref name="type"/> null means the default <c>message</c>.</summary>
    /// <exception cref="ArgumentException">The type or id contains CR or LF, which no framing can carry.</exception>
    public void WriteEvent(string data, string? type = null, string? id = null, long? retry = null) =>
        WriteEvent(Encoding.UTF8.GetBytes(data), type, id, retry);

    public void WriteEvent(ReadOnlySpan<byte> data, string? type = null, string? id = null, long? retry = null)
    {
        if (_framing.CommentBeforeEvents is { } comment) WriteComment(comment);
        if (type is not null && !(type == "message" && _framing.OmitMessageType)) WriteField("event"u8, Encode(type, nameof(type)));
        if (!_framing.MetadataAfterData) WriteMetadata(id, retry);
        WriteData(data);
        if (_framing.MetadataAfterData) WriteMetadata(id, retry);
        WriteLineEnd();
    }

    /// <summary>The MCP 2025-11-25 priming event: an id, optionally a retry, and empty data.</summary>
    public void WritePriming(string id, long? retry = null) => WriteEvent(ReadOnlySpan<byte>.Empty, null, id, retry);

    /// <summary>A comment line (<c>:text</c>); keep-alives are comments.</summary>
    public void WriteComment(string text)
    {
        byte[] bytes = Encode(text, nameof(text));
        _output.Write(":"u8);
        _output.Write(bytes);
        WriteLineEnd();
    }

    /// <summary>Writes one field line verbatim (no checks): for deliberately broken streams.</summary>
    public void WriteRawLine(ReadOnlySpan<byte> line)
    {
        _output.Write(line);
        WriteLineEnd();
    }

    /// <summary>Writes bytes verbatim: for deliberately broken streams.</summary>
    public void WriteRaw(ReadOnlySpan<byte> bytes) => _output.Write(bytes);

    /// <summary>An empty line, which dispatches the event in progress.</summary>
    public void WriteLineEnd()
    {
        switch (_framing.LineEnding)
        {
            case SseLineEnding.CrLf: _output.Write("\r\n"u8); break;
            case SseLineEnding.Cr: _output.Write("\r"u8); break;
            default: _output.Write("\n"u8); break;
        }
    }

    private void WriteMetadata(string? id, long? retry)
    {
        if (id is not null) WriteField("id"u8, Encode(id, nameof(id)));
        if (retry is { } r)
        {
            if (r < 0) throw new ArgumentOutOfRangeException(nameof(retry), "retry is a non-negative number of milliseconds");
            WriteField("retry"u8, Encoding.ASCII.GetBytes(r.ToString(System.Globalization.CultureInfo.InvariantCulture)));
        }
    }

    private void WriteData(ReadOnlySpan<byte> data)
    {
        // Each line of the data becomes one data field; the reader joins them with LF.
        while (true)
        {
            int eol = data.IndexOfAny((byte)'\r', (byte)'\n');
            if (eol < 0)
            {
                WriteField("data"u8, data);
                return;
            }

            WriteField("data"u8, data.Slice(0, eol));
            int next = eol + 1;
            if (data[eol] == (byte)'\r' && next < data.Length && data[next] == (byte)'\n') next++;
            data = data.Slice(next);
        }
    }

    private void WriteField(ReadOnlySpan<byte> name, ReadOnlySpan<byte> value)
    {
        _output.Write(name);
        if (!(value.IsEmpty && _framing.BareEmptyFields))
        {
            _output.Write(":"u8);
            if (_framing.SpaceAfterColon || (!value.IsEmpty && value[0] == (byte)' ')) _output.Write(" "u8);
            _output.Write(value);
        }

        WriteLineEnd();
    }

    private static byte[] Encode(string text, string parameter)
    {
        if (text.AsSpan().IndexOfAny('\r', '\n') >= 0)
            throw new ArgumentException("an SSE field value cannot contain CR or LF", parameter);
        return Encoding.UTF8.GetBytes(text);
    }
}

/// <summary>Where to cut a finished stream into separate writes, to exercise a peer's buffering.</summary>
public enum SseSplit : byte
{
    /// <summary>One write.</summary>
    None,

    /// <summary>One byte per write.</summary>
    EveryByte,

    /// <summary>Between the CR and LF of every CRLF, and after every lone CR.</summary>
    InsideLineEndings,

    /// <summary>In the middle of every line, so field names and values arrive apart.</summary>
    MidLine,
}

public static class SseSegments
{
    /// <summary>The offsets at which <paramref name="split"/> cuts <paramref name="stream"/>,
    /// ascending, excluding 0 and the length.</summary>
    public static IReadOnlyList<int> Cuts(ReadOnlySpan<byte> stream, SseSplit split)
    {
        var cuts = new List<int>();
        switch (split)
        {
            case SseSplit.EveryByte:
                for (int i = 1; i < stream.Length; i++) cuts.Add(i);
                break;
            case SseSplit.InsideLineEndings:
                for (int i = 0; i < stream.Length; i++)
                {
                    if (stream[i] == (byte)'\r' && i + 1 < stream.Length) cuts.Add(i + 1);
                }

                break;
            case SseSplit.MidLine:
                int start = 0;
                for (int i = 0; i < stream.Length; i++)
                {
                    if (stream[i] != (byte)'\r' && stream[i] != (byte)'\n') continue;
                    int middle = start + (i - start) / 2;
                    if (middle > start) cuts.Add(middle);
                    start = i + 1;
                }

                break;
        }

        return cuts;
    }
}
