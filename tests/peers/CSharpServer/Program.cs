// A real MCP server on the C# SDK (ModelContextProtocol 2.3.1) for the interop tests:
//
//   dotnet CSharpServer.dll             Streamable HTTP at http://127.0.0.1:PORT/mcp
//   dotnet CSharpServer.dll legacy-sse  HTTP+SSE (2024-11-05) at http://127.0.0.1:PORT/sse
//
// It listens on 127.0.0.1 only, on a free port it finds itself, prints exactly one line on stdout,
// `LISTENING <url>`, and exits on SIGTERM, SIGINT, or when stdin closes (so a test host that
// dies cannot leave it running; keep stdin open when starting it by hand).
using System.Net;
using System.Net.Sockets;
using System.Runtime.InteropServices;
using McpFuzz.Peers.CSharpServer;

if (args is not ([] or ["legacy-sse"]))
{
    Console.Error.WriteLine("usage: CSharpServer [legacy-sse]");
    return 2;
}
var legacy = args is ["legacy-sse"];

using var stopping = new CancellationTokenSource();
Console.CancelKeyPress += (_, e) =>
{
    e.Cancel = true;
    stopping.Cancel();
};
using var sigterm = PosixSignalRegistration.Create(PosixSignal.SIGTERM, context =>
{
    context.Cancel = true;
    stopping.Cancel();
});
var stdinWatch = new Thread(() =>
{
    // Read until end of input: the test host closing our stdin (or dying) means stop.
    using var stdin = Console.OpenStandardInput();
    var buffer = new byte[256];
    while (stdin.Read(buffer) > 0) { }
    stopping.Cancel();
}) { IsBackground = true, Name = "stdin watch" };
stdinWatch.Start();

using var listener = Listen();
var baseUrl = listener.Prefixes.Single().TrimEnd('/');
Console.Out.WriteLine($"LISTENING {baseUrl}{(legacy ? "/sse" : "/mcp")}");
Console.Out.Flush();

await using var streamable = new StreamableHttpHost();
await using var legacyHost = new LegacySseHost();
Func<HttpListenerContext, CancellationToken, Task> handle = legacy ? legacyHost.HandleAsync : streamable.HandleAsync;

using (stopping.Token.Register(listener.Stop))
{
    while (!stopping.IsCancellationRequested)
    {
        HttpListenerContext context;
        try
        {
            context = await listener.GetContextAsync();
        }
        catch (Exception error) when (error is HttpListenerException or ObjectDisposedException or InvalidOperationException)
        {
            break; // the listener was stopped
        }
        _ = Task.Run(() => ServeAsync(context));
    }
}
return 0;

async Task ServeAsync(HttpListenerContext context)
{
    try
    {
        await handle(context, stopping.Token);
    }
    catch (ObjectDisposedException)
    {
        // HttpListener answered the request itself (e.g. 411 for a body without a length).
    }
    catch (Exception error)
    {
        Console.Error.WriteLine($"CSharpServer: {context.Request.HttpMethod} {context.Request.Url}: {error}");
        try
        {
            context.Response.StatusCode = (int)HttpStatusCode.InternalServerError;
            context.Response.Close();
        }
        catch (Exception)
        {
            context.Response.Abort(); // the response had already started; drop the connection
        }
    }
}

// HttpListener cannot listen on port 0, so find a free port with a socket and take it; another
// process can take it in between, in which case try again with another one.
static HttpListener Listen()
{
    const int attempts = 20;
    for (var attempt = 1; ; attempt++)
    {
        int port;
        using (var probe = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp))
        {
            probe.Bind(new IPEndPoint(IPAddress.Loopback, 0));
            port = ((IPEndPoint)probe.LocalEndPoint!).Port;
        }
        var listener = new HttpListener();
        listener.Prefixes.Add($"http://127.0.0.1:{port}/");
        try
        {
            listener.Start();
            return listener;
        }
        catch (HttpListenerException) when (attempt < attempts)
        {
            listener.Close();
        }
    }
}
