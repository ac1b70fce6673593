using System.Globalization;
using System.Text;
using System.Text.Json;
using McpFuzz.Driver.Wire;
using McpFuzz.Model.Wire.Http;

namespace McpFuzz.Driver.Transcripts;

/// <summary>
/// Reads an HTTP Archive (HAR 1.2, as browsers and proxies save it) into wire exchanges: one per
/// entry of <c>log.entries</c>, in file order. The request is <c>method</c>, <c>url</c> (absolute),
/// <c>headers</c> and <c>postData.text</c>; the response is <c>status</c>, <c>headers</c> and
/// <c>content.text</c> (base64-decoded when <c>content.encoding</c> says so), an event-stream body
/// decoded into its events. Status 0 is how browsers record a request that got no response
/// (aborted, blocked, failed): it becomes a missing response, as does an entry without one. <c>startedDateTime</c> is when the
/// request was sent; the response head arrived after the <c>blocked</c>, <c>dns</c>, <c>connect</c>,
/// <c>send</c> and <c>wait</c> timings, and the body ended <c>time</c> after the start.
/// HTTP/2 pseudo-header fields (":authority", ":path", …) that Chrome lists among the headers
/// are left out: they are framing, not fields, and keeping them would make the same request
/// differ between HTTP/1.1 and HTTP/2 captures.
/// Never throws on the file's content: an entry that cannot be used is reported and skipped, and
/// a file that breaks off (or stops being JSON) keeps the entries before the break.
/// </summary>
public static class HarTranscript
{
    // Browsers nest initiator stack traces deeply inside entries; allow them, but not without bound.
    private static readonly JsonReaderOptions ReaderOptions = new() { MaxDepth = 256 };

    public static RecordedTraffic Parse(ReadOnlySpan<byte> json, WireLogLimits? limits = null)
    {
        limits ??= WireLogLimits.Default;
        if (json.StartsWith("\uFEFF"u8)) json = json[3..];
        var exchanges = new List<WireExchange>();
        var problems = new List<TrafficProblem>();
        var reader = new Utf8JsonReader(json, ReaderOptions);
        long entries = 0, complete = 0;
        try
        {
            if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject) return Result(exchanges, TrafficProblem.InFile("not a JSON object"));
            bool sawLog = false, sawEntries = false;
            while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
            {
                bool isLog = !sawLog && reader.ValueTextEquals("log"u8);
                reader.Read();
                if (!isLog || reader.TokenType != JsonTokenType.StartObject)
                {
                    reader.Skip();
                    continue;
                }

                sawLog = true;
                while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
                {
                    bool isEntries = !sawEntries && reader.ValueTextEquals("entries"u8);
                    reader.Read();
                    if (!isEntries || reader.TokenType != JsonTokenType.StartArray)
                    {
                        reader.Skip();
                        continue;
                    }

                    sawEntries = true;
                    while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
                    {
                        if (++entries > limits.MaxLines)
                            return Result(exchanges, [.. problems, TrafficProblem.AtEntry(entries, $"more than {limits.MaxLines} entries; the rest were not read")]);
                        using var entry = JsonDocument.ParseValue(ref reader);
                        complete = entries;
                        if (Entry(entry.RootElement, exchanges.Count, limits, out var exchange) is { } reason) problems.Add(TrafficProblem.AtEntry(entries, reason));
                        else exchanges.Add(exchange!);
                    }
                }
            }

            // Content after the HAR object means the file is not what it seems: reading past its end throws on it.
            reader.Read();
            if (!sawLog) problems.Add(TrafficProblem.InFile("no `log` object: not a HAR file"));
            else if (!sawEntries) problems.Add(TrafficProblem.InFile("no `log.entries` list"));
        }
        catch (JsonException e)
        {
            // A file cut off while being saved keeps the entries that were complete.
            string kept = complete == 0 ? "" : $" after entry {complete}";
            // The message ends with the zero-based position, which the place already gives one-based.
            int position = e.Message.IndexOf(" LineNumber:", StringComparison.Ordinal);
            string detail = position > 0 ? e.Message[..position] : e.Message;
            problems.Add(TrafficProblem.AtLine((e.LineNumber ?? 0) + 1, $"cut off or not valid JSON{kept}; the rest was not read ({detail})"));
        }

