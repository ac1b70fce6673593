using System.Text;
using McpFuzz.Driver.Proxy;
using McpFuzz.Driver.Wire;

namespace McpFuzz.Tests.Driver.Proxy;

/// <summary>HTTP+SSE POSTs are paired with the stream's answers by JSON-RPC id.</summary>
public sealed class LegacyAnswersTests
{
    private static readonly TimeSpan Long = TimeSpan.FromMinutes(5);

    private static WireSseEvent Message(string data) => new("message", null, data, 0, default);

    private static byte[] Body(string json) => Encoding.UTF8.GetBytes(json);

    [Fact]
    public void A_post_gets_the_response_with_its_id_whether_it_arrives_before_or_after_the_post_asks()
    {
        var answers = new LegacyAnswers(Long);
        var got = new List<string>();

        answers.Await(Body("""{"jsonrpc":"2.0","id":7,"method":"tools/list"}"""), events => got.Add("7:" + string.Join("|", events.Select(e => e.Data))));
        answers.Event(Message("""{"jsonrpc":"2.0","method":"notifications/message","params":{}}"""));
        answers.Event(Message("""{"jsonrpc":"2.0","id":"7","result":{}}"""));
        Assert.Empty(got);
        answers.Event(Message("""{"jsonrpc":"2.0","id":8,"result":{}}"""));
        answers.Event(Message("""{"jsonrpc":"2.0","id":7,"result":{}}"""));
        answers.Await(Body("""{"jsonrpc":"2.0","id":8,"method":"ping"}"""), events => got.Add("8:" + string.Join("|", events.Select(e => e.Data))));

        Assert.Equal(["7:{\"jsonrpc\":\"2.0\",\"id\":7,\"result\":{}}", "8:{\"jsonrpc\":\"2.0\",\"id\":8,\"result\":{}}"], got);
    }

    [Fact]
    public void A_notification_is_judged_at_once_and_a_waiting_request_when_the_stream_ends()
    {
        var answers = new LegacyAnswers(Long);
        var got = new List<string>();

        answers.Await(Body("""{"jsonrpc":"2.0","method":"notifications/initialized"}"""), events => got.Add($"notification {events.Count}"));
        answers.Await(Body("""{"jsonrpc":"2.0","id":1,"method":"tools/call"}"""), events => got.Add($"request {events.Count}"));
        Assert.Equal(["notification 0"], got);
        answers.Close();
        answers.Event(Message("""{"jsonrpc":"2.0","id":1,"result":{}}"""));

        Assert.Equal(["notification 0", "request 0"], got);
    }

    [Fact]
    public void A_batch_is_keyed_by_its_request_ids_and_matched_by_the_ids_of_the_responses()
    {
        Assert.Equal("1,2", LegacyAnswers.RequestKey(Body("""[{"jsonrpc":"2.0","id":2,"method":"a"},{"jsonrpc":"2.0","method":"n"},{"jsonrpc":"2.0","id":1,"method":"b"}]""")));
        Assert.Equal("1,2", LegacyAnswers.ResponseKey("""[{"jsonrpc":"2.0","id":1,"result":{}},{"jsonrpc":"2.0","id":2,"error":{"code":1,"message":"x"}}]"""));
        Assert.Null(LegacyAnswers.ResponseKey("""{"jsonrpc":"2.0","id":3,"method":"sampling/createMessage"}"""));
        Assert.Null(LegacyAnswers.RequestKey(Body("not json")));
    }
}
