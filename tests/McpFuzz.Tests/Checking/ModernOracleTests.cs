using McpFuzz.Model.Checking.Oracle;
using McpFuzz.Model.Machines.Client;
using McpFuzz.Model.Machines.Http;
using McpFuzz.Model.Machines.Peers;
using Xunit;

namespace McpFuzz.Tests.Checking;

/// <summary>The server oracle on 2026-07-28 answers about MRTR, subscriptions, server requests,
/// resultType and the named error codes: crafted answers that break one rule each, and conforming ones.</summary>
public class ModernOracleTests
{
    private static AbstractRequest Post(Payload payload, bool inputMethod = false, InputKinds declared = InputKinds.None, Topics listen = Topics.None) => new()
    {
        Verb = Verb.Post, Payload = payload, VersionHeader = VersionValue.V2026_07_28, BodyVersion = VersionValue.V2026_07_28,
        ModernMetadata = true, RequestId = 1, InputMethod = inputMethod, Declared = declared, Listen = listen,
    };

    private static Message Result(MessageKind kind = MessageKind.ToolResult, ResultType type = ResultType.Complete) =>
        new() { Kind = kind, RequestId = 1, ResultType = type };

    private static Message InputRequired(InputKinds inputs, bool state) =>
        new() { Kind = MessageKind.InputRequired, RequestId = 1, ResultType = ResultType.InputRequired, Inputs = inputs, RequestState = state };

    private static ServerJudgement Judge(AbstractRequest request, ObservedAnswer answer) => new ServerOracle(PeerRevision.V2026_07_28).Judge(request, answer);

    private static ObservedAnswer Stream(StreamEnd end, params Message[] messages) =>
        new(AbstractResponse.Stream(), messages.Select(m => SseItem.Of(m)).ToArray(), end);

    private static string Broken(ServerJudgement judgement)
    {
        Assert.False(judgement.Conforms);
        return judgement.Deviations[0].Rule;
    }

    [Fact]
    public void A_typed_result_and_an_input_request_within_the_declared_capabilities_conform()
    {
        Assert.True(Judge(Post(Payload.ToolCall), ObservedAnswer.Of(AbstractResponse.Json(Result()))).Conforms);
        var call = Post(Payload.ToolCall, inputMethod: true, declared: InputKinds.Elicitation);
        Assert.True(Judge(call, ObservedAnswer.Of(AbstractResponse.Json(InputRequired(InputKinds.Elicitation, state: false)))).Conforms);
        Assert.True(Judge(call, Stream(StreamEnd.Clean, InputRequired(InputKinds.None, state: true))).Conforms);
        Assert.True(Judge(call, ObservedAnswer.Of(AbstractResponse.Failure(Status.BadRequest400, ErrorCode.MissingCapability32021))).Conforms);
    }

    [Fact]
    public void An_input_request_to_a_method_without_mrtr_breaks_mrtr_methods_only() =>
        Assert.Equal("modern.mrtr-methods-only", Broken(Judge(Post(Payload.ToolCall), ObservedAnswer.Of(AbstractResponse.Json(InputRequired(InputKinds.None, state: true))))));

    [Fact]
    public void An_empty_input_request_breaks_mrtr_not_empty() =>
        Assert.Equal("modern.mrtr-not-empty", Broken(Judge(Post(Payload.ToolCall, inputMethod: true), ObservedAnswer.Of(AbstractResponse.Json(InputRequired(InputKinds.None, state: false))))));

    [Fact]
    public void Asking_for_an_undeclared_input_breaks_mrtr_declared_capabilities() =>
        Assert.Equal("modern.mrtr-declared-capabilities", Broken(Judge(Post(Payload.ToolCall, inputMethod: true, declared: InputKinds.Roots),
            ObservedAnswer.Of(AbstractResponse.Json(InputRequired(InputKinds.Elicitation | InputKinds.Roots, state: true))))));

    [Fact]
    public void A_missing_capability_error_without_400_breaks_its_rule()
    {
        var answer = AbstractResponse.Json(new Message { Kind = MessageKind.ErrorResponse, RequestId = 1 });
        answer.Error = ErrorCode.MissingCapability32021;
        Assert.Equal("modern.missing-capability-32021", Broken(Judge(Post(Payload.ToolCall, inputMethod: true), ObservedAnswer.Of(answer))));
    }

