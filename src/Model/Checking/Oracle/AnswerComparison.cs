using McpFuzz.Model.Machines.Client;
using McpFuzz.Model.Machines.Http;
using McpFuzz.Model.Machines.Rules;
using McpFuzz.Model.Machines.Server;
using McpFuzz.Model.Revisions;

namespace McpFuzz.Model.Checking.Oracle;

/// <summary>
/// Whether a real server's answer is one the model's server could have given. The model's server
/// makes one concrete choice wherever the spec lets a server choose; this comparison is where those
/// freedoms are granted back: event ids (MAY), extra notifications and requests before a response
/// (MAY), no session at all (MAY), the exact 4xx where a rule only says "reject", the status of an
/// HTTP+SSE POST (unspecified), and any error body where the spec names none.
/// </summary>
public static class AnswerComparison
{
    /// <summary>Compares one conforming candidate with what was observed. <paramref name="hard"/> is
    /// null when the observed answer is that candidate, possibly with SHOULD-level deviations in
    /// <paramref name="soft"/>.</summary>
    public static void Compare(in ServerOutput expected, ref string rule, ObservedAnswer observed, bool modern, out string? hard, List<ServerDeviation> soft)
    {
        hard = null;
        var e = expected.Head;
        var o = observed.Head;
        if (e.Status != o.Status && !StatusFreedom(e, o, rule, expected.ToLegacyStream))
        {
            hard = $"answered {Describe(observed)}; a conforming server answers {e.Status.Code()}";
            return;
        }

        if (!e.IsSuccess)
        {
            // An error body is free unless the rule names the JSON-RPC error (2026-07-28).
            if (NamesError(e.Error) && o.Error != e.Error) hard = $"answered {Describe(observed)}; a conforming server answers {e}";
            else if (modern) ModernComparison.Reserved(observed, ref hard, ref rule);
            return;
        }

        if (expected.ToLegacyStream)
        {
            CompareMessages(expected, observed, ref hard, ref rule);
            return;
        }

        if (e.Status == Status.Accepted202)
        {
            if (o.Body != Body.Empty) hard = $"answered 202 with a body ({o.Body}); a notification gets 202 with an empty body";
            return;
        }

        if (e.Body != o.Body)
        {
            hard = $"answered {Describe(observed)}; a conforming server answers {e}";
            return;
        }

        if (modern && e.AssignedSession == 0 && o.AssignedSession != 0)
            soft.Add(new ServerDeviation(Cite.IgnoreSessionId, "the answer carries an Mcp-Session-Id", "a modern-only server never mints a session id"));

        // 2026-07-28 details, and the whole of a subscription's stream.
        if (modern && (ModernComparison.Compare(expected, observed, ref hard, ref rule, soft) || hard is not null)) return;

        if (e.Body == Body.Json)
        {
            if (!Agree(e.Message, o.Message, out string? why)) hard = why;
            return;
        }

        CompareStream(expected, observed, modern, ref hard, ref rule, soft);
    }

    /// <summary>The rules <see cref="Compare"/> holds an answer to besides the deciding one.</summary>
    public static void DetailRules(in ServerOutput expected, bool modern, List<string> rules)
    {
        if (modern) ModernComparison.DetailRules(expected, rules);
        if (expected.Head.Body != Body.EventStream || expected.ToLegacyStream) return;
        if (!modern) rules.Add(Cite.NoEndpointEvent);
        rules.Add(Cite.NoBatch);
        for (int i = 0; i < expected.Count; i++)
        {
            if (expected.Items[i].Kind == EventKind.Priming) rules.Add(Cite.PrimingEvent);
            if (expected.Items[i].Message.IsResponse) rules.Add(expected.End == StreamEnd.Open ? Cite.GetNoResponses : Cite.SseCarriesResponse);
        }

        if (expected.End == StreamEnd.Open && expected.Count > 0 && expected.Items[0].Kind != EventKind.Endpoint) rules.Add(Cite.GetNoResponses);
        if (expected.End == StreamEnd.ServerClosed && WantsRetry(expected)) rules.Add(Cite.RetryBeforeClose);
        if (expected.End == StreamEnd.Clean && HasResponse(expected)) rules.Add(Cite.CloseAfterResponse);
    }

