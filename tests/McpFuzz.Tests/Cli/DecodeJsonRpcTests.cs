namespace McpFuzz.Tests.Cli;

public class DecodeJsonRpcTests
{
    [Fact]
    public void A_payload_is_classified_with_the_revisions_it_is_valid_in()
    {
        var result = CliRunner.RunWithInput("""[{"jsonrpc":"2.0","id":1,"method":"ping"}]""", "decode", "jsonrpc");
        var message = Assert.Single(result.Lines);
        Assert.Equal("batch", message.GetProperty("kind").GetString());
        Assert.Equal(["2025-03-26"], message.GetProperty("validIn").EnumerateArray().Select(r => r.GetString()));
        Assert.Equal(0, result.ExitCode); // a 2025-03-26 peer may send it
    }

    [Theory]
    [InlineData("2025-03-26", 0)]
    [InlineData("2025-06-18", 1)]
    public void With_a_revision_its_violations_are_findings(string revision, int exit)
    {
        var result = CliRunner.RunWithInput("""[{"jsonrpc":"2.0","id":1,"method":"ping"}]""", "decode", "jsonrpc", "--revision", revision);
        Assert.Equal(exit, result.ExitCode);
    }

    [Fact]
    public void Lines_mode_reads_stdio_framing()
    {
        var result = CliRunner.RunWithInput("{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"ping\"}\r\n\n{\"jsonrpc\":\"2.0\",\"id\":1,\"result\":{}}\n", "decode", "jsonrpc", "--lines");
        Assert.Equal(["request", "result"], result.Lines.Select(l => l.GetProperty("kind").GetString()));
        Assert.Equal([1, 3], result.Lines.Select(l => l.GetProperty("line").GetInt32()));
    }

    [Fact]
    public void A_raw_HTTP_response_is_recognised_and_its_body_classified()
    {
        var result = CliRunner.Run("decode", "jsonrpc", "--sample", "server-discover-probe.txt");
        Assert.Equal(1, result.ExitCode);
        var exchange = Assert.Single(result.OfKind("exchange"));
        Assert.Equal(400, exchange.GetProperty("status").GetInt32());
        var error = Assert.Single(result.OfKind("error"));
        Assert.Equal(-32000, error.GetProperty("errorCode").GetInt32());
        Assert.Equal("jsonrpc.id-not-null", error.GetProperty("violations")[0].GetProperty("rule").GetString());
    }

    [Fact]
    public void A_curl_transcript_yields_requests_JSON_responses_and_SSE_messages()
    {
        var result = CliRunner.Run("decode", "jsonrpc", "--sample", "streamable-http-csharp-core-httplistener.txt", "-r", "2025-11-25");
        var directions = result.Lines.Where(l => l.TryGetProperty("direction", out _)).Select(l => l.GetProperty("direction").GetString()).ToList();
        Assert.Contains("request", directions);
        var initialize = result.Lines.First(l => l.TryGetProperty("method", out var m) && m.GetString() == "initialize");
        Assert.Equal("request", initialize.GetProperty("kind").GetString());
        var sseResults = result.OfKind("event").Where(e => e.TryGetProperty("message", out _)).ToList();
        Assert.NotEmpty(sseResults);
        Assert.All(sseResults, e => Assert.Empty(e.GetProperty("message").GetProperty("violations").EnumerateArray()));
    }
}
