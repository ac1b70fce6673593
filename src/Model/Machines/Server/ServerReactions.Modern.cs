using McpFuzz.Model.Machines.Client;
using McpFuzz.Model.Machines.Http;
using McpFuzz.Model.Machines.Peers;
using McpFuzz.Model.Machines.Rules;
using McpFuzz.Model.Revisions;

namespace McpFuzz.Model.Machines.Server;

/// <summary>The 2026-07-28 answers beyond one request and one result: multi round-trip requests
/// (2026-07-28/basic/patterns/mrtr) and subscriptions (2026-07-28/basic/patterns/subscriptions).</summary>
public sealed partial class ServerReactions
{
    /// <summary>The choices of an InputRequiredResult and of a refusal for a missing capability,
    /// after the two of an ordinary result (JSON, SSE).</summary>
    private const byte InputRequiredJson = 2, InputRequiredSse = 3, MissingCapability = 4;

    /// <summary>The choices of a subscription: hold the stream open, end it gracefully, or not
    /// implement <c>subscriptions/listen</c> at all.</summary>
    public const byte ListenHold = 0, ListenEnd = 1, ListenUnknown = 2;

    private readonly bool typedResults = Cite.In(Cite.ResultType).Contains(Revision.V2026_07_28);

    /// <summary>The answers a modern server may give a POST: an InputRequiredResult or a refusal
    /// only where MRTR applies (modern.mrtr-methods-only), three for a subscription.</summary>
    private static int ModernChoices(in AbstractRequest r) => r.Payload switch
    {
        Payload.Listen => 3,
        Payload.ToolCall when r.InputMethod => 5,
        Payload.ToolCall or Payload.Discover => 2,
        _ => 1,
    };

    /// <summary>Whether choice <paramref name="choice"/> of a modern request is an InputRequiredResult.</summary>
    public static bool IsInputRequired(byte choice) => choice is InputRequiredJson or InputRequiredSse;

    /// <summary>Whether choice <paramref name="choice"/> of a modern request refuses it for a missing client capability.</summary>
    public static bool IsMissingCapability(byte choice) => choice == MissingCapability;

    /// <summary>jsonrpc.result-type: every 2026-07-28 result says it is complete.</summary>
    private Message Complete(Message message)
    {
        if (typedResults) message.ResultType = ResultType.Complete;
        return message;
    }

    /// <summary>A request that may need input: an InputRequiredResult asking at most for the inputs the
    /// request declared (modern.mrtr-declared-capabilities) and carrying a requestState, so that it is
    /// never empty (modern.mrtr-not-empty); or -32021 with 400 when the server needs a capability the
    /// request did not declare (modern.missing-capability-32021).</summary>
    private ServerContext InputOrRefusal(ServerContext c, in AbstractRequest r, byte choice, out string rule)
    {
        if (choice == MissingCapability)
        {
            c.Out.Head = AbstractResponse.Failure(Status.BadRequest400, ErrorCode.MissingCapability32021);
            rule = Cite.MissingCapability32021;
            return c;
        }

        var inputs = r.Declared & ~InputKinds.Other;
        if (Has(ServerProfile.AsksUndeclaredInput)) inputs |= InputKinds.Elicitation;
        var message = new Message
        {
            Kind = MessageKind.InputRequired,
            RequestId = r.RequestId,
            Inputs = inputs,
            RequestState = true,
            ResultType = typedResults ? ResultType.InputRequired : ResultType.Absent,
        };
        c.Out.Head = AbstractResponse.Json(message);
        rule = Cite.MrtrDeclaredCapabilities;
        return choice == InputRequiredSse ? AsStream(c) : c;
    }

    /// <summary><c>subscriptions/listen</c>: an SSE stream opening with the acknowledgement of the
    /// filter (modern.listen-ack-first), then one notification of a requested type (the reference
    /// server's tool list changes once), each tagged with the listen request's id
    /// (modern.listen-subscription-id); the stream stays open until the client closes it, or ends
    /// with a final result (modern.listen-graceful-end). A server without subscriptions answers as
    /// for any unknown method.</summary>
    private ServerContext Listen(ServerContext c, in AbstractRequest r, byte choice, out string rule)
    {
        if (choice == ListenUnknown)
        {
            c.Out.Head = AbstractResponse.Failure(Status.NotFound404, ErrorCode.MethodNotFound32601);
            rule = Cite.UnknownMethod404;
            return c;
        }

        byte tag = Has(ServerProfile.UntaggedSubscriptionNotifications) ? (byte)0 : r.RequestId;
        c.Out.Head = AbstractResponse.Stream();
        if (!Has(ServerProfile.ListenWithoutAck)) c.Out.Add(SseItem.Of(Message.Notification(NoticeKind.Acknowledged, r.RequestId, r.Listen & ~Topics.Other)));
        if ((r.Listen & Topics.ToolsListChanged) != 0) c.Out.Add(SseItem.Of(Message.Notification(NoticeKind.ToolsListChanged, tag)));
        if (choice == ListenEnd)
        {
            var end = Complete(Message.Of(MessageKind.ListenResult, r.RequestId));
            end.Subscription = r.RequestId;
            c.Out.Add(SseItem.Of(end));
            c.Out.End = StreamEnd.Clean;
        }
        else
        {
            c.Out.End = StreamEnd.Open;
        }

        rule = Cite.ListenAckFirst;
        return c;
    }
}
