using McpFuzz.Model.Machines.Client;
using McpFuzz.Model.Machines.Http;
using McpFuzz.Model.Machines.Rules;
using McpFuzz.Model.Machines.Server;

namespace McpFuzz.Model.Checking.Oracle;

/// <summary>
/// What a 2026-07-28 answer is held to besides the candidate's status and body: the error codes
/// the revision names or reserves, no server requests on any stream, notifications that belong to
/// the stream they are on, <c>resultType</c>, the shape of an InputRequiredResult, and the order
/// and tagging of a subscription. Each rule is decided here once. The candidate tells what the
/// server may do (the inputs it may ask for, the filter it acknowledged); the observed answer is
/// compared with it.
/// </summary>
public static class ModernComparison
{
    /// <summary>Compares a modern success candidate with the observed answer. Sets
    /// <paramref name="hard"/> and <paramref name="rule"/> on the first broken rule; true when the
    /// candidate is a subscription, whose stream this comparison has judged completely.</summary>
    public static bool Compare(in ServerOutput expected, ObservedAnswer observed, ref string? hard, ref string rule, List<ServerDeviation> soft)
    {
        var o = observed.Head;
        if (AbstractResponse.IsModernError(o.Error) && o.Status != Status.BadRequest400)
        {
            (hard, rule) = ($"answered {o.Status.Code()} with error {AbstractResponse.ErrorText(o.Error)}; the revision sends this error with 400", RuleOfError(o.Error));
            return false;
        }

        if (Reserved(observed, ref hard, ref rule)) return false;

        foreach (var item in observed.Items)
        {
            if (item.Kind == EventKind.Message && item.Message.Kind == MessageKind.ServerRequest)
            {
                (hard, rule) = ("the stream carried a JSON-RPC request from the server", Cite.NoServerRequests);
                return false;
            }
        }

        if (IsSubscription(expected))
        {
            Subscription(expected.Items[0].Message, observed, ref hard, ref rule, soft);
            return true;
        }

        foreach (var item in observed.Items)
        {
            if (item.Kind == EventKind.Message && item.Message.Kind == MessageKind.Notification && (item.Message.Notice != NoticeKind.Other || item.Message.Subscription != 0))
            {
                (hard, rule) = ($"a request's response stream carried {item.Message}, which belongs to a subscription", Cite.StreamRelated);
                return false;
            }
        }

        var want = Response(expected);
        if (want is { } e && Answered(observed) is { } got) Result(e, got, ref hard, ref rule);
        return false;
    }

    /// <summary>An error body with a code the revision reserves or retired, whatever else the answer is.</summary>
    public static bool Reserved(ObservedAnswer observed, ref string? hard, ref string rule)
    {
        if (observed.Head.Error != ErrorCode.Reserved) return false;
        (hard, rule) = ("the error code is one 2026-07-28 reserves without defining, or retired (-32002, -32042)", Cite.ReservedErrorCodes);
        return true;
    }

    /// <summary>The rules <see cref="Compare"/> holds a modern answer to.</summary>
    public static void DetailRules(in ServerOutput expected, List<string> rules)
    {
        rules.Add(Cite.ReservedErrorCodes);
        if (!expected.Head.IsSuccess) return;
        rules.Add(Cite.MissingCapability32021);
        if (expected.Head.Body == Body.EventStream) rules.Add(Cite.NoServerRequests);
        if (IsSubscription(expected))
        {
            rules.AddRange([Cite.ListenAckFirst, Cite.ListenSubscriptionId, Cite.ListenOnlyRequested, Cite.ListenGracefulEnd]);
            return;
        }

        if (expected.Head.Body == Body.EventStream) rules.Add(Cite.StreamRelated);
        if (Response(expected) is not { } e) return;
        if (e.ResultType != ResultType.Absent) rules.Add(Cite.ResultType);
        if (e.Kind == MessageKind.InputRequired) rules.AddRange([Cite.MrtrNotEmpty, Cite.MrtrDeclaredCapabilities]);
        else if (e.Kind != MessageKind.ErrorResponse) rules.Add(Cite.MrtrMethodsOnly);
    }

    private static bool IsSubscription(in ServerOutput expected) =>
        expected.Head.Body == Body.EventStream && expected.Count > 0 && expected.Items[0].Message.Notice == NoticeKind.Acknowledged;

