using System.Collections.Concurrent;
using System.Net;
using System.Security.Cryptography;
using System.Text.Json;
using ModelContextProtocol;
using ModelContextProtocol.Protocol;

namespace McpFuzz.Peers.CSharpServer;

/// <summary>
/// Streamable HTTP at <c>/mcp</c> around the SDK's <c>StreamableHttpServerTransport</c>. The SDK
/// turns one JSON-RPC message into an SSE response body and runs the session; everything about
/// HTTP is this host's, and it follows the spec (2025-03-26 to 2025-11-25) where the spec decides:
/// <list type="bullet">
/// <item>an unsupported <c>MCP-Protocol-Version</c> header gets 400 (an absent one is accepted, as
/// the spec asks for clients that predate it);</item>
/// <item>POST: Accept must list application/json and text/event-stream (else 406), Content-Type
/// must be application/json (else 415), the body one JSON-RPC message (invalid JSON: 400 with
/// -32700; a batch: 400 with -32600, batches are gone since 2025-06-18); a request gets 200 and an
/// SSE body; notifications and responses get 202 with no body;</item>
/// <item>sessions: a POST without <c>Mcp-Session-Id</c> starts a session only if it is initialize
/// (else 400); an id naming no live session (unknown or deleted) gets 404; GET and DELETE
/// without an id get 400;</item>
/// <item>GET: Accept must list text/event-stream (else 406); the transport gives one GET stream
/// per session, so later GETs get 405, the answer the spec names for "no stream offered here";
/// Last-Event-ID is ignored (no event store: nothing is resumable);</item>
/// <item>DELETE ends the session: 200, and the id is unknown from then on.</item>
/// </list>
/// HttpListener tells the host nothing when a client goes away, so a GET stream ends only when its
/// session is deleted or the program stops.
/// </summary>
internal sealed class StreamableHttpHost : IAsyncDisposable
{
    private static readonly string[] SupportedProtocolVersions = ["2025-03-26", "2025-06-18", "2025-11-25"];

    private readonly ConcurrentDictionary<string, StreamableSession> _sessions = new(StringComparer.Ordinal);

    public async Task HandleAsync(HttpListenerContext context, CancellationToken stopping)
    {
        var request = context.Request;
        var response = context.Response;
        if (request.Url?.AbsolutePath != "/mcp")
        {
            HttpAnswers.JsonRpcError(response, HttpStatusCode.NotFound, -32000, "No MCP endpoint at this path");
            return;
        }
        if (request.HttpMethod is not ("POST" or "GET" or "DELETE"))
        {
            HttpAnswers.MethodNotAllowed(response, "GET, POST, DELETE");
            return;
        }
        if (request.Headers["MCP-Protocol-Version"] is { } version && !SupportedProtocolVersions.Contains(version))
        {
            HttpAnswers.JsonRpcError(response, HttpStatusCode.BadRequest, -32000,
                $"Bad Request: Unsupported protocol version: {version}");
            return;
        }
        switch (request.HttpMethod)
        {
            case "POST":
                await PostAsync(request, response, stopping);
                break;
            case "GET":
                await GetAsync(request, response, stopping);
                break;
            default:
                await DeleteAsync(request, response);
                break;
        }
    }

    private async Task PostAsync(HttpListenerRequest request, HttpListenerResponse response, CancellationToken stopping)
    {
        if (!HttpAnswers.Accepts(request, "application/json") || !HttpAnswers.Accepts(request, "text/event-stream"))
        {
            HttpAnswers.JsonRpcError(response, HttpStatusCode.NotAcceptable, -32000,
                "Not Acceptable: Client must accept both application/json and text/event-stream");
            return;
        }
        if (!HttpAnswers.HasJsonContentType(request))
        {
            HttpAnswers.JsonRpcError(response, HttpStatusCode.UnsupportedMediaType, -32000,
                "Unsupported Media Type: Content-Type must be application/json");
            return;
        }
        var body = await HttpAnswers.ReadBodyAsync(request, stopping);
        if (body is null)
        {
            HttpAnswers.JsonRpcError(response, HttpStatusCode.RequestEntityTooLarge, -32000, "Payload Too Large");
            return;
        }
        if (HttpAnswers.Text(body).TrimStart().StartsWith('['))
        {
            HttpAnswers.JsonRpcError(response, HttpStatusCode.BadRequest, -32600,
                "Invalid Request: JSON-RPC batches are not supported");
            return;
        }
        JsonRpcMessage? message;
        try
        {
            message = JsonSerializer.Deserialize<JsonRpcMessage>(body, McpJsonUtilities.DefaultOptions);
        }
        catch (JsonException)
        {
            message = null;
        }
        if (message is null)
        {
            HttpAnswers.JsonRpcError(response, HttpStatusCode.BadRequest, -32700, "Parse error: Invalid JSON-RPC message");
            return;
        }

        var session = FindSession(request, response, startWith: message);
        if (session is null) return;

        response.AddHeader("Mcp-Session-Id", session.Id);
        HttpAnswers.StartEventStream(response);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(stopping, session.Closing);
        bool wroteBody;
        try
        {
            wroteBody = await session.Transport.HandlePostRequestAsync(message, response.OutputStream, linked.Token);
        }
        catch (OperationCanceledException)
        {
            response.Abort();
            return;
        }
        if (!wroteBody)
        {
            // Nothing to answer (a notification or a response): 202 with no body and no type.
            response.SendChunked = false;
            response.ContentType = null;
            response.Headers.Remove("Cache-Control");
            HttpAnswers.Status(response, HttpStatusCode.Accepted);
            return;
        }
        response.Close();
    }

