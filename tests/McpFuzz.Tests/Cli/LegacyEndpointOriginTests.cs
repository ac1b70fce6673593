using System.Net;
using System.Net.Sockets;
using System.Text;
using McpFuzz.Driver.Reports;
using McpFuzz.Driver.Server;
using McpFuzz.Model.Revisions;
using Xunit;

namespace McpFuzz.Tests.Cli;

/// <summary>An HTTP+SSE server whose <c>endpoint</c> event names another origin: McpFuzz must not
/// follow it, or the user's token would go to a host they never named.</summary>
public class LegacyEndpointOriginTests
{
    [Fact]
    public async Task An_endpoint_on_another_origin_is_reported_and_never_posted_to()
    {
        using var server = new ForeignEndpointServer("http://rebinding.invalid/messages?sessionId=1");
        var scenarios = ServerScenarios.All.Where(s => s.Name == "legacy-stream").ToArray();
        var limits = ProbeLimits.Default with { Timeout = TimeSpan.FromSeconds(5), Listen = TimeSpan.FromMilliseconds(300) };
        var run = new ServerRun(new Uri(server.Origin + "/sse"), [Revision.V2024_11_05], scenarios, [("Authorization", "Bearer secret")], limits, null);

        var (report, _) = await run.RunAsync(NoProgress.Instance);

        var result = Assert.Single(report.Scenarios);
        Assert.Contains("another origin (http://rebinding.invalid)", result.Skipped);
        Assert.Empty(report.Findings);
        Assert.DoesNotContain("POST", server.Methods);
    }

    /// <summary>Answers every GET with an SSE stream whose first event is the given endpoint, and
    /// records the method of every request.</summary>
    private sealed class ForeignEndpointServer : IDisposable
    {
        private readonly HttpListener _listener = new();
        private readonly string _endpoint;
        private readonly List<string> _methods = [];

        public ForeignEndpointServer(string endpoint)
        {
            _endpoint = endpoint;
            var probe = new TcpListener(IPAddress.Loopback, 0);
            probe.Start();
            int port = ((IPEndPoint)probe.LocalEndpoint).Port;
            probe.Stop();
            Origin = $"http://127.0.0.1:{port}";
            _listener.Prefixes.Add(Origin + "/");
            _listener.Start();
            _ = Task.Run(LoopAsync);
        }

        public string Origin { get; }

        public IReadOnlyList<string> Methods
        {
            get { lock (_methods) return _methods.ToArray(); }
        }

        private async Task LoopAsync()
        {
            while (_listener.IsListening)
            {
                HttpListenerContext context;
                try
                {
                    context = await _listener.GetContextAsync();
                }
                catch (Exception e) when (e is HttpListenerException or ObjectDisposedException or InvalidOperationException)
                {
                    return;
                }

                lock (_methods) _methods.Add(context.Request.HttpMethod);
                if (context.Request.HttpMethod != "GET")
                {
                    context.Response.StatusCode = 202;
                    context.Response.ContentLength64 = 0;
                    context.Response.Close();
                    continue;
                }

                context.Response.ContentType = "text/event-stream";
                context.Response.SendChunked = true;
                var bytes = Encoding.UTF8.GetBytes($"event: endpoint\ndata: {_endpoint}\n\n");
                try
                {
                    await context.Response.OutputStream.WriteAsync(bytes);
                    await context.Response.OutputStream.FlushAsync();
                    await Task.Delay(500);
                    context.Response.Close();
                }
                catch (Exception e) when (e is HttpListenerException or ObjectDisposedException or IOException)
                {
                }
            }
        }

        public void Dispose() => _listener.Close();
    }
}
