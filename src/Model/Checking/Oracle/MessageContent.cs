using System.Text.Json;
using McpFuzz.Model.Machines.Rules;
using McpFuzz.Model.Revisions;
using McpFuzz.Model.Wire.JsonRpc;

namespace McpFuzz.Model.Checking.Oracle;

/// <summary>
/// The rules a server's messages are held to below the state machine, which only sees their kind:
/// the JSON-RPC shape of each message (<see cref="JsonRpcValidator"/>, under the revision of the
/// conversation) and what a result must hold for the request it answers. A deviation here does not
/// stop a conversation: the message still answered the request.
/// </summary>
public static class MessageContent
{
    /// <summary>Judges one message the server sent (a JSON body or an SSE event's data) in answer to
    /// <paramref name="request"/> (the client's body; empty for GET). Adds the rules held to <paramref name="checkedRules"/>.</summary>
    public static IReadOnlyList<ServerDeviation> Judge(ReadOnlySpan<byte> request, ReadOnlySpan<byte> message, Revision revision, ICollection<string> checkedRules)
    {
        var deviations = new List<ServerDeviation>();
        var envelope = JsonRpcClassifier.Classify(message);
        foreach (var rule in ShapeRules(revision)) checkedRules.Add(rule);
        foreach (var violation in JsonRpcValidator.Validate(message, envelope, revision))
        {
            // A batch is judged by the state machine, which knows where it is allowed and why.
            if (violation.Rule.Id == Cite.NoBatch) continue;
            deviations.Add(new ServerDeviation(violation.Rule.Id, violation.Detail, violation.Rule.Summary));
        }

        if (envelope.Kind == JsonRpcKind.Result && AnswersPing(request, message, envelope) && RuleCatalog.Find(Cite.PingEmptyResult)!.AppliesTo(revision))
        {
            checkedRules.Add(Cite.PingEmptyResult);
            if (!IsEmptyResult(envelope.Result.Of(message)))
                deviations.Add(new ServerDeviation(Cite.PingEmptyResult, "the ping result has members besides `_meta`", "an empty result object: {}"));
        }

        return deviations;
    }

    /// <summary>The shape rules every message is held to under the revision.</summary>
    private static IEnumerable<string> ShapeRules(Revision revision) =>
        JsonRpcValidator.Rules.Where(r => r.AppliesTo(revision) && r.Id != Cite.NoBatch).Select(r => r.Id);

    /// <summary>Whether the request was a <c>ping</c> whose id the response carries.</summary>
    private static bool AnswersPing(ReadOnlySpan<byte> request, ReadOnlySpan<byte> message, JsonRpcEnvelope response)
    {
        if (request.IsEmpty) return false;
        var sent = JsonRpcClassifier.Classify(request);
        return sent.Kind == JsonRpcKind.Request && sent.MethodIs(request, "ping"u8) && sent.Id.IsPresent && response.Id.IsPresent
               && sent.Id.Of(request).SequenceEqual(response.Id.Of(message));
    }

    /// <summary>The ping result is the schema's EmptyResult: an object that may carry only <c>_meta</c>.</summary>
    private static bool IsEmptyResult(ReadOnlySpan<byte> result)
    {
        var reader = new Utf8JsonReader(result);
        if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject) return false;
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            if (!reader.ValueTextEquals("_meta"u8)) return false;
            reader.Read();
            reader.Skip();
        }

        return reader.TokenType == JsonTokenType.EndObject;
    }
}