        return Result(exchanges, [.. problems]);
    }

    private static RecordedTraffic Result(List<WireExchange> exchanges, params TrafficProblem[] problems) =>
        new(TrafficFormat.Har, exchanges, problems);

    /// <summary>Maps one entry; returns why it cannot be used, or null.</summary>
    private static string? Entry(JsonElement entry, int index, WireLogLimits limits, out WireExchange? exchange)
    {
        exchange = null;
        if (entry.ValueKind != JsonValueKind.Object) return "not a JSON object";
        if (!entry.TryGetProperty("request", out var request) || request.ValueKind != JsonValueKind.Object) return "no `request` object";
        if (Text(request, "method") is not { } method || Text(request, "url") is not { } url) return "a request without `method` or `url`";
        if (Headers(request) is not { } requestHeaders) return "request `headers` that are not a list of {name, value} strings";
        var (requestBody, requestProblem) = Body(request, "postData", limits);
        if (requestProblem is not null) return $"request {requestProblem}";
        DateTimeOffset? started = Time(entry);
        var wireRequest = new WireRequest(method, url, requestHeaders, requestBody, started);

        if (!entry.TryGetProperty("response", out var response) || response.ValueKind != JsonValueKind.Object)
        {
            exchange = new WireExchange(index, wireRequest, null); // HAR requires one, but a missing response is no response
            return null;
        }

        if (!response.TryGetProperty("status", out var statusValue) || statusValue.ValueKind != JsonValueKind.Number
            || !statusValue.TryGetInt32(out int status) || status is < 0 or > 999) return "a response without a `status` number";
        if (status == 0)
        {
            exchange = new WireExchange(index, wireRequest, null);
            return null;
        }

        if (Headers(response) is not { } responseHeaders) return "response `headers` that are not a list of {name, value} strings";
        var (responseBody, responseProblem) = Body(response, "content", limits);
        if (responseProblem is not null) return $"response {responseProblem}";
        var wireResponse = TranscriptExchanges.Response(status, responseHeaders, responseBody, Later(started, HeadDelay(entry)));
        if (Later(started, Milliseconds(entry, "time")) is { } ended) wireResponse = wireResponse with { End = wireResponse.End! with { At = ended } };
        exchange = new WireExchange(index, wireRequest, wireResponse);
        return null;
    }

    private static string? Text(JsonElement element, string name) =>
        element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;

    private static DateTimeOffset? Time(JsonElement entry) =>
        DateTimeOffset.TryParse(Text(entry, "startedDateTime"), CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind, out var at) ? at : null;

    /// <summary>A duration in milliseconds; HAR writes -1 for a phase that did not apply. Durations
    /// beyond a century are ignored, so that adding them up cannot overflow.</summary>
    private static TimeSpan? Milliseconds(JsonElement element, string name) =>
        element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.Number && value.TryGetDouble(out double ms) && ms is >= 0 and < MaxMilliseconds
            ? TimeSpan.FromMilliseconds(ms)
            : null;

    private const double MaxMilliseconds = 100d * 366 * 24 * 3600 * 1000;

    /// <summary>From the start to the first byte of the response (<c>ssl</c> is part of <c>connect</c>).</summary>
    private static TimeSpan? HeadDelay(JsonElement entry)
    {
        if (!entry.TryGetProperty("timings", out var timings) || timings.ValueKind != JsonValueKind.Object) return null;
        TimeSpan total = TimeSpan.Zero;
        foreach (string phase in HeadPhases) total += Milliseconds(timings, phase) ?? TimeSpan.Zero;
        return total;
    }

    private static readonly string[] HeadPhases = ["blocked", "dns", "connect", "send", "wait"];

    /// <summary><paramref name="at"/> plus <paramref name="delay"/>; null when either is unknown or the sum is past the calendar.</summary>
    private static DateTimeOffset? Later(DateTimeOffset? at, TimeSpan? delay) =>
        at is { } start && delay is { } span && span <= DateTimeOffset.MaxValue - start ? start + span : null;

    private static HeaderList? Headers(JsonElement message)
    {
        if (!message.TryGetProperty("headers", out var list)) return HeaderList.Empty;
        if (list.ValueKind != JsonValueKind.Array) return null;
        var fields = new List<HeaderField>();
        foreach (var field in list.EnumerateArray())
        {
            if (field.ValueKind != JsonValueKind.Object || Text(field, "name") is not { } name || Text(field, "value") is not { } value) return null;
            if (!name.StartsWith(':')) fields.Add(new HeaderField(name, value));
        }

        return HeaderList.From(fields);
    }

    /// <summary>The bytes of <c>postData</c> or <c>content</c>: its <c>text</c>, base64-decoded when its
    /// <c>encoding</c> says so; empty when it has no text. The problem is null when the body is usable.</summary>
    private static (byte[] Body, string? Problem) Body(JsonElement message, string member, WireLogLimits limits)
    {
        if (!message.TryGetProperty(member, out var holder) || holder.ValueKind != JsonValueKind.Object || Text(holder, "text") is not { } text) return ([], null);
        byte[] body;
        switch (Text(holder, "encoding"))
        {
            case null:
                if (Encoding.UTF8.GetByteCount(text) > limits.MaxLineLength) return ([], $"body longer than {limits.MaxLineLength} bytes");
                body = Encoding.UTF8.GetBytes(text);
                break;
            case "base64":
                if (text.Length / 4 * 3 > limits.MaxLineLength + 3L) return ([], $"body longer than {limits.MaxLineLength} bytes");
                try
                {
                    body = Convert.FromBase64String(text);
                }
                catch (FormatException)
                {
                    return ([], $"`{member}.text` that is not base64");
                }

                break;
            case { } other:
                return ([], $"`{member}.encoding` `{other}` (only base64 is known)");
        }

        return body.Length > limits.MaxLineLength ? ([], $"body longer than {limits.MaxLineLength} bytes") : (body, null);
    }
}
