using System.Collections.Concurrent;
using System.Net;
using System.Text.Json;
using Microsoft.Extensions.Logging.Abstractions;
using ModelContextProtocol;
using ModelContextProtocol.Protocol;
using ModelContextProtocol.Server;

namespace McpFuzz.Peers.CSharpServer;

/// <summary>
/// The 2024-11-05 HTTP+SSE transport around the SDK's <c>SseResponseStreamTransport</c>:
/// <c>GET /sse</c> opens a session whose stream begins with <c>event: endpoint</c> naming
/// <c>/message?sessionId=ID</c> (the SDK writes that event and every later one); <c>POST
/// /message?sessionId=ID</c> hands one JSON-RPC message to that session and gets 202 Accepted, the
/// answer travelling on the stream. Host choices: an unknown sessionId gets 404, a body that is not
/// one JSON-RPC message gets 400. HttpListener does not report a client going away, so a session
/// lasts until the program stops.
/// </summary>
internal sealed class LegacySseHost : IAsyncDisposable
{
    private const string MessagePath = "/message";

    private readonly ConcurrentDictionary<string, LegacySession> _sessions = new(StringComparer.Ordinal);

    public async Task HandleAsync(HttpListenerContext context, CancellationToken stopping)
    {
        var request = context.Request;
        var response = context.Response;
        switch (request.Url?.AbsolutePath)
        {
            case "/sse" when request.HttpMethod == "GET":
                await StreamAsync(response, stopping);
                break;
            case "/sse":
                HttpAnswers.MethodNotAllowed(response, "GET");
                break;
            case MessagePath when request.HttpMethod == "POST":
                await PostAsync(request, response, stopping);
                break;
            case MessagePath:
                HttpAnswers.MethodNotAllowed(response, "POST");
                break;
            default:
                HttpAnswers.JsonRpcError(response, HttpStatusCode.NotFound, -32000, "No MCP endpoint at this path");
                break;
        }
    }

    private async Task StreamAsync(HttpListenerResponse response, CancellationToken stopping)
    {
        HttpAnswers.StartEventStream(response);
        var id = Guid.NewGuid().ToString("N");
        // The SDK writes the endpoint it is given as is, so the host puts the session id in it.
        var transport = new SseResponseStreamTransport(response.OutputStream, $"{MessagePath}?sessionId={id}", id);
        var server = McpServer.Create(transport, EchoServer.Options(), NullLoggerFactory.Instance);
        var session = new LegacySession(transport, server);
        _sessions[id] = session;
        try
        {
            var streaming = transport.RunAsync(stopping);
            await server.RunAsync(stopping);
            await streaming;
        }
        catch (Exception error) when (error is OperationCanceledException or HttpListenerException or IOException)
        {
            // The program is stopping, or the stream broke: either way the session is over.
        }
        finally
        {
            if (_sessions.TryRemove(id, out _))
            {
                await session.DisposeAsync();
            }
            response.Abort();
        }
    }

    private async Task PostAsync(HttpListenerRequest request, HttpListenerResponse response, CancellationToken stopping)
    {
        if (!_sessions.TryGetValue(request.QueryString["sessionId"] ?? "", out var session))
        {
            HttpAnswers.JsonRpcError(response, HttpStatusCode.NotFound, -32001, "Session not found");
            return;
        }
        var body = await HttpAnswers.ReadBodyAsync(request, stopping);
        if (body is null)
        {
            HttpAnswers.JsonRpcError(response, HttpStatusCode.RequestEntityTooLarge, -32000, "Payload Too Large");
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
        await session.Transport.OnMessageReceivedAsync(message, stopping);
        HttpAnswers.Status(response, HttpStatusCode.Accepted);
    }

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

    private sealed record LegacySession(SseResponseStreamTransport Transport, McpServer Server) : IAsyncDisposable
    {
        public async ValueTask DisposeAsync()
        {
            await Server.DisposeAsync();
            await Transport.DisposeAsync();
        }
    }
}
