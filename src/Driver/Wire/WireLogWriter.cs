using System.Buffers;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Unicode;
using McpFuzz.Model.Wire.Http;

namespace McpFuzz.Driver.Wire;

/// <summary>
/// Writes wire events as JSON Lines while they happen, flushing after every line so that a crash
/// loses nothing already written. One object per line; every line has <c>at</c> (ISO 8601 time),
/// <c>exchange</c> (zero-based number of the exchange it belongs to) and <c>kind</c>:
/// <code>
/// {"at":"…","exchange":0,"kind":"request","method":"POST","url":"http://127.0.0.1:3000/mcp","headers":[["Content-Type","application/json"]],"body":"{…}"}
/// {"at":"…","exchange":0,"kind":"response","status":200,"headers":[["Content-Type","text/event-stream"]]}
/// {"at":"…","exchange":0,"kind":"body","body":"{…}"}
/// {"at":"…","exchange":0,"kind":"event","type":"message","id":"e1","data":"{…}","retry":1000,"flags":"HasId, HasRetry"}
/// {"at":"…","exchange":0,"kind":"end","end":"clean"}
/// </code>
/// Headers are [name, value] pairs in wire order (repeats kept). A body that is not UTF-8 is written
/// as <c>bodyBase64</c> instead of <c>body</c>; an empty body is left out. A non-SSE body is one
/// <c>body</c> line; an event stream is one <c>event</c> line per dispatched event (<c>id</c> only when
/// the event set one, <c>retry</c> only when it set one, <c>flags</c> only when not None).
/// <c>end</c> is <c>clean</c>, <c>aborted</c> or <c>timeout</c>. <see cref="WireLogReader"/> reads it back.
/// Safe to call from several threads (lines never interleave); disposing it disposes the stream.
/// </summary>
public sealed class WireLogWriter(Stream output, TimeProvider? clock = null) : IDisposable
{
    private static readonly JsonWriterOptions Options = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    private readonly TimeProvider _clock = clock ?? TimeProvider.System;
    private readonly ArrayBufferWriter<byte> _buffer = new(1024);
    private readonly Lock _gate = new();

    public void Request(int exchange, WireRequest request) => Line(exchange, "request", request.At, json =>
    {
        json.WriteString("method", request.Method);
        json.WriteString("url", request.Url);
        WriteHeaders(json, request.Headers);
        WriteBody(json, request.Body);
    });

    public void ResponseHead(int exchange, int status, HeaderList headers, DateTimeOffset? at = null) => Line(exchange, "response", at, json =>
    {
        json.WriteNumber("status", status);
        WriteHeaders(json, headers);
    });

    /// <summary>A whole body that is not an event stream.</summary>
    public void Body(int exchange, byte[] body, DateTimeOffset? at = null) => Line(exchange, "body", at, json => WriteBody(json, body));

    public void Event(int exchange, WireSseEvent item) => Line(exchange, "event", item.At, json =>
    {
        json.WriteString("type", item.Type);
        if (item.Id is not null) json.WriteString("id", item.Id);
        json.WriteString("data", item.Data);
        if (item.Retry >= 0) json.WriteNumber("retry", item.Retry);
        if (item.Flags != 0) json.WriteString("flags", item.Flags.ToString());
    });

    public void End(int exchange, WireStreamEnd end) => Line(exchange, "end", end.At, json => json.WriteString("end", WireLogNames.Of(end.Kind)));

    /// <summary>Every line of a finished exchange, in wire order.</summary>
    public void Exchange(WireExchange exchange)
    {
        Request(exchange.Index, exchange.Request);
        if (exchange.Response is not { } response) return;
        ResponseHead(exchange.Index, response.Status, response.Headers, response.At);
        if (response.Body.Length > 0) Body(exchange.Index, response.Body, response.At);
        foreach (var item in response.Events) Event(exchange.Index, item);
        if (response.End is { } end) End(exchange.Index, end);
    }

    public void Dispose() => output.Dispose();

    private void Line(int exchange, string kind, DateTimeOffset? at, Action<Utf8JsonWriter> members)
    {
        lock (_gate)
        {
            _buffer.ResetWrittenCount();
            using (var json = new Utf8JsonWriter(_buffer, Options))
            {
                json.WriteStartObject();
                json.WriteString(WireLogNames.At, (at ?? _clock.GetUtcNow()).ToString("O", System.Globalization.CultureInfo.InvariantCulture));
                json.WriteNumber(WireLogNames.Exchange, exchange);
                json.WriteString(WireLogNames.Kind, kind);
                members(json);
                json.WriteEndObject();
            }

            output.Write(_buffer.WrittenSpan);
            output.WriteByte((byte)'\n');
            output.Flush();
        }
    }

    private static void WriteHeaders(Utf8JsonWriter json, HeaderList headers)
    {
        json.WriteStartArray("headers");
        foreach (var field in headers)
        {
            json.WriteStartArray();
            json.WriteStringValue(field.Name);
            json.WriteStringValue(field.Value);
            json.WriteEndArray();
        }

        json.WriteEndArray();
    }

    private static void WriteBody(Utf8JsonWriter json, byte[] body)
    {
        if (body.Length == 0) return;
        if (Utf8.IsValid(body)) json.WriteString("body", body);
        else json.WriteBase64String("bodyBase64", body);
    }
}