    private static bool WantsRetry(in ServerOutput expected)
    {
        for (int i = 0; i < expected.Count; i++)
        {
            if (expected.Items[i].Retry) return true;
        }

        return false;
    }

    private static bool HasResponse(in ServerOutput expected)
    {
        for (int i = 0; i < expected.Count; i++)
        {
            if (expected.Items[i].Kind == EventKind.Message && expected.Items[i].Message.IsResponse) return true;
        }

        return false;
    }

    private static bool StatusFreedom(in AbstractResponse e, in AbstractResponse o, string rule, bool legacyPost)
    {
        int code = o.Status.Code();
        bool clientError = code is >= 400 and < 500;
        // Rules that say "reject" without naming a status, and the unspecified HTTP+SSE POST answer.
        if (rule is Cite.OriginValidate or Cite.LegacyTwoEndpoints) return clientError;

        // An invalid request may also be refused inside JSON-RPC: 200 with an error response.
        if (rule is Cite.NoBatch) return clientError || (o.Status == Status.Ok200 && (o.Error != ErrorCode.None || o.Message.Kind == MessageKind.ErrorResponse));
        if (legacyPost && e.Status == Status.Accepted202) return code is >= 200 and < 300;
        return false;
    }

    private static bool NamesError(ErrorCode code) => AbstractResponse.IsModernError(code) || code == ErrorCode.MethodNotFound32601;

    /// <summary>The response to a request agrees with the expected one: the same request id and
    /// kind. A JSON-RPC error may stand for the result of an ordinary request (the model's
    /// <c>tools/call</c> is any request; a real one may fail), never for initialize or discover.</summary>
    private static bool Agree(in Message e, in Message o, out string? why)
    {
        why = null;
        if (e.Kind == MessageKind.None) return true;
        bool sameKind = e.Kind == o.Kind || (e.Kind == MessageKind.ToolResult && o.Kind == MessageKind.ErrorResponse);
        if (!sameKind || e.RequestId != o.RequestId)
        {
            why = $"answered with {o}; a conforming server answers with {e}";
            return false;
        }

        if (e.Kind == MessageKind.InitializeResult && e.Version != o.Version)
        {
            why = $"initialize result names {o.Version.ToText()}; a conforming server answers {e.Version.ToText()}";
            return false;
        }

        return true;
    }

    private static void CompareMessages(in ServerOutput expected, ObservedAnswer observed, ref string? hard, ref string rule)
    {
        for (int i = 0; i < expected.Count; i++)
        {
            var want = expected.Items[i];
            if (want.Kind != EventKind.Message || !want.Message.IsResponse) continue;
            var got = FirstResponse(observed);
            if (got is null) (hard, rule) = ($"no `message` event with {want.Message} arrived on the GET stream; a conforming server sends it", Cite.LegacyMessageEvents);
            else if (!Agree(want.Message, got.Value.Message, out string? why)) hard = why;
            return;
        }
    }