    private async Task GetAsync(HttpListenerRequest request, HttpListenerResponse response, CancellationToken stopping)
    {
        if (!HttpAnswers.Accepts(request, "text/event-stream"))
        {
            HttpAnswers.JsonRpcError(response, HttpStatusCode.NotAcceptable, -32000,
                "Not Acceptable: Client must accept text/event-stream");
            return;
        }
        var session = FindSession(request, response, startWith: null);
        if (session is null) return;
        if (!session.TryTakeGetStream())
        {
            HttpAnswers.MethodNotAllowed(response, "POST, DELETE");
            return;
        }

        response.AddHeader("Mcp-Session-Id", session.Id);
        HttpAnswers.StartEventStream(response);
        // HttpListener sends the headers with the first write, and the SDK's flush writes nothing,
        // so an SSE comment (which clients ignore) sends them now: the client sees 200 before any
        // event exists. Not an empty write: in chunked mode that is the terminating zero-length
        // chunk, which ends the body for the client while this stream is still open, and the
        // client's next request on the reused connection then waits behind it.
        await response.OutputStream.WriteAsync(": stream open\n\n"u8.ToArray(), stopping);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(stopping, session.Closing);
        try
        {
            await session.Transport.HandleGetRequestAsync(response.OutputStream, linked.Token);
            response.Close();
        }
        catch (Exception error) when (error is OperationCanceledException or HttpListenerException or IOException)
        {
            response.Abort();
        }
    }

    private async Task DeleteAsync(HttpListenerRequest request, HttpListenerResponse response)
    {
        var session = FindSession(request, response, startWith: null);
        if (session is null) return;
        if (_sessions.TryRemove(session.Id, out _))
        {
            await session.DisposeAsync();
        }
        HttpAnswers.Status(response, HttpStatusCode.OK);
    }

    /// <summary>
    /// The session the request names, or a new one for an initialize request that names none.
    /// Answers the request itself (400 or 404) and returns null when there is no such session.
    /// </summary>
    private StreamableSession? FindSession(HttpListenerRequest request, HttpListenerResponse response, JsonRpcMessage? startWith)
    {
        var id = request.Headers["Mcp-Session-Id"];
        if (string.IsNullOrEmpty(id))
        {
            if (startWith is JsonRpcRequest { Method: RequestMethods.Initialize })
            {
                var session = new StreamableSession(NewSessionId());
                _sessions[session.Id] = session;
                return session;
            }
            HttpAnswers.JsonRpcError(response, HttpStatusCode.BadRequest, -32000,
                "Bad Request: Mcp-Session-Id header is required");
            return null;
        }
        if (_sessions.TryGetValue(id, out var existing)) return existing;
        // Spec: a request with a session id the server does not know (never issued, or
        // terminated) MUST get 404; the client then starts a new session with initialize.
        HttpAnswers.JsonRpcError(response, HttpStatusCode.NotFound, -32001, "Session not found");
        return null;
    }

    /// <summary>128 random bits as 32 lowercase hex digits: visible ASCII, as the spec requires.</summary>
    private static string NewSessionId() => Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16));

    public async ValueTask DisposeAsync()
    {
        foreach (var id in _sessions.Keys)
        {
            if (_sessions.TryRemove(id, out var session))
            {
                await session.DisposeAsync();
            }
        }
    }
}
