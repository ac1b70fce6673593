using System.Text;
using System.Threading.Channels;
using McpFuzz.Model.Revisions;
using Microsoft.AspNetCore.Http;

namespace McpFuzz.Tests.Driver.Proxy;

/// <summary>Through the proxy, an HTTP+SSE POST is judged with the answer its GET stream carried.</summary>
public sealed class LegacyPairingTests
{
    private static readonly TimeSpan Limit = TimeSpan.FromSeconds(20);

    [Fact]
    public async Task A_broken_answer_on_the_stream_is_found_against_the_post_it_answers()
    {
        var answers = Channel.CreateUnbounded<string>();
        await using var upstream = await StubUpstream.StartAsync(async http =>
        {
            if (http.Request.Method == "GET")
            {
                http.Response.ContentType = "text/event-stream";
                await http.Response.WriteAsync("event: endpoint\ndata: /messages?sessionId=1\n\n");
                await http.Response.Body.FlushAsync();
                await foreach (var answer in answers.Reader.ReadAllAsync(http.RequestAborted))
                {
                    await http.Response.WriteAsync($"event: message\ndata: {answer}\n\n");
                    await http.Response.Body.FlushAsync();
                }

                return;
            }

            using var reader = new StreamReader(http.Request.Body);
            string body = await reader.ReadToEndAsync();
            http.Response.StatusCode = 202;
            await http.Response.WriteAsync("Accepted");
            // The answer to initialize arrives on the stream, spelled with the wrong JSON-RPC version.
            if (body.Contains("\"initialize\"", StringComparison.Ordinal))
                answers.Writer.TryWrite("""{"jsonrpc":"1.0","id":1,"result":{"protocolVersion":"2024-11-05","capabilities":{},"serverInfo":{"name":"s","version":"1"}}}""");
        }, "/sse");
        await using var harness = await ProxyHarness.StartAsync(upstream.Url, revision: Revision.V2024_11_05);
        using var client = new HttpClient { Timeout = Limit };

        using var stream = await client.GetAsync(harness.Proxy.Url, HttpCompletionOption.ResponseHeadersRead);
        using var events = new StreamReader(await stream.Content.ReadAsStreamAsync());
        Assert.Equal("event: endpoint", await events.ReadLineAsync().WaitAsync(Limit));
        string endpoint = (await events.ReadLineAsync().WaitAsync(Limit))!["data: ".Length..];
        using var post = await client.PostAsync(new Uri(harness.Proxy.Url, endpoint), new StringContent(
            """{"jsonrpc":"2.0","id":1,"method":"initialize","params":{"protocolVersion":"2024-11-05","capabilities":{},"clientInfo":{"name":"t","version":"1"}}}""",
            Encoding.UTF8, "application/json"));
        Assert.Equal(202, (int)post.StatusCode);
        while (await events.ReadLineAsync().WaitAsync(Limit) is { } line && !line.StartsWith("data: {", StringComparison.Ordinal))
        {
        }

        answers.Writer.Complete();
        var report = await harness.StopAsync();

        var finding = Assert.Single(report.Findings);
        Assert.Equal("jsonrpc.version", finding.RuleId);
        Assert.Equal("server: conversation 1 (no session)", finding.Scenario);
        Assert.Contains("lifecycle.version-echo", report.Scenarios.Single().RulesChecked);
    }
}
