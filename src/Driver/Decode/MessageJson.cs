using System.Text;
using System.Text.Json;
using McpFuzz.Model.Revisions;
using McpFuzz.Model.Wire.JsonRpc;

namespace McpFuzz.Driver.Decode;

/// <summary>Writes a classified JSON-RPC payload as JSON members.</summary>
public static class MessageJson
{
    /// <param name="afterKind">Writes context members right after "kind", where a reader looks first.</param>
    public static void Write(Utf8JsonWriter json, ReadOnlySpan<byte> payload, JsonRpcEnvelope envelope, IReadOnlyList<JsonRpcViolation> violations, Action<Utf8JsonWriter>? afterKind = null)
    {
        WriteEnvelope(json, payload, envelope, afterKind);
        if (envelope.Kind == JsonRpcKind.Batch)
        {
            json.WriteStartArray("elements");
            foreach (var element in envelope.Elements)
            {
                json.WriteStartObject();
                WriteEnvelope(json, payload, element);
                json.WriteEndObject();
            }

            json.WriteEndArray();
        }

        json.WriteStartArray("violations");
        foreach (var v in violations)
        {
            json.WriteStartObject();
            json.WriteString("rule", v.Rule.Id);
            json.WriteString("level", v.Rule.Level.ToString().ToUpperInvariant());
            json.WriteString("revisions", v.Rule.Revisions.ToString());
            if (v.Element >= 0) json.WriteNumber("element", v.Element);
            json.WriteString("detail", v.Detail);
            json.WriteEndObject();
        }

        json.WriteEndArray();
    }

    private static void WriteEnvelope(Utf8JsonWriter json, ReadOnlySpan<byte> payload, JsonRpcEnvelope e, Action<Utf8JsonWriter>? afterKind = null)
    {
        json.WriteString("kind", e.Kind.ToString().ToLowerInvariant());
        afterKind?.Invoke(json);
        if (e.Id.IsPresent)
        {
            json.WriteString("id", Encoding.UTF8.GetString(e.Id.Of(payload)));
            json.WriteString("idKind", e.IdKind.ToString().ToLowerInvariant());
        }

        if (e.MethodName(payload) is { } method) json.WriteString("method", method);
        if (e.ErrorCode is { } code) json.WriteNumber("errorCode", code);
        if (e.Error.IsPresent && JsonRpcMembers.FindString(e.Error.Of(payload), "message"u8) is { } message) json.WriteString("errorMessage", message);
        if (e.Params.IsPresent) json.WriteNumber("paramsBytes", e.Params.Length);
        if (e.Result.IsPresent) json.WriteNumber("resultBytes", e.Result.Length);
        if (e.Malformation != JsonRpcMalformation.None) json.WriteString("malformed", e.Malformation.ToString());
    }

    /// <summary>Classifies and validates one payload, writes it, and counts what it found. With a
    /// revision, every violation of that revision is a finding. Without one, the output lists the
    /// revisions in which a conforming peer could have sent the payload, and the payload is a finding
    /// only when that list is empty.</summary>
    public static void Decode(Utf8JsonWriter json, ReadOnlySpan<byte> payload, Revision? revision, DecodeTally tally, Action<Utf8JsonWriter>? afterKind = null)
    {
        var envelope = JsonRpcClassifier.Classify(payload);
        var violations = JsonRpcValidator.Validate(payload, envelope, revision);
        tally.Messages++;
        Revision[] validIn = revision is null
            ? Revisions.All.Where(r => violations.All(v => !v.Rule.AppliesTo(r))).ToArray()
            : [];
        if (revision is not null || validIn.Length == 0) tally.Found(violations);
        Write(json, payload, envelope, violations, afterKind);
        if (revision is null)
        {
            json.WriteStartArray("validIn");
            foreach (var r in validIn) json.WriteStringValue(r.ToText());
            json.WriteEndArray();
        }
    }
}
