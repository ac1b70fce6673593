using System.Text;
using McpFuzz.Driver.Wire;
using McpFuzz.Model.Wire.Http;
using Microsoft.AspNetCore.Http;

namespace McpFuzz.Driver.Client;

/// <summary>
/// The reconnect-bounds server: every GET stream of a session is answered with a <c>retry</c>
/// interval and closed at once, as a server that keeps dropping the connection; after
/// <paramref name="Serve"/> streams it answers 405 (no GET stream), so a client that never stops
/// cannot flood it. The reference server never sees these GETs.
/// </summary>
/// <param name="Serve">How many GET streams are opened and closed before the 405s.</param>
/// <param name="RetryMs">The <c>retry</c> the server sends on every stream (2025-11-25: the client MUST wait it).</param>
public sealed record ClosedGetStreams(int Serve, int RetryMs)
{
    /// <summary>A GET stream of a Streamable HTTP session (HTTP+SSE streams are left alone).</summary>
    public static bool Applies(WireRequest request) =>
        request.Method == "GET" && request.Headers.Get(HeaderNames.SessionId) is not null && new Uri(request.Url).AbsolutePath == "/mcp";

    /// <param name="attempt">The number of this GET stream in the run, from 1.</param>
    public async Task AnswerAsync(HttpContext http, int attempt)
    {
        if (attempt > Serve)
        {
            http.Response.StatusCode = StatusCodes.Status405MethodNotAllowed;
            http.Response.Headers.Allow = "POST, DELETE";
            return;
        }

        http.Response.StatusCode = StatusCodes.Status200OK;
        http.Response.ContentType = "text/event-stream";
        http.Response.Headers.CacheControl = "no-cache";
        // A block with only a retry field sets the reconnection time without dispatching an event.
        var body = Encoding.ASCII.GetBytes($": this stream closes now; reconnect after the retry interval\nretry: {RetryMs}\n\n");
        await http.Response.Body.WriteAsync(body, http.RequestAborted).ConfigureAwait(false);
        await http.Response.Body.FlushAsync(http.RequestAborted).ConfigureAwait(false);
    }
}
