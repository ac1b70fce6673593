using System.Net;
using System.Net.Sockets;
using McpFuzz.Driver.Reference;
using McpFuzz.Driver.Reports;
using McpFuzz.Driver.Server;
using McpFuzz.Model.Machines.Authorization;
using McpFuzz.Model.Machines.Peers;
using McpFuzz.Model.Revisions;
using Xunit;
using static McpFuzz.Model.Machines.Authorization.DeploymentFlags;

namespace McpFuzz.Tests.Cli;

public class AuthorizationScenarioTests
{
    private static async Task<(RunReport Report, Detection Detection)> RunAsync(Revision revision, AuthorizationSetup? setup, params (string, string)[] headers)
    {
        await using var server = await ReferenceServer.StartAsync((PeerRevision)(int)revision, ServerProfile.RequiresAuthorization, ReplyStyle.Sse, 0, CancellationToken.None, setup);
        var run = new ServerRun(server.Url, [revision], ServerScenarios.All, headers, ProbeLimits.Default, null);
        return await run.RunAsync(NoProgress.Instance);
    }

    [Theory]
    [InlineData("2025-03-26")]
    [InlineData("2025-06-18")]
    [InlineData("2025-11-25")]
    [InlineData("2026-07-28")]
    public async Task Without_a_token_only_discovery_runs_and_the_reference_passes_it(string text)
    {
        Assert.True(Revisions.TryParse(text, out var revision));
        var (report, detection) = await RunAsync(revision, null);
        Assert.True(detection.RequiresAuthorization);
        Assert.Empty(report.Findings);
        var authorization = Assert.Single(report.Scenarios, s => s.Name == AuthorizationScenario.Name);
        Assert.Null(authorization.Skipped);
        Assert.Contains("auth.401-required", authorization.RulesChecked);
        Assert.Contains("auth.as-issuer", authorization.RulesChecked);
        Assert.All(report.Scenarios.Where(s => s != authorization), s => Assert.Equal(Detection.AuthorizationSkip, s.Skipped));
    }

    [Theory]
    [InlineData("2025-03-26")]
    [InlineData("2025-11-25")]
    [InlineData("2026-07-28")]
    public async Task With_an_accepted_token_every_scenario_runs(string text)
    {
        Assert.True(Revisions.TryParse(text, out var revision));
        var (report, detection) = await RunAsync(revision, null, ("Authorization", "Bearer any-token"));
        Assert.False(detection.RequiresAuthorization);
        Assert.Empty(report.Findings);
        Assert.All(report.Scenarios, s => Assert.Null(s.Skipped));
        Assert.Contains(report.Scenarios, s => s.Name == AuthorizationScenario.Name);
    }

    [Fact]
    public async Task A_server_that_needs_no_token_has_no_authorization_scenario_and_the_progress_total_says_so()
    {
        await using var server = await ReferenceServer.StartAsync(PeerRevision.V2025_06_18, ServerProfile.None, ReplyStyle.Sse, 0, CancellationToken.None);
        var scenarios = ServerScenarios.All.Where(s => s.Applies(Revision.V2025_06_18)).ToArray();
        using var lines = new StringWriter();
        var progress = new ConsoleProgress(lines, scenarios.Length);
        var (report, _) = await new ServerRun(server.Url, [Revision.V2025_06_18], scenarios, [], ProbeLimits.Default, null).RunAsync(progress);
        Assert.DoesNotContain(report.Scenarios, s => s.Name == AuthorizationScenario.Name);
        int ran = scenarios.Length - 1;
        Assert.StartsWith($"[{ran}/{ran}]", lines.ToString().TrimEnd().Split('\n')[^1]);
    }

    public static TheoryData<string, AuthorizationSetup, string[]> Broken => new()
    {
        { "2025-06-18", new(Deployment.SeparateAuthorizationServer.Without(ResourceMetadataInChallenge)), ["auth.401-resource-metadata"] },
        { "2025-11-25", new(Deployment.SeparateAuthorizationServer.Without(ResourceMetadataInChallenge | PrmAtPath)), ["auth.prm-location", "auth.prm-required"] },
        { "2025-11-25", new(ServerDeployments.Of(PeerRevision.V2025_11_25), ForeignResource: true), ["auth.prm-resource"] },
        { "2026-07-28", new(ServerDeployments.Of(PeerRevision.V2026_07_28).Without(IssuerMatches)), ["auth.as-issuer"] },
        { "2025-11-25", new(ServerDeployments.Of(PeerRevision.V2025_11_25).Without(PkceAdvertised)), ["auth.pkce-s256-advertised"] },
        { "2025-03-26", new(Deployment.OwnAuthorizationServer.Without(OAuthPathInserted)), ["auth.as-metadata-advisory"] },
        { "2025-03-26", new(Deployment.OwnAuthorizationServer.Without(OAuthPathInserted | ServesDefaultEndpoints)), ["auth.as-metadata-advisory", "auth.default-endpoints"] },
    };