    [Fact]
    public void A_reserved_error_code_breaks_reserved_error_codes()
    {
        var get = Post(Payload.None);
        get.Verb = Verb.Get;
        Assert.Equal("modern.reserved-error-codes", Broken(Judge(get, ObservedAnswer.Of(AbstractResponse.Failure(Status.MethodNotAllowed405, ErrorCode.Reserved)))));
    }

    [Fact]
    public void A_result_without_result_type_breaks_jsonrpc_result_type() =>
        Assert.Equal("jsonrpc.result-type", Broken(Judge(Post(Payload.ToolCall), ObservedAnswer.Of(AbstractResponse.Json(Result(type: ResultType.Absent))))));

    [Fact]
    public void A_server_request_on_a_response_stream_breaks_no_server_requests() =>
        Assert.Equal("modern.no-server-requests", Broken(Judge(Post(Payload.ToolCall), Stream(StreamEnd.Clean, Message.Of(MessageKind.ServerRequest), Result()))));

    [Fact]
    public void A_subscription_notification_on_a_request_stream_breaks_stream_related() =>
        Assert.Equal("modern.stream-related", Broken(Judge(Post(Payload.ToolCall), Stream(StreamEnd.Clean, Message.Notification(NoticeKind.ToolsListChanged, 0), Result()))));

    [Fact]
    public void A_subscription_acknowledged_first_and_tagged_conforms()
    {
        var listen = Post(Payload.Listen, listen: Topics.ToolsListChanged);
        var ack = Message.Notification(NoticeKind.Acknowledged, 1, Topics.ToolsListChanged);
        var open = Judge(listen, Stream(StreamEnd.Open, ack, Message.Notification(NoticeKind.ToolsListChanged, 1)));
        Assert.True(open.Conforms);
        Assert.Contains("modern.listen-ack-first", open.Checked);
        var end = Result(MessageKind.ListenResult);
        end.Subscription = 1;
        var ended = Judge(listen, Stream(StreamEnd.Clean, ack, end));
        Assert.True(ended.Conforms);
        Assert.Empty(ended.Deviations);
    }

    [Fact]
    public void A_subscription_breaks_one_rule_per_fault()
    {
        var listen = Post(Payload.Listen, listen: Topics.ToolsListChanged);
        var ack = Message.Notification(NoticeKind.Acknowledged, 1, Topics.ToolsListChanged);
        Assert.Equal("modern.listen-ack-first", Broken(Judge(listen, Stream(StreamEnd.Open, Message.Notification(NoticeKind.ToolsListChanged, 1), ack))));
        Assert.Equal("modern.listen-ack-first", Broken(Judge(listen, Stream(StreamEnd.Open))));
        Assert.Equal("modern.listen-subscription-id", Broken(Judge(listen, Stream(StreamEnd.Open, ack, Message.Notification(NoticeKind.ToolsListChanged, 0)))));
        Assert.Equal("modern.listen-only-requested", Broken(Judge(listen, Stream(StreamEnd.Open, ack, Message.Notification(NoticeKind.PromptsListChanged, 1)))));
        Assert.Equal("modern.listen-only-requested", Broken(Judge(listen, Stream(StreamEnd.Open, Message.Notification(NoticeKind.Acknowledged, 1, Topics.ToolsListChanged | Topics.ResourcesListChanged)))));
    }

    [Fact]
    public void A_subscription_the_server_drops_without_a_final_result_deviates_from_graceful_end()
    {
        var listen = Post(Payload.Listen, listen: Topics.ToolsListChanged);
        var judgement = Judge(listen, Stream(StreamEnd.ServerClosed, Message.Notification(NoticeKind.Acknowledged, 1, Topics.ToolsListChanged)));
        Assert.True(judgement.Conforms);
        Assert.Equal("modern.listen-graceful-end", Assert.Single(judgement.Deviations).Rule);
        var cancelled = Judge(listen, Stream(StreamEnd.ServerClosed, Message.Notification(NoticeKind.Acknowledged, 1), Message.Notification(NoticeKind.Cancelled, 1)));
        Assert.Empty(cancelled.Deviations);
    }
}