    /// <summary>A result: typed where the revision types results (jsonrpc.result-type); an
    /// InputRequiredResult only where the candidate is one (modern.mrtr-methods-only), never empty
    /// (modern.mrtr-not-empty), asking only for what the candidate may ask for (modern.mrtr-declared-capabilities).</summary>
    private static void Result(in Message e, in Message o, ref string? hard, ref string rule)
    {
        if (o.Kind == MessageKind.ErrorResponse) return;
        if (e.ResultType != ResultType.Absent && o.ResultType is ResultType.Absent or ResultType.Unknown)
        {
            (hard, rule) = ($"the result has {(o.ResultType == ResultType.Absent ? "no" : "an undefined")} `resultType`", Cite.ResultType);
            return;
        }

        if (o.Kind != MessageKind.InputRequired) return;
        if (e.Kind != MessageKind.InputRequired)
            (hard, rule) = ($"answered {o}; only tools/call, resources/read and prompts/get may be answered with an InputRequiredResult", Cite.MrtrMethodsOnly);
        else if (o.Inputs == InputKinds.None && !o.RequestState)
            (hard, rule) = ("the InputRequiredResult has neither inputRequests nor requestState", Cite.MrtrNotEmpty);
        else if ((o.Inputs & ~e.Inputs) != 0)
            (hard, rule) = ($"the InputRequiredResult asks for {o.Inputs & ~e.Inputs}, which the request did not declare (declared: {e.Inputs})", Cite.MrtrDeclaredCapabilities);
    }

    /// <summary>A subscription stream: the acknowledgement first (modern.listen-ack-first), every
    /// message tagged with the listen request's id (modern.listen-subscription-id), only the types
    /// the filter asked for (modern.listen-only-requested), and an end the server chose announced by
    /// a final result or notifications/cancelled (modern.listen-graceful-end).</summary>
    private static void Subscription(in Message ack, ObservedAnswer observed, ref string? hard, ref string rule, List<ServerDeviation> soft)
    {
        byte id = ack.Subscription;
        bool first = true, graceful = false;
        foreach (var item in observed.Items)
        {
            if (item.Kind != EventKind.Message) continue;
            var m = item.Message;
            if (first && m.Notice != NoticeKind.Acknowledged)
            {
                (hard, rule) = ($"the subscription's first message was {m}, not notifications/subscriptions/acknowledged", Cite.ListenAckFirst);
                return;
            }

            first = false;
            if (m.Kind == MessageKind.ErrorResponse)
            {
                graceful = true;
                continue;
            }

            if (m.Subscription != id)
            {
                (hard, rule) = ($"{m} does not carry the subscription id #{id} in _meta", Cite.ListenSubscriptionId);
                return;
            }

            var topics = m.Kind != MessageKind.Notification ? Topics.None : m.Notice == NoticeKind.Acknowledged ? m.Topics : Notices.TopicOf(m.Notice);
            var unrequested = topics & ~ack.Topics;
            if (unrequested != Topics.None)
            {
                (hard, rule) = ($"{(m.Notice == NoticeKind.Acknowledged ? "the acknowledgement honours" : "the subscription delivered")} {unrequested}, which the filter did not ask for (asked: {ack.Topics})", Cite.ListenOnlyRequested);
                return;
            }

            graceful |= m.Kind == MessageKind.ListenResult || m.Notice == NoticeKind.Cancelled;
        }

        if (first)
            (hard, rule) = (observed.End == StreamEnd.Open ? "no notifications/subscriptions/acknowledged arrived while the client listened" : "the stream ended without notifications/subscriptions/acknowledged", Cite.ListenAckFirst);
        else if (observed.End != StreamEnd.Open && !graceful)
            soft.Add(new ServerDeviation(Cite.ListenGracefulEnd, "the server closed the subscription's stream without a final result or notifications/cancelled", "a final subscriptions/listen result (resultType complete, tagged) before the stream closes"));
    }

    private static Message? Response(in ServerOutput expected)
    {
        if (expected.Head.Body == Body.Json) return expected.Head.Message;
        for (int i = 0; i < expected.Count; i++)
        {
            if (expected.Items[i].Message.IsResponse) return expected.Items[i].Message;
        }

        return null;
    }

    private static Message? Answered(ObservedAnswer observed)
    {
        if (observed.Head.Body == Body.Json) return observed.Head.Message;
        foreach (var item in observed.Items)
        {
            if (item.Kind == EventKind.Message && item.Message.IsResponse) return item.Message;
        }

        return null;
    }

    private static string RuleOfError(ErrorCode code) => code switch
    {
        ErrorCode.HeaderMismatch32020 => Cite.HeaderMismatch,
        ErrorCode.MissingCapability32021 => Cite.MissingCapability32021,
        _ => Cite.UnsupportedVersion32022,
    };
}
