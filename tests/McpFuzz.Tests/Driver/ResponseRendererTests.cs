using System.Text;
using McpFuzz.Driver.Reference;
using McpFuzz.Model.Checking;
using McpFuzz.Model.Machines.Client;
using McpFuzz.Model.Machines.Http;
using McpFuzz.Model.Machines.Peers;
using McpFuzz.Model.Revisions;
using McpFuzz.Model.Wire.Http;
using McpFuzz.Model.Wire.JsonRpc;
using McpFuzz.Tests.Wire.Sse;

namespace McpFuzz.Tests.Driver;

/// <summary>What the reference server puts on the wire for the server machine's answers: read
/// back with McpFuzz's own SSE reader and JSON-RPC classifier, it is valid for the revision and
/// says what the machine decided.</summary>
public class ResponseRendererTests
{
    private static readonly ConcreteIds Ids = new("test");

    private static JsonRpcEnvelope Classify(byte[] payload, Revision revision)
    {
        var envelope = JsonRpcClassifier.Classify(payload);
        Assert.Empty(JsonRpcValidator.Validate(payload, envelope, revision));
        return envelope;
    }

    [Theory]
    [InlineData(Revision.V2024_11_05)]
    [InlineData(Revision.V2025_03_26)]
    [InlineData(Revision.V2025_06_18)]
    [InlineData(Revision.V2025_11_25)]
    public void An_initialize_result_answers_the_request_id_with_the_negotiated_version(Revision revision)
    {
        var version = VersionValues.Of(revision);
        var head = AbstractResponse.Json(Message.Of(MessageKind.InitializeResult, 1, version));
        head.AssignedSession = 1;
        var rendered = ResponseRenderer.Render(head, [], StreamEnd.Clean, Ids, 1, _ => "7", 1, revision);

        Assert.Equal(200, rendered.Status);
        Assert.Equal("application/json", rendered.Header("Content-Type"));
        Assert.True(SessionId.IsValid(rendered.Header("Mcp-Session-Id")));
        var envelope = Classify(rendered.Body, revision);
        Assert.Equal(JsonRpcKind.Result, envelope.Kind);
        Assert.Equal("7", Encoding.UTF8.GetString(envelope.Id.Of(rendered.Body)));
        Assert.Contains($"\"protocolVersion\":\"{revision.ToText()}\"", Encoding.UTF8.GetString(rendered.Body));
    }

    [Fact]
    public void A_polling_stream_is_a_priming_event_then_the_response_each_with_an_id()
    {
        var items = new[] { SseItem.Priming(1, retry: true), SseItem.Of(Message.Of(MessageKind.ToolResult, 2), 2) };
        var rendered = ResponseRenderer.Render(AbstractResponse.Stream(), items, StreamEnd.ServerClosed, Ids, 1, _ => "\"call-2\"", 1, Revision.V2025_11_25);

        Assert.Equal("text/event-stream", rendered.Header("Content-Type"));
        Assert.True(rendered.CloseAfterBody);
        var events = SseObserver.Observe(rendered.Body).Events.ToList();
        Assert.Equal(2, events.Count);
        Assert.Equal(("", "s1-e1", 1000L), (events[0].DataText, events[0].LastEventIdText, events[0].Retry));
        Assert.Equal("s1-e2", events[1].LastEventIdText);
        var result = Classify(Encoding.UTF8.GetBytes(events[1].DataText), Revision.V2025_11_25);
        Assert.Equal(JsonRpcKind.Result, result.Kind);
    }

    [Fact]
    public void The_legacy_endpoint_event_names_the_post_uri_of_the_session()
    {
        var items = new[] { SseItem.Endpoint(), SseItem.Of(Message.Of(MessageKind.InitializeResult, 1, VersionValue.V2025_06_18), 1) };
        var rendered = ResponseRenderer.Render(AbstractResponse.Stream(), items, StreamEnd.Clean, Ids, 3, _ => "1", 1, Revision.V2025_06_18);

        var events = SseObserver.Observe(rendered.Body).Events.ToList();
        Assert.Equal("endpoint", events[0].TypeText);
        Assert.Equal(Ids.LegacyEndpoint(3), events[0].DataText);
        Assert.Equal("message", events[1].TypeText);
    }

    [Fact]
    public void Modern_results_carry_result_type_and_legacy_ones_do_not()
    {
        byte[] modern = MessageText.Of(Message.Of(MessageKind.ToolResult, 1), "1", Revision.V2026_07_28);
        byte[] legacy = MessageText.Of(Message.Of(MessageKind.ToolResult, 1), "1", Revision.V2025_11_25);

        Classify(modern, Revision.V2026_07_28);
        Classify(legacy, Revision.V2025_11_25);
        Assert.Contains("\"resultType\":\"complete\"", Encoding.UTF8.GetString(modern));
        Assert.DoesNotContain("resultType", Encoding.UTF8.GetString(legacy));
    }

