using System.Globalization;
using System.Text.Json;
using McpFuzz.Model.Wire.Http;
using McpFuzz.Model.Wire.Sse;

namespace McpFuzz.Driver.Wire;

/// <summary>Rebuilds exchanges from a file written by <see cref="WireLogWriter"/> (the line format
/// is described there). Never throws on the file's content: a line that is too long, not JSON, of
/// an unknown kind, missing a member, or about an exchange whose request was not logged is reported
/// in <see cref="WireLogContents.Problems"/> and skipped. A final line without a line end was cut
/// off while being written; if it does not parse it is reported as truncated.</summary>
public static class WireLogReader
{
    private static readonly JsonDocumentOptions DocumentOptions = new() { MaxDepth = 8 };

    public static WireLogContents Read(Stream input, WireLogLimits? limits = null)
    {
        limits ??= WireLogLimits.Default;
        var state = new Rebuild();
        var line = new MemoryStream();
        bool overlong = false;
        long number = 0;
        byte[] buffer = new byte[64 * 1024];
        int read;
        while ((read = input.Read(buffer)) > 0)
        {
            var chunk = buffer.AsSpan(0, read);
            while (!chunk.IsEmpty)
            {
                int end = chunk.IndexOf((byte)'\n');
                var piece = end < 0 ? chunk : chunk[..end];
                if (!overlong && line.Length + piece.Length <= limits.MaxLineLength) line.Write(piece);
                else overlong = true;
                if (end < 0) break;
                chunk = chunk[(end + 1)..];
                if (++number > limits.MaxLines) return state.Finish(number, $"more than {limits.MaxLines} lines; the rest was not read");
                Take(state, number, line, overlong, terminated: true, limits);
                line.SetLength(0);
                overlong = false;
            }
        }

        if (line.Length > 0 || overlong)
        {
            if (++number > limits.MaxLines) return state.Finish(number, $"more than {limits.MaxLines} lines; the rest was not read");
            Take(state, number, line, overlong, terminated: false, limits);
        }

        return state.Finish();
    }

    private static void Take(Rebuild state, long number, MemoryStream line, bool overlong, bool terminated, WireLogLimits limits)
    {
        if (overlong)
        {
            state.Problem(number, $"longer than {limits.MaxLineLength} bytes");
            return;
        }

        var bytes = line.GetBuffer().AsSpan(0, (int)line.Length);
        if (bytes.EndsWith("\r"u8)) bytes = bytes[..^1];
        if (bytes.Trim(" \t"u8).IsEmpty) return;
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(bytes.ToArray(), DocumentOptions);
        }
        catch (JsonException e)
        {
            state.Problem(number, terminated ? $"not JSON: {e.Message}" : "truncated: the last line has no line end and is not complete JSON");
            return;
        }

