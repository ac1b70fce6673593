using System.Buffers;
using System.Text;

namespace McpFuzz.Driver.Proxy;

/// <summary>
/// Relays an event stream chunk by chunk while rewriting the URI of HTTP+SSE <c>endpoint</c> events
/// (<see cref="OriginRewrite"/>). Every byte passes through as soon as it arrives, except the lines
/// after an <c>event: endpoint</c> line up to the end of that event, which are held until the event
/// is complete so that its <c>data</c> can be rewritten (an endpoint event is a few dozen bytes). A
/// <c>data</c> line written before the <c>event</c> line is passed on unchanged: servers write the
/// type first, and the proxy does not hold ordinary events to find out.
/// </summary>
public sealed class SseEndpointRewriter(OriginRewrite rewrite)
{
    /// <summary>An endpoint event held beyond this is passed on unchanged.</summary>
    private const int MaxHeld = 64 * 1024;

    private readonly List<byte> _line = [];
    private readonly List<byte> _held = [];
    private bool _endpoint;
    private bool _holding;
    private bool _afterCr;

    /// <summary>The bytes to send on for <paramref name="chunk"/> (possibly none while an endpoint event is held).</summary>
    public void Process(ReadOnlySpan<byte> chunk, IBufferWriter<byte> output)
    {
        int passFrom = 0;
        for (int i = 0; i < chunk.Length; i++)
        {
            byte b = chunk[i];
            if (_holding) _held.Add(b);
            bool continuesCrLf = b == (byte)'\n' && _afterCr;
            _afterCr = b == (byte)'\r';
            if (continuesCrLf) continue;
            if (b is not ((byte)'\r' or (byte)'\n'))
            {
                if (_line.Count < MaxHeld) _line.Add(b);
                continue;
            }

            bool eventEnded = CompleteLine();
            if (!_holding && _endpoint)
            {
                // The event just turned out to be an endpoint event: what came before goes on now.
                output.Write(chunk[passFrom..(i + 1)]);
                passFrom = chunk.Length;
                _holding = true;
            }
            else if (_holding && (eventEnded || _held.Count > MaxHeld))
            {
                Release(output);
                passFrom = i + 1;
            }
        }

        if (!_holding && passFrom < chunk.Length) output.Write(chunk[passFrom..]);
    }

    /// <summary>At the end of the stream: whatever is still held goes on (rewritten).</summary>
    public void Complete(IBufferWriter<byte> output)
    {
        if (_holding) Release(output);
    }

    private void Release(IBufferWriter<byte> output)
    {
        output.Write(Encoding.UTF8.GetBytes(RewriteData(Encoding.UTF8.GetString(_held.ToArray()))));
        _held.Clear();
        _holding = false;
        _endpoint = false;
    }

    /// <summary>Reads the line just completed; true when it was the blank line that ends an event.</summary>
    private bool CompleteLine()
    {
        var text = Encoding.UTF8.GetString(_line.ToArray());
        _line.Clear();
        if (text.Length == 0)
        {
            _endpoint = false;
            return true;
        }

        int colon = text.IndexOf(':');
        string name = colon < 0 ? text : text[..colon];
        if (name == "event") _endpoint = Value(text, colon) == "endpoint";
        return false;
    }

    private static string Value(string line, int colon)
    {
        if (colon < 0) return "";
        string value = line[(colon + 1)..];
        return value.StartsWith(' ') ? value[1..] : value;
    }

    /// <summary>The held lines with the URI in each <c>data</c> line rewritten; terminators kept as they were.</summary>
    private string RewriteData(string held)
    {
        var result = new StringBuilder(held.Length);
        int start = 0;
        while (start < held.Length)
        {
            int end = held.IndexOfAny(['\r', '\n'], start);
            string line = end < 0 ? held[start..] : held[start..end];
            int next = end < 0 ? held.Length : end + (held[end] == '\r' && end + 1 < held.Length && held[end + 1] == '\n' ? 2 : 1);
            if (line.StartsWith("data:", StringComparison.Ordinal))
            {
                string prefix = line.Length > 5 && line[5] == ' ' ? "data: " : "data:";
                result.Append(prefix).Append(rewrite.Uri(line[prefix.Length..]));
            }
            else result.Append(line);
            result.Append(held, end < 0 ? held.Length : end, next - (end < 0 ? held.Length : end));
            start = next;
        }

        return result.ToString();
    }
}
