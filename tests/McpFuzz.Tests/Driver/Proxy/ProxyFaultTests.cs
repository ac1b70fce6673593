using System.Net;
using System.Text;
using McpFuzz.Driver.Proxy;
using Microsoft.AspNetCore.Http;

namespace McpFuzz.Tests.Driver.Proxy;

public sealed class ProxyFaultTests
{
    private static readonly TimeSpan Limit = TimeSpan.FromSeconds(20);

    [Theory]
    [InlineData("abort-stream:p=0.05", "AbortStream { P = 0.05, Max = 2147483647 }")]
    [InlineData("abort-stream:p=1,max=1", "AbortStream { P = 1, Max = 1 }")]
    [InlineData("delay:ms=200", "Delay { Milliseconds = 200, P = 1 }")]
    [InlineData("delay:ms=200,p=0.5", "Delay { Milliseconds = 200, P = 0.5 }")]
    [InlineData("expire-session:after=3", "ExpireSession { After = 3 }")]
    public void Fault_specs_parse(string text, string expected) => Assert.Equal(expected, ProxyFault.Parse(text).ToString());

    [Theory]
    [InlineData("abort-stream:p=2")]
    [InlineData("delay")]
    [InlineData("delay:ms=-1")]
    [InlineData("expire-session:after=x")]
    [InlineData("expire-session:after=1,p=0.5")]
    [InlineData("drop-everything")]
    public void Bad_fault_specs_are_refused(string text) => Assert.Throws<FormatException>(() => ProxyFault.Parse(text));

    [Fact]
    public void At_most_max_streams_are_cut()
    {
        var plan = new FaultPlan([new ProxyFault.AbortStream(1, 2)], 1);

        Assert.Equal([true, true, false, false], Enumerable.Range(0, 4).Select(_ => plan.AbortAt(10) is not null).ToArray());
    }

    [Fact]
    public void Delays_apply_with_their_probability()
    {
        Assert.Equal(TimeSpan.FromMilliseconds(200), new FaultPlan([new ProxyFault.Delay(200, 1)], 1).DelayFor());
        Assert.Equal(TimeSpan.Zero, new FaultPlan([new ProxyFault.Delay(200, 0)], 1).DelayFor());
        Assert.Equal(TimeSpan.Zero, new FaultPlan([], 1).DelayFor());
    }

    [Fact]
    public void A_session_expires_after_its_first_n_requests_and_others_are_untouched()
    {
        var plan = new FaultPlan([new ProxyFault.ExpireSession(2)], 1);

        Assert.Equal([false, false, true, true], Enumerable.Range(0, 4).Select(_ => plan.Expires("a")).ToArray());
        Assert.False(plan.Expires("b"));
        Assert.False(plan.Expires(null));
    }

    [Fact]
    public void The_same_seed_cuts_at_the_same_bytes()
    {
        int?[] Cuts(int seed)
        {
            var plan = new FaultPlan([new ProxyFault.AbortStream(0.5)], seed);
            return Enumerable.Range(0, 20).Select(_ => plan.AbortAt(100)).ToArray();
        }

        Assert.Equal(Cuts(42), Cuts(42));
        Assert.Contains(Cuts(42), c => c is null);
        Assert.Contains(Cuts(42), c => c is >= 0 and < 100);
    }

    [Fact]
    public async Task An_aborted_stream_gives_the_client_a_strict_prefix_and_a_broken_body()
    {
        const string Stream = "id: 1\ndata: {\"jsonrpc\":\"2.0\",\"id\":1,\"result\":{}}\n\n";
        await using var upstream = await StubUpstream.StartAsync(async http =>
        {
            http.Response.ContentType = "text/event-stream";
            await http.Response.WriteAsync(Stream);
        });
        await using var harness = await ProxyHarness.StartAsync(upstream.Url, [new ProxyFault.AbortStream(1)], seed: 5);
        using var client = new HttpClient { Timeout = Limit };

        // The cut may fall before the head left the proxy: then the request itself fails.
        var received = new MemoryStream();
        var broken = await Record.ExceptionAsync(async () =>
        {
            using var response = await client.GetAsync(harness.Proxy.Url, HttpCompletionOption.ResponseHeadersRead);
            await (await response.Content.ReadAsStreamAsync()).CopyToAsync(received);
        });

        Assert.NotNull(broken);
        string prefix = Encoding.UTF8.GetString(received.ToArray());
        Assert.True(prefix.Length < Stream.Length);
        Assert.StartsWith(prefix, Stream, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_expired_session_gets_404_from_the_proxy_without_reaching_the_upstream()
    {
        int reached = 0;
        await using var upstream = await StubUpstream.StartAsync(async http =>
        {
            Interlocked.Increment(ref reached);
            await http.Response.WriteAsync("{}");
        });
        await using var harness = await ProxyHarness.StartAsync(upstream.Url, [new ProxyFault.ExpireSession(1)]);
        using var client = new HttpClient { Timeout = Limit };

        HttpRequestMessage Post()
        {
            var request = new HttpRequestMessage(HttpMethod.Post, harness.Proxy.Url) { Content = new StringContent("{}", Encoding.UTF8, "application/json") };
            request.Headers.Add("Mcp-Session-Id", "s1");
            return request;
        }

        using var first = await client.SendAsync(Post());
        using var second = await client.SendAsync(Post());

        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, second.StatusCode);
        Assert.Equal(1, reached);
    }
}