    private static void CompareStream(in ServerOutput expected, ObservedAnswer observed, bool modern, ref string? hard, ref string rule, List<ServerDeviation> soft)
    {
        SseItem? wantResponse = null;
        bool wantPriming = false, wantEndpoint = false;
        for (int i = 0; i < expected.Count; i++)
        {
            var item = expected.Items[i];
            if (item.Kind == EventKind.Priming) wantPriming = true;
            else if (item.Kind == EventKind.Endpoint) wantEndpoint = true;
            else if (item.Message.IsResponse) wantResponse = item;
        }

        if (wantEndpoint)
        {
            if (observed.Items.Count == 0 || observed.Items[0].Kind != EventKind.Endpoint)
                (hard, rule) = ("the GET stream did not start with an `endpoint` event", Cite.EndpointFirst);
            return;
        }

        if (!modern && observed.Items.Any(i => i.Kind == EventKind.Endpoint))
            soft.Add(new ServerDeviation(Cite.NoEndpointEvent, "the stream carries a legacy `endpoint` event", "a Streamable HTTP stream carries JSON-RPC messages only"));

        // jsonrpc.no-batch: outside 2025-03-26 an SSE event carries one message, never an array.
        if (observed.Items.Any(i => i.Batched) && Applies(RuleCatalog.JsonRpc.NoBatch, expected.Effective))
        {
            (hard, rule) = ($"an SSE event carries a JSON-RPC batch (an array) on a {expected.Effective.ToText()} stream", Cite.NoBatch);
            return;
        }

        var gotResponse = FirstResponse(observed);
        if (wantResponse is { } want)
        {
            if (gotResponse is null)
            {
                hard = observed.End == StreamEnd.ServerClosed
                    ? "the server closed the stream before the response"
                    : "the stream ended without the response";
                rule = observed.End == StreamEnd.ServerClosed ? Cite.NoCloseBeforeResponse : Cite.SseCarriesResponse;
                return;
            }

            if (!Agree(want.Message, gotResponse.Value.Message, out string? why))
            {
                hard = why;
                return;
            }
        }
        else if (gotResponse is { } unexpected)
        {
            // A GET stream (or the held-back half of a polled stream) carries no response.
            hard = expected.End == StreamEnd.Open
                ? $"the GET stream carried a JSON-RPC response ({unexpected.Message})"
                : "the stream carried the response where this candidate holds it back";
            if (expected.End == StreamEnd.Open) rule = Cite.GetNoResponses;
            return;
        }

        // 2025-11-25 polling: a server that closes the connection before the response first says
        // when to come back; a stream that stays open after the response keeps the client waiting.
        if (expected.End == StreamEnd.ServerClosed && observed.End == StreamEnd.ServerClosed && WantsRetry(expected) && !observed.Items.Any(i => i.Retry))
            soft.Add(new ServerDeviation(Cite.RetryBeforeClose, "the server closed the stream before the response without a `retry` field", "an event with `retry` before the server closes the connection"));
        if (wantResponse is not null && expected.End == StreamEnd.Clean && observed.End == StreamEnd.Open)
            soft.Add(new ServerDeviation(Cite.CloseAfterResponse, "the stream stayed open after the response", "the server ends the stream once the response is sent"));

        // Priming events belong to the revisions that have them (spec digest section 7, hazard 3:
        // clients of older revisions parse the empty data as JSON and fail).
        if (!wantPriming && !modern && observed.Items.Any(i => i.Kind == EventKind.Priming) && expected.Effective.IsRevision() && !Cite.In(Cite.PrimingEvent).Contains(expected.Effective.ToRevision()))
            soft.Add(new ServerDeviation(Cite.PrimingEvent, $"the stream carries a priming event (an id and empty data) on a session at {expected.Effective.ToText()}",
                "priming events only on streams of sessions at 2025-11-25 or later, whose clients know to skip them"));
        else if (wantPriming && !observed.Items.Any(i => i.Kind == EventKind.Priming) && observed.Items.Any(i => i.EventId != 0))
            soft.Add(new ServerDeviation(Cite.PrimingEvent, "the stream's events carry ids but no priming event came first", "an id-only priming event opens the stream"));
        else if (wantPriming && !observed.Items.Any(i => i.EventId != 0) && !modern)
            soft.Add(new ServerDeviation(Cite.PrimingEvent, "the stream has no priming event (and no event ids)", "an id-only priming event opens the stream, so the client can resume"));
    }

    private static bool Applies(Rule rule, VersionValue effective) => effective.IsRevision() && rule.AppliesTo(effective.ToRevision());

    private static SseItem? FirstResponse(ObservedAnswer observed)
    {
        foreach (var item in observed.Items)
        {
            if (item.Kind == EventKind.Message && item.Message.IsResponse) return item;
        }

        return null;
    }

    private static string Describe(ObservedAnswer observed) => observed.Head.Status == Status.None ? "with a status the model does not know" : observed.Head.ToString();
}