    [Theory]
    [MemberData(nameof(Broken))]
    public async Task A_broken_deployment_fails_the_authorization_scenario_with_its_rule(string text, AuthorizationSetup setup, string[] rules)
    {
        Assert.True(Revisions.TryParse(text, out var revision));
        var (report, _) = await RunAsync(revision, setup);
        Assert.Equal(rules.Order(), report.Findings.Select(f => f.RuleId).Distinct().Order());
        Assert.All(report.Findings, f =>
        {
            Assert.Equal(AuthorizationScenario.Name, f.Scenario);
            Assert.NotEmpty(f.Exchange);
        });
    }

    [Fact]
    public async Task The_user_s_headers_never_reach_another_origin_and_the_token_stays_off_discovery()
    {
        using var auth = new RecordingServer(_ => (200, "{\"issuer\":\"ISSUER\",\"code_challenge_methods_supported\":[\"S256\"]}"));
        using var mcp = new RecordingServer(path => path switch
        {
            "/.well-known/oauth-protected-resource/mcp" => (200, $"{{\"resource\":\"MCP\",\"authorization_servers\":[\"{auth.Origin}\"]}}"),
            _ => (401, ""),
        }, challenge: true);
        auth.Replace("ISSUER", auth.Origin);
        mcp.Replace("MCP", mcp.Origin + "/mcp");

        var run = new ServerRun(new Uri(mcp.Origin + "/mcp"), [Revision.V2025_11_25], [AuthorizationScenario.Scenario],
            [("Authorization", "Bearer secret-token"), ("X-Api-Key", "secret-key")], ProbeLimits.Default, null);
        var (report, _) = await run.RunAsync(NoProgress.Instance);

        Assert.Empty(report.Findings);
        Assert.NotEmpty(auth.Requests);
        Assert.All(auth.Requests, r => Assert.DoesNotContain(r.Headers, h => h.Value.Contains("secret")));
        var discovery = mcp.Requests.Where(r => r.Path.StartsWith("/.well-known/", StringComparison.Ordinal)).ToArray();
        Assert.NotEmpty(discovery);
        Assert.All(discovery, r => Assert.DoesNotContain(r.Headers, h => h.Name == "Authorization"));
        Assert.All(discovery, r => Assert.Contains(r.Headers, h => h.Value == "secret-key"));
        // Detection used the token on the user's origin; the tokenless request did not.
        Assert.Contains(mcp.Requests, r => r.Path == "/mcp" && r.Headers.Any(h => h.Value == "Bearer secret-token"));
        Assert.Contains(mcp.Requests, r => r.Path == "/mcp" && r.Headers.All(h => h.Name != "Authorization"));
    }

    /// <summary>An HTTP server on 127.0.0.1 that answers from a table and records every request's headers.</summary>
    private sealed class RecordingServer : IDisposable
    {
        private readonly HttpListener _listener = new();
        private readonly Func<string, (int Status, string Body)> _answer;
        private readonly bool _challenge;
        private readonly List<(string From, string To)> _replacements = [];
        private readonly object _gate = new();
        private readonly List<(string Path, IReadOnlyList<(string Name, string Value)> Headers)> _requests = [];

        public RecordingServer(Func<string, (int, string)> answer, bool challenge = false)
        {
            _answer = answer;
            _challenge = challenge;
            int port = FreePort();
            Origin = $"http://127.0.0.1:{port}";
            _listener.Prefixes.Add(Origin + "/");
            _listener.Start();
            _ = Task.Run(LoopAsync);
        }

        public string Origin { get; }

        public IReadOnlyList<(string Path, IReadOnlyList<(string Name, string Value)> Headers)> Requests
        {
            get { lock (_gate) return _requests.ToArray(); }
        }

        public void Replace(string from, string to) => _replacements.Add((from, to));

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

                string path = context.Request.Url!.AbsolutePath;
                var headers = context.Request.Headers.AllKeys.SelectMany(k => context.Request.Headers.GetValues(k!)!.Select(v => (k!, v))).ToArray();
                lock (_gate) _requests.Add((path, headers));
                var (status, body) = _answer(path);
                foreach (var (from, to) in _replacements) body = body.Replace(from, to, StringComparison.Ordinal);
                context.Response.StatusCode = status;
                if (status == 401 && _challenge) context.Response.Headers["WWW-Authenticate"] = $"Bearer resource_metadata=\"{Origin}/.well-known/oauth-protected-resource/mcp\"";
                var bytes = System.Text.Encoding.UTF8.GetBytes(body);
                if (bytes.Length > 0) context.Response.ContentType = "application/json";
                // A fixed length, not chunked: on a reused connection a chunked empty body's
                // terminator could be read as the next status line.
                context.Response.ContentLength64 = bytes.Length;
                await context.Response.OutputStream.WriteAsync(bytes);
                context.Response.Close();
            }
        }

        private static int FreePort()
        {
            var probe = new TcpListener(IPAddress.Loopback, 0);
            probe.Start();
            int port = ((IPEndPoint)probe.LocalEndpoint).Port;
            probe.Stop();
            return port;
        }

        public void Dispose() => _listener.Close();
    }
}
