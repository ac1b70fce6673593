using System.Text.Json;
using McpFuzz.Driver.Output;
using McpFuzz.Driver.Transcripts;
using McpFuzz.Model.Wire.Http;

namespace McpFuzz.Driver.Decode;

/// <summary>Decodes the bodies inside a transcript: a header line per exchange, then its SSE events
/// (decode sse) or its JSON-RPC messages (decode jsonrpc).</summary>
public sealed class TranscriptDecoder(JsonLines output, SseDecodeSettings settings, DecodeTally tally)
{
    public void DecodeSse(string input, IReadOnlyList<HttpExchange> exchanges)
    {
        foreach (var exchange in exchanges)
        {
            WriteExchange(input, exchange);
            if (exchange.Response is not { } response || BodyKinds.Of(response) != BodyKind.EventStream) continue;
            var decoder = new SseDecoder(output, settings, tally, Context(input, exchange));
            decoder.Feed(response.Body);
            decoder.Complete();
        }
    }

    public void DecodeJsonRpc(string input, IReadOnlyList<HttpExchange> exchanges)
    {
        foreach (var exchange in exchanges)
        {
            WriteExchange(input, exchange);
            if (exchange.Request is { } request && BodyKinds.Of(request) == BodyKind.Json) WriteMessage(input, exchange, "request", request.Body);
            if (exchange.Response is not { } response) continue;
            switch (BodyKinds.Of(response))
            {
                case BodyKind.Json:
                    WriteMessage(input, exchange, "response", response.Body);
                    break;
                case BodyKind.EventStream:
                    // Every event's data is a payload; the SSE framing itself is `decode sse`'s job.
                    var decoder = new SseDecoder(output, settings with { ClassifyData = true }, tally, Context(input, exchange));
                    decoder.Feed(response.Body);
                    decoder.Complete();
                    break;
            }
        }
    }

    private void WriteMessage(string input, HttpExchange exchange, string direction, byte[] body) => output.Write(json =>
        MessageJson.Decode(json, body, settings.Revision, tally, json =>
        {
            Context(input, exchange)(json);
            json.WriteString("direction", direction);
        }));

    private void WriteExchange(string input, HttpExchange exchange) => output.Write(json =>
    {
        json.WriteString("kind", "exchange");
        json.WriteString("input", input);
        json.WriteNumber("exchange", exchange.Index);
        json.WriteString("title", exchange.Title);
        if (exchange.Request is { } request) json.WriteString("request", request.StartLine);
        if (exchange.Response is { } response)
        {
            if (response.Status is { } status) json.WriteNumber("status", status);
            if (response.Headers.Get(HeaderNames.ContentType) is { } type) json.WriteString("contentType", type);
            json.WriteString("body", BodyKinds.Of(response).ToString().ToLowerInvariant());
            json.WriteNumber("bodyBytes", response.Body.Length);
        }
    });

    private static Action<Utf8JsonWriter> Context(string input, HttpExchange exchange) => json =>
    {
        json.WriteString("input", input);
        json.WriteNumber("exchange", exchange.Index);
    };
}
