using McpFuzz.Driver.Server;
using McpFuzz.Driver.Wire;
using McpFuzz.Model.Wire.Sse;

namespace McpFuzz.Driver.Fuzz;

/// <summary>Sends a request and stops reading its answer after a number of body bytes, closing
/// the connection there (also inside an SSE event), as a client that goes away does. What was
/// read is the answer; its end is the client's (<see cref="StreamEndKind.Timeout"/>: still open).
/// A GET stream is read for the listening window at most: it may never send that many bytes.</summary>
public sealed class AbortingSender(HttpClient client, ProbeLimits limits)
{
    public async Task<(WireExchange Exchange, bool Cut)> SendAsync(int index, WireRequest request, int abortAt, CancellationToken cancel)
    {
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancel);
        deadline.CancelAfter(limits.Timeout);
        try
        {
            using var message = new HttpRequestMessage(new HttpMethod(request.Method), request.Url);
            if (request.Body.Length > 0 || request.Method == "POST") message.Content = new ByteArrayContent(request.Body);
            foreach (var field in request.Headers)
            {
                if (!message.Headers.TryAddWithoutValidation(field.Name, field.Value)) message.Content?.Headers.TryAddWithoutValidation(field.Name, field.Value);
            }

            using var response = await client.SendAsync(message, HttpCompletionOption.ResponseHeadersRead, deadline.Token).ConfigureAwait(false);
            var head = new WireResponse((int)response.StatusCode, HttpProbe.HeadersOf(response), [], [], null, DateTimeOffset.UtcNow);
            var bytes = new byte[abortAt + 1];
            int read = 0;
            bool stopped = false;
            using var window = CancellationTokenSource.CreateLinkedTokenSource(deadline.Token);
            if (request.Method == "GET") window.CancelAfter(limits.Listen);
            await using (var body = await response.Content.ReadAsStreamAsync(deadline.Token).ConfigureAwait(false))
            {
                try
                {
                    while (read < bytes.Length)
                    {
                        int n = await body.ReadAsync(bytes.AsMemory(read), window.Token).ConfigureAwait(false);
                        if (n == 0) break;
                        read += n;
                    }
                }
                catch (Exception e) when (e is OperationCanceledException or IOException)
                {
                    stopped = e is OperationCanceledException;
                }
            }

            bool cut = read > abortAt;
            read = Math.Min(read, abortAt);
            var kind = cut || stopped ? StreamEndKind.Timeout : StreamEndKind.Clean;
            var end = new WireStreamEnd(kind, DateTimeOffset.UtcNow);
            if (!head.IsEventStream) return (new WireExchange(index, request, head with { Body = bytes[..read], End = end }), cut);

            var events = new List<WireSseEvent>();
            await foreach (var record in SseStreamReader.ReadAsync(new MemoryStream(bytes, 0, read), cancellationToken: cancel).ConfigureAwait(false))
            {
                if (record.Kind == SseRecordKind.Event) events.Add(WireSseEvent.From(record, DateTimeOffset.UtcNow));
            }

            return (new WireExchange(index, request, head with { Events = events, End = end }), cut);
        }
        catch (Exception e) when (e is HttpRequestException or OperationCanceledException or IOException)
        {
            return (new WireExchange(index, request, null), false);
        }
    }
}