        using (document)
        {
            string? problem = document.RootElement.ValueKind == JsonValueKind.Object ? state.Apply(document.RootElement) : "not a JSON object";
            if (problem is not null) state.Problem(number, problem);
        }
    }

    /// <summary>The exchanges under construction.</summary>
    private sealed class Rebuild
    {
        private readonly Dictionary<long, Exchange> _byNumber = [];
        private readonly List<Exchange> _inOrder = [];
        private readonly List<WireLogProblem> _problems = [];

        public void Problem(long line, string reason) => _problems.Add(new WireLogProblem(line, reason));

        public WireLogContents Finish(long line, string reason)
        {
            Problem(line, reason);
            return Finish();
        }

        public WireLogContents Finish() =>
            new(_inOrder.Select((e, i) => e.Build(i)).ToArray(), _problems);

        /// <summary>Applies one line; returns why it cannot be used, or null.</summary>
        public string? Apply(JsonElement line)
        {
            if (Number(line, WireLogNames.Exchange) is not { } exchange || exchange < 0) return "no `exchange` number";
            DateTimeOffset? at = Time(line);
            string? kind = Text(line, WireLogNames.Kind);
            if (kind == "request")
            {
                if (_byNumber.ContainsKey(exchange)) return $"a second request for exchange {exchange}";
                if (Text(line, "method") is not { } method || Text(line, "url") is not { } url) return "a request without `method` or `url`";
                if (Headers(line) is not { } headers) return "a request without a `headers` list of [name, value] pairs";
                if (!TryBody(line, out byte[] body)) return "a `bodyBase64` that is not base64";
                var created = new Exchange(new WireRequest(method, url, headers, body, at));
                _byNumber[exchange] = created;
                _inOrder.Add(created);
                return null;
            }

            if (kind is not ("response" or "body" or "event" or "end")) return kind is null ? "no `kind`" : $"unknown kind `{kind}`";
            if (!_byNumber.TryGetValue(exchange, out var current)) return $"a `{kind}` line for exchange {exchange}, whose request is not in the log";
            switch (kind)
            {
                case "response":
                    if (current.Status is not null) return $"a second response for exchange {exchange}";
                    if (Number(line, "status") is not { } status || status is < 0 or > 999) return "a response without a `status`";
                    if (Headers(line) is not { } headers) return "a response without a `headers` list of [name, value] pairs";
                    current.Status = (int)status;
                    current.Headers = headers;
                    current.At = at;
                    return null;
                case "body":
                    if (current.Status is null) return "a `body` before the response head";
                    if (!TryBody(line, out byte[] body)) return "a `bodyBase64` that is not base64";
                    current.Body = body;
                    return null;
                case "event":
                    if (current.Status is null) return "an `event` before the response head";
                    if (Text(line, "type") is not { } type || Text(line, "data") is not { } data) return "an event without `type` or `data`";
                    SseEventFlags flags = SseEventFlags.None;
                    if (Text(line, "flags") is { } flagText && !Enum.TryParse(flagText, out flags)) return $"unknown event flags `{flagText}`";
                    current.Events.Add(new WireSseEvent(type, Text(line, "id"), data, Number(line, "retry") ?? -1, flags, at));
                    return null;
                default: // "end"
                    if (current.Status is null) return "an `end` before the response head";
                    if (WireLogNames.EndKind(Text(line, "end")) is not { } end) return "an `end` that is not clean, aborted or timeout";
                    current.End = new WireStreamEnd(end, at);
                    return null;
            }
        }

        private static string? Text(JsonElement line, string name) =>
            line.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;

        private static long? Number(JsonElement line, string name) =>
            line.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.Number && value.TryGetInt64(out long number) ? number : null;

        private static DateTimeOffset? Time(JsonElement line) =>
            DateTimeOffset.TryParse(Text(line, WireLogNames.At), CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind, out var at) ? at : null;

        private static HeaderList? Headers(JsonElement line)
        {
            if (!line.TryGetProperty("headers", out var list) || list.ValueKind != JsonValueKind.Array) return null;
            var fields = new List<HeaderField>();
            foreach (var pair in list.EnumerateArray())
            {
                if (pair.ValueKind != JsonValueKind.Array || pair.GetArrayLength() != 2) return null;
                JsonElement name = pair[0], value = pair[1];
                if (name.ValueKind != JsonValueKind.String || value.ValueKind != JsonValueKind.String) return null;
                fields.Add(new HeaderField(name.GetString()!, value.GetString()!));
            }

            return HeaderList.From(fields); // built once: appending one by one copies the list each time
        }

        private static bool TryBody(JsonElement line, out byte[] body)
        {
            body = [];
            if (line.TryGetProperty("body", out var text) && text.ValueKind == JsonValueKind.String)
            {
                body = System.Text.Encoding.UTF8.GetBytes(text.GetString()!);
                return true;
            }

            if (!line.TryGetProperty("bodyBase64", out var encoded)) return true;
            return encoded.ValueKind == JsonValueKind.String && encoded.TryGetBytesFromBase64(out body!);
        }
    }

    private sealed class Exchange(WireRequest request)
    {
        public int? Status { get; set; }

        public HeaderList Headers { get; set; } = HeaderList.Empty;

        public DateTimeOffset? At { get; set; }

        public byte[] Body { get; set; } = [];

        public List<WireSseEvent> Events { get; } = [];

        public WireStreamEnd? End { get; set; }

        public WireExchange Build(int index) =>
            new(index, request, Status is { } status ? new WireResponse(status, Headers, Body, Events.ToArray(), End, At) : null);
    }
}
