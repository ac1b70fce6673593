using System.Text;
using McpFuzz.Model.Checking.Oracle;
using McpFuzz.Model.Revisions;

namespace McpFuzz.Tests.Checking;

public class MessageContentTests
{
    private const string Ping = """{"jsonrpc":"2.0","id":7,"method":"ping"}""";

    private static (IReadOnlyList<ServerDeviation> Deviations, HashSet<string> Checked) Judge(string request, string message, Revision revision = Revision.V2025_11_25)
    {
        var rules = new HashSet<string>();
        var deviations = MessageContent.Judge(Encoding.UTF8.GetBytes(request), Encoding.UTF8.GetBytes(message), revision, rules);
        return (deviations, rules);
    }

    [Theory]
    [InlineData("""{"jsonrpc":"2.0","id":7,"result":{}}""")]
    [InlineData("""{"jsonrpc":"2.0","id":7,"result":{"_meta":{"trace":"x"}}}""")]
    public void A_ping_answered_with_an_empty_result_conforms(string answer)
    {
        var (deviations, rules) = Judge(Ping, answer);
        Assert.Empty(deviations);
        Assert.Contains("lifecycle.ping-empty-result", rules);
        Assert.Contains("jsonrpc.id-not-null", rules);
    }

    [Fact]
    public void A_ping_answered_with_content_breaks_the_empty_result_rule()
    {
        var (deviations, _) = Judge(Ping, """{"jsonrpc":"2.0","id":7,"result":{"content":[]}}""");
        Assert.Equal("lifecycle.ping-empty-result", Assert.Single(deviations).Rule);
    }

    [Fact]
    public void Only_the_result_of_a_ping_must_be_empty()
    {
        // Another request's result, and a result for some other id than the ping's.
        Assert.Empty(Judge("""{"jsonrpc":"2.0","id":7,"method":"tools/list"}""", """{"jsonrpc":"2.0","id":7,"result":{"tools":[]}}""").Deviations);
        var (deviations, rules) = Judge(Ping, """{"jsonrpc":"2.0","id":8,"result":{"content":[]}}""");
        Assert.Empty(deviations);
        Assert.DoesNotContain("lifecycle.ping-empty-result", rules);
    }

    [Fact]
    public void An_error_with_a_null_id_breaks_the_id_rule()
    {
        var (deviations, _) = Judge("", """{"jsonrpc":"2.0","id":null,"error":{"code":-32000,"message":"Bad Request"}}""");
        Assert.Equal("jsonrpc.id-not-null", Assert.Single(deviations).Rule);
    }

    [Fact]
    public void Shape_rules_follow_the_revision()
    {
        // resultType is required from 2026-07-28 only; ping has no place there either.
        const string list = """{"jsonrpc":"2.0","id":1,"method":"tools/list"}""";
        const string answer = """{"jsonrpc":"2.0","id":1,"result":{"tools":[]}}""";
        Assert.Empty(Judge(list, answer, Revision.V2025_06_18).Deviations);
        Assert.Equal("jsonrpc.result-type", Assert.Single(Judge(list, answer, Revision.V2026_07_28).Deviations).Rule);
        Assert.DoesNotContain("lifecycle.ping-empty-result", Judge(Ping, """{"jsonrpc":"2.0","id":7,"result":{"x":1}}""", Revision.V2026_07_28).Checked);
    }

    [Fact]
    public void A_batch_is_left_to_the_state_machine()
    {
        var (deviations, rules) = Judge(Ping, """[{"jsonrpc":"2.0","id":7,"result":{}}]""", Revision.V2025_11_25);
        Assert.DoesNotContain(deviations, d => d.Rule == "jsonrpc.no-batch");
        Assert.DoesNotContain("jsonrpc.no-batch", rules);
    }
}