    [Fact]
    public void An_error_without_a_request_id_has_a_body_only_where_the_revision_allows_one()
    {
        var head = AbstractResponse.Failure(Status.BadRequest400, ErrorCode.Legacy);
        var newer = ResponseRenderer.Render(head, [], StreamEnd.Clean, Ids, 0, _ => null, 1, Revision.V2025_11_25);
        var older = ResponseRenderer.Render(head, [], StreamEnd.Clean, Ids, 0, _ => null, 1, Revision.V2025_06_18);

        Assert.Equal((400, 400), (newer.Status, older.Status));
        Assert.Equal(JsonRpcKind.Error, Classify(newer.Body, Revision.V2025_11_25).Kind);
        Assert.Empty(older.Body);
        Assert.Null(older.Header("Content-Type"));
    }

    [Theory]
    [InlineData(ErrorCode.HeaderMismatch32020, -32020)]
    [InlineData(ErrorCode.UnsupportedVersion32022, -32022)]
    [InlineData(ErrorCode.MethodNotFound32601, -32601)]
    public void Modern_errors_carry_their_codes(ErrorCode error, long code)
    {
        var rendered = ResponseRenderer.Render(AbstractResponse.Failure(Status.BadRequest400, error), [], StreamEnd.Clean, Ids, 0, _ => "4", 1, Revision.V2026_07_28);
        Assert.Equal(code, Classify(rendered.Body, Revision.V2026_07_28).ErrorCode);
    }

    [Fact]
    public void A_401_names_the_protected_resource_metadata_when_the_revision_does()
    {
        var head = AbstractResponse.Of(Status.Unauthorized401);
        head.ResourceMetadata = true;
        var rendered = ResponseRenderer.Render(head, [], StreamEnd.Clean, Ids, 0, _ => null, 1, Revision.V2025_06_18);

        var bearer = WwwAuthenticate.FindBearer(WwwAuthenticate.Parse(rendered.Header("WWW-Authenticate")));
        Assert.NotNull(bearer);
        Assert.Equal("/.well-known/oauth-protected-resource/mcp", bearer!.ResourceMetadata);
    }

    [Fact]
    public void A_batched_message_is_a_json_array()
    {
        var item = SseItem.Of(Message.Of(MessageKind.Notification), 1);
        item.Batched = true;
        var rendered = ResponseRenderer.Render(AbstractResponse.Stream(), [item], StreamEnd.Clean, Ids, 1, _ => null, 1, Revision.V2025_03_26);

        var data = Encoding.UTF8.GetBytes(SseObserver.Observe(rendered.Body).Events.Single().DataText);
        Assert.Equal(JsonRpcKind.Batch, Classify(data, Revision.V2025_03_26).Kind);
    }

    /// <summary>Every answer the conforming server machines give in the explored pairings renders to
    /// JSON-RPC that is valid for the revision the answer was given under.</summary>
    [Theory]
    [InlineData(PeerRevision.V2024_11_05)]
    [InlineData(PeerRevision.V2025_03_26)]
    [InlineData(PeerRevision.V2025_06_18)]
    [InlineData(PeerRevision.V2025_11_25)]
    [InlineData(PeerRevision.V2026_07_28)]
    [InlineData(PeerRevision.DualEra)]
    public void Every_answer_of_a_conforming_server_renders_valid_for_its_revision(PeerRevision peer)
    {
        var world = new McpWorld(new Pairing(peer, ClientProfile.None, peer, ServerProfile.None, 1));
        var seen = new HashSet<ulong> { world.Fingerprint(world.Initial) };
        var queue = new Queue<World>([world.Initial]);
        var actions = new List<WorldAction>();
        int answers = 0;
        while (queue.TryDequeue(out var state) && seen.Count < 20_000)
        {
            actions.Clear();
            world.Actions(state, actions);
            foreach (var action in actions)
            {
                if (!world.Next(state, action, out var next, out _)) continue;
                if (action.Kind is ActionKind.Serve && !state.Outage)
                {
                    var x = next.Net[action.Slot];
                    var request = state.Net[action.Slot].Request;
                    var revision = request.ModernMetadata ? Revision.V2026_07_28
                        : next.Server.Negotiated != VersionValue.None ? next.Server.Negotiated.ToRevision() : Revision.V2025_11_25;
                    var items = Enumerable.Range(0, x.Count).Select(k => x.Items[k]).ToArray();
                    var rendered = ResponseRenderer.Render(x.Head, items, x.End, Ids, next.Server.Session, s => s != 0 ? s.ToString() : null, request.RequestId, revision);
                    if (x.Head.Body == Body.Json && rendered.Body.Length > 0) Classify(rendered.Body, revision);
                    foreach (var e in SseObserver.Observe(rendered.Body).Events.Where(e => e.DataText.StartsWith('{') || e.DataText.StartsWith('[')))
                        Classify(Encoding.UTF8.GetBytes(e.DataText), revision);
                    answers++;
                }

                if (seen.Add(world.Fingerprint(next))) queue.Enqueue(next);
            }
        }

        Assert.True(answers >= 2);
    }
}
