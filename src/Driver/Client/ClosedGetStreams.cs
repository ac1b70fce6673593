using System.Text;
using McpFuzz.Driver.Wire;
using McpFuzz.Model.Wire.Http;
using Microsoft.AspNetCore.Http;

namespace McpFuzz.Driver.Client;

/// <summary>
/// The reconnect-bounds server: every GET stream of a session is answered with a <c>retry</c>
/// interval and closed at once, as a server that keeps dropping the connection; after
/// <paramref name="Serve"/> streams it answers 405 (no GET stream), and after as many 405s
/// again it answers each only after a pause, so a client that never stops cannot flood it. The reference server never sees these GETs.
/// </summary>
/// <param name="Serve">How many GET streams are opened and closed before the 405s.</param>
/// <param name="RetryMs">The <c>retry</c> the server sends on every stream (2025-11-25: the client MUST wait it).</param>
public sealed record ClosedGetStreams(int Serve, int RetryMs)
{
    /// <summary>How long each 405 after the first <c>Serve</c> of them waits.</summary>
    public const int TarpitMs = 100;

    /// <summary>A GET stream of a Streamable HTTP session (HTTP+SSE streams are left alone).</summary>
    public static bool Applies(WireRequest request) =>
        request.Method == "GET" && request.Headers.Get(HeaderNames.SessionId) is not null && new Uri(request.Url).AbsolutePath == "/mcp";

    /// <param name="attempt">The number of this GET stream in the run, from 1.</param>
    public async Task AnswerAsync(HttpContext http, int attempt)
    {
        if (attempt > Serve)
        {
            // A client that answers a 405 with another GET at once is slowed down, not served faster.
            if (attempt > 2 * Serve) await Task.Delay(TarpitMs, http.RequestAborted).ConfigureAwait(false);
            http.Response.StatusCode = StatusCodes.Status405MethodNotAllowed;
            http.Response.Headers.Allow = "POST, DELETE";
            return;
        }

        http.Response.StatusCode = StatusCodes.Status200OK;
        http.Response.ContentType = "text/event-stream";
        http.Response.Headers.CacheControl = "no-cache";
        // A priming event (an id and empty data, 2025-11-25) carrying the retry, then the close: what a
        // polling server does. Some clients read a retry only from a dispatched event, so it has data.
        var body = Encoding.ASCII.GetBytes($"id: get-{attempt}\nretry: {RetryMs}\ndata:\n\n");
        await http.Response.Body.WriteAsync(body, http.RequestAborted).ConfigureAwait(false);
        await http.Response.Body.FlushAsync(http.RequestAborted).ConfigureAwait(false);
    }
}
