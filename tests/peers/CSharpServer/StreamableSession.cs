using Microsoft.Extensions.Logging.Abstractions;
using ModelContextProtocol.Server;

namespace McpFuzz.Peers.CSharpServer;

/// <summary>One Streamable HTTP session: the SDK transport, the MCP server reading from it, and
/// whether its one GET stream has been handed out.</summary>
internal sealed class StreamableSession : IAsyncDisposable
{
    private readonly CancellationTokenSource _closing = new();
    private readonly Task _serverRun;
    private int _getStreamTaken;

    public StreamableSession(string id)
    {
        Id = id;
        Transport = new StreamableHttpServerTransport(NullLoggerFactory.Instance) { SessionId = id };
        Server = McpServer.Create(Transport, EchoServer.Options(), NullLoggerFactory.Instance);
        _serverRun = Server.RunAsync(_closing.Token);
    }

    public string Id { get; }

    public StreamableHttpServerTransport Transport { get; }

    public McpServer Server { get; }

    /// <summary>Ended when the session is deleted or the program stops.</summary>
    public CancellationToken Closing => _closing.Token;

    /// <summary>
    /// The SDK transport serves one GET stream per session for the session's lifetime (a second
    /// HandleGetRequestAsync throws), so the host hands it out once.
    /// </summary>
    public bool TryTakeGetStream() => Interlocked.Exchange(ref _getStreamTaken, 1) == 0;

    public async ValueTask DisposeAsync()
    {
        await _closing.CancelAsync();
        await Transport.DisposeAsync();
        await Server.DisposeAsync();
        try
        {
            await _serverRun;
        }
        catch (OperationCanceledException)
        {
            // The run loop ends by cancellation; that is the normal way out.
        }
        _closing.Dispose();
    }
}
