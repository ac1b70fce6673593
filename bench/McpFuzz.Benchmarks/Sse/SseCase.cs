using System.Text;

namespace McpFuzz.Benchmarks.Sse;

/// <summary>The stream shapes measured: what MCP servers send, plus the shapes that stress a parser.</summary>
public enum SseCase
{
    /// <summary>Small single-line events, as progress notifications are.</summary>
    DataOnlySmall,

    /// <summary>~36 KB tools/list results with event type and id, as the reference server sends them.</summary>
    LargeToolList,

    /// <summary>Pretty-printed JSON, one data line per JSON line.</summary>
    MultiLineData,

    /// <summary>Typical MCP events with CRLF line endings.</summary>
    CrLf,

    /// <summary>Keep-alive comments between every event.</summary>
    Heartbeats,

    /// <summary>Data full of multi-byte UTF-8 (CJK, accents, emoji).</summary>
    MultibyteUtf8,

    /// <summary>Typical MCP events delivered by a stream that returns at most 8 bytes per read.</summary>
    EightByteReads,
}

/// <summary>A case's input: about 1 MiB of stream, and how many events it holds.</summary>
public sealed record SseInput(byte[] Bytes, int Events, int ReadSize)
{
    private const int TargetBytes = 1 << 20;

    private static readonly Dictionary<SseCase, SseInput> Cache = new();

    public static SseInput For(SseCase @case)
    {
        lock (Cache)
        {
            if (!Cache.TryGetValue(@case, out var input)) Cache[@case] = input = Build(@case);
            return input;
        }
    }

    private static SseInput Build(SseCase @case) => @case switch
    {
        SseCase.DataOnlySmall => Repeat(i => $"data: {{\"jsonrpc\":\"2.0\",\"method\":\"notifications/progress\",\"params\":{{\"progressToken\":\"p1\",\"progress\":{i},\"total\":100}}}}\n\n"),
        SseCase.LargeToolList => Repeat(i => $"event: message\nid: {Guid(i)}\ndata: {ToolList}\n\n"),
        SseCase.MultiLineData => Repeat(i => string.Concat(PrettyJson(i).Split('\n').Select(line => "data: " + line + "\n")) + "\n"),
        SseCase.CrLf => Repeat(i => $"event: message\r\nid: {Guid(i)}\r\ndata: {Typical(i)}\r\n\r\n"),
        SseCase.Heartbeats => Repeat(i => $": keepalive\n\n: keepalive\n\ndata: {Typical(i)}\n\n"),
        SseCase.MultibyteUtf8 => Repeat(i => $"data: {{\"jsonrpc\":\"2.0\",\"id\":{i},\"result\":{{\"content\":[{{\"type\":\"text\",\"text\":\"日本語のテキスト、中文文本，한국어 텍스트, café crème brûlée, Ελληνικά, emoji 🎉🚀✨ {i}\"}}]}}}}\n\n"),
        SseCase.EightByteReads => Repeat(i => $"event: message\nid: {Guid(i)}\ndata: {Typical(i)}\n\n", readSize: 8),
        _ => throw new ArgumentOutOfRangeException(nameof(@case)),
    };

    private static SseInput Repeat(Func<int, string> eventText, int readSize = 4096)
    {
        var text = new StringBuilder(TargetBytes + 64 * 1024);
        int events = 0;
        while (Encoding.UTF8.GetByteCount(text.ToString()) < TargetBytes && events < 1_000_000)
        {
            for (int j = 0; j < 64; j++) text.Append(eventText(events++));
        }

        return new SseInput(Encoding.UTF8.GetBytes(text.ToString()), events, readSize);
    }

    private static string Guid(int i) => new System.Guid(i, 0x1234, 0x5678, 1, 2, 3, 4, 5, 6, 7, 8).ToString();

    private static string Typical(int i) =>
        $"{{\"result\":{{\"content\":[{{\"type\":\"text\",\"text\":\"Echo: message number {i} from the server\"}}]}},\"jsonrpc\":\"2.0\",\"id\":{i}}}";

    private static string PrettyJson(int i) =>
        $"{{\n  \"jsonrpc\": \"2.0\",\n  \"id\": {i},\n  \"result\": {{\n    \"content\": [\n      {{\n        \"type\": \"text\",\n        \"text\": \"line one\"\n      }}\n    ]\n  }}\n}}";

    /// <summary>A tools/list result of about 36 KB: 60 tools with schemas.</summary>
    private static readonly string ToolList = BuildToolList();

    private static string BuildToolList()
    {
        var tools = Enumerable.Range(0, 60).Select(t =>
            $"{{\"name\":\"tool-{t}\",\"title\":\"Tool number {t}\",\"description\":\"Does thing {t} with the given arguments and returns structured content describing the outcome.\"," +
            $"\"inputSchema\":{{\"$schema\":\"http://json-schema.org/draft-07/schema#\",\"type\":\"object\",\"properties\":{{\"message\":{{\"type\":\"string\",\"description\":\"Message to process\"}}," +
            $"\"count\":{{\"type\":\"number\",\"minimum\":1,\"maximum\":10,\"default\":3}},\"mode\":{{\"type\":\"string\",\"enum\":[\"fast\",\"slow\",\"careful\"]}}}},\"required\":[\"message\"]}}," +
            $"\"annotations\":{{\"readOnlyHint\":true,\"destructiveHint\":false,\"idempotentHint\":true,\"openWorldHint\":false}},\"execution\":{{\"taskSupport\":\"forbidden\"}}}}");
        return $"{{\"result\":{{\"tools\":[{string.Join(",", tools)}]}},\"jsonrpc\":\"2.0\",\"id\":2}}";
    }
}

/// <summary>A read-only stream over a buffer that returns at most <c>readSize</c> bytes per read,
/// as a slow network does.</summary>
public sealed class ChunkedStream(byte[] bytes, int readSize) : Stream
{
    private int _position;

    public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));

    public override int Read(Span<byte> buffer)
    {
        int n = Math.Min(Math.Min(buffer.Length, readSize), bytes.Length - _position);
        bytes.AsSpan(_position, n).CopyTo(buffer);
        _position += n;
        return n;
    }

    public override ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default) => new(Read(buffer.Span));

    public void Rewind() => _position = 0;

    public override bool CanRead => true;
    public override bool CanSeek => false;
    public override bool CanWrite => false;
    public override long Length => bytes.Length;
    public override long Position { get => _position; set => _position = (int)value; }
    public override void Flush() { }
    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
    public override void SetLength(long value) => throw new NotSupportedException();
    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
}
