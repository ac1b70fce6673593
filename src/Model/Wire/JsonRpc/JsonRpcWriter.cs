using System.Buffers;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;

namespace McpFuzz.Model.Wire.JsonRpc;

/// <summary>Writes <see cref="JsonRpcDraft"/>s. Raw members are copied verbatim, so what a draft
/// says is exactly what goes on the wire, valid or not.</summary>
public static class JsonRpcWriter
{
    private static readonly JsonWriterOptions Options = new()
    {
        SkipValidation = true, // drafts may describe invalid messages on purpose
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    public static byte[] Write(JsonRpcDraft draft)
    {
        var buffer = new ArrayBufferWriter<byte>(256);
        Write(draft, buffer);
        return buffer.WrittenSpan.ToArray();
    }

    public static void Write(JsonRpcDraft draft, IBufferWriter<byte> output)
    {
        using (var json = new Utf8JsonWriter(output, Options))
        {
            WriteObject(json, draft);
        }

        if (draft.Trailing.Length > 0) output.Write(Encoding.UTF8.GetBytes(draft.Trailing));
    }

    /// <summary>A batch: the drafts as elements of one array (their trailing bytes are ignored).</summary>
    public static byte[] WriteBatch(IEnumerable<JsonRpcDraft> drafts, string trailing = "")
    {
        var buffer = new ArrayBufferWriter<byte>(512);
        using (var json = new Utf8JsonWriter(buffer, Options))
        {
            json.WriteStartArray();
            foreach (var draft in drafts) WriteObject(json, draft);
            json.WriteEndArray();
        }

        if (trailing.Length > 0) buffer.Write(Encoding.UTF8.GetBytes(trailing));
        return buffer.WrittenSpan.ToArray();
    }

    /// <summary>A JSON string literal for <paramref name="text"/>.</summary>
    public static string Quote(string text) => JsonSerializer.Serialize(text, QuoteOptions);

    private static readonly JsonSerializerOptions QuoteOptions = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    private static void WriteObject(Utf8JsonWriter json, JsonRpcDraft draft)
    {
        json.WriteStartObject();
        Raw(json, "jsonrpc", draft.Version);
        Raw(json, "id", draft.Id);
        if (draft.Method is not null) json.WriteString("method", draft.Method);
        Raw(json, "params", draft.Params);
        Raw(json, "result", draft.Result);
        Raw(json, "error", draft.Error);
        foreach (var (name, value) in draft.Extra) Raw(json, name, value);
        json.WriteEndObject();
    }

    private static void Raw(Utf8JsonWriter json, string name, string? value)
    {
        if (value is null) return;
        json.WritePropertyName(name);
        json.WriteRawValue(value, skipInputValidation: true);
    }
}
