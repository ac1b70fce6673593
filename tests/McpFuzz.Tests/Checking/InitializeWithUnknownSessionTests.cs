using McpFuzz.Model.Checking.Oracle;
using McpFuzz.Model.Machines.Client;
using McpFuzz.Model.Machines.Http;
using McpFuzz.Model.Machines.Peers;
using Xunit;

namespace McpFuzz.Tests.Checking;

/// <summary>
/// An initialize that bears a session id the server does not know (never handed out, or ended by
/// DELETE). The spec answers a request bearing such an id with 404, and a client starting a new
/// session sends none, so the request breaks a client rule and earns any 4xx; a server that serves
/// it as a fresh initialize is as right. The TypeScript SDK server answers 404, server-everything
/// 400, the reference server serves it: the oracle accepts these, and not a 5xx.
/// </summary>
public class InitializeWithUnknownSessionTests
{
    private const VersionValue Latest = VersionValue.V2025_11_25;
    private const byte NeverHandedOut = 7;

    [Fact]
    public void Before_any_session_it_may_be_answered_404_or_another_4xx_or_served()
    {
        Assert.True(new ServerOracle(PeerRevision.V2025_11_25).Judge(Initialize(1, NeverHandedOut), Answer(AbstractResponse.Failure(Status.BadRequest400, ErrorCode.Legacy))).Conforms);
        Assert.True(new ServerOracle(PeerRevision.V2025_11_25).Judge(Initialize(1, NeverHandedOut), Answer(AbstractResponse.Of(Status.NotFound404))).Conforms);
        Assert.True(new ServerOracle(PeerRevision.V2025_11_25).Judge(Initialize(1, NeverHandedOut), Answer(InitializeResult(1, session: 1))).Conforms);
    }

    [Fact]
    public void Within_a_session_the_404_leaves_the_session_as_it_was()
    {
        var oracle = Session();
        var verdict = oracle.Judge(Initialize(3, NeverHandedOut), Answer(AbstractResponse.Of(Status.NotFound404)));
        Assert.True(verdict.Conforms);
        Assert.Empty(verdict.Deviations);
        Assert.Contains("any 4xx", verdict.Expected, StringComparison.Ordinal);
        Assert.True(oracle.Judge(Ping(4), Answer(Result(4))).Conforms);
    }

    [Fact]
    public void Other_refusals_and_a_404_without_a_session_id_are_still_findings()
    {
        Assert.False(new ServerOracle(PeerRevision.V2025_11_25).Judge(Initialize(1, NeverHandedOut), Answer(AbstractResponse.Of(Status.InternalServerError500))).Conforms);
        Assert.False(new ServerOracle(PeerRevision.V2025_11_25).Judge(Initialize(1, session: 0), Answer(AbstractResponse.Of(Status.NotFound404))).Conforms);
    }

    /// <summary>A 2025-11-25 server after initialize (JSON, session S1) and notifications/initialized.</summary>
    private static ServerOracle Session()
    {
        var oracle = new ServerOracle(PeerRevision.V2025_11_25);
        Assert.True(oracle.Judge(Initialize(1, session: 0), Answer(InitializeResult(1, session: 1))).Conforms);
        var initialized = new AbstractRequest { Verb = Verb.Post, Payload = Payload.Initialized, Session = 1, VersionHeader = Latest };
        Assert.True(oracle.Judge(initialized, Answer(AbstractResponse.Of(Status.Accepted202))).Conforms);
        return oracle;
    }

    private static AbstractResponse InitializeResult(byte id, byte session)
    {
        var result = AbstractResponse.Json(Message.Of(MessageKind.InitializeResult, id, Latest));
        result.AssignedSession = session;
        return result;
    }

    private static AbstractRequest Initialize(byte id, byte session) =>
        new() { Verb = Verb.Post, Payload = Payload.Initialize, BodyVersion = Latest, RequestId = id, Session = session };

    private static AbstractRequest Ping(byte id) =>
        new() { Verb = Verb.Post, Payload = Payload.ToolCall, Session = 1, VersionHeader = Latest, RequestId = id };

    private static AbstractResponse Result(byte id) => AbstractResponse.Json(Message.Of(MessageKind.ToolResult, id));

    private static ObservedAnswer Answer(AbstractResponse head) => ObservedAnswer.Of(head);
}
