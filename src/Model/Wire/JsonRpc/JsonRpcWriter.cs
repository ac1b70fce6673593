using System.Buffers;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;

namespace McpFuzz.Model.Wire.JsonRpc;

/// <summary>Writes <see cref="JsonRpcDraft"/>s. Raw members are copied verbatim, so what a draft
/// says is exactly what goes on the wire, valid or not.</summary>
public static class JsonRpcWriter
{
    public static byte[] Write(JsonRpcDraft draft)
    {
        var text = new StringBuilder(128);
        AppendObject(text, draft);
        text.Append(draft.Trailing);
        return Encoding.UTF8.GetBytes(text.ToString());
    }

    public static void Write(JsonRpcDraft draft, IBufferWriter<byte> output) => output.Write(Write(draft));

    /// <summary>A batch: the drafts as elements of one array (their trailing text is ignored).</summary>
    public static byte[] WriteBatch(IEnumerable<JsonRpcDraft> drafts, string trailing = "")
    {
        var text = new StringBuilder(256).Append('[');
        bool first = true;
        foreach (var draft in drafts)
        {
            if (!first) text.Append(',');
            first = false;
            AppendObject(text, draft);
        }

        text.Append(']').Append(trailing);
        return Encoding.UTF8.GetBytes(text.ToString());
    }

    /// <summary>A JSON string literal for <paramref name="text"/>.</summary>
    public static string Quote(string text) => JsonSerializer.Serialize(text, QuoteOptions);

    private static readonly JsonSerializerOptions QuoteOptions = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    private static void AppendObject(StringBuilder text, JsonRpcDraft draft)
    {
        text.Append('{');
        bool first = true;
        Member(text, ref first, "jsonrpc", draft.Version);
        Member(text, ref first, "id", draft.Id);
        Member(text, ref first, "method", draft.Method is null ? null : Quote(draft.Method));
        Member(text, ref first, "params", draft.Params);
        Member(text, ref first, "result", draft.Result);
        Member(text, ref first, "error", draft.Error);
        foreach (var (name, value) in draft.Extra) Member(text, ref first, name, value);
        text.Append('}');
    }

    private static void Member(StringBuilder text, ref bool first, string name, string? value)
    {
        if (value is null) return;
        if (!first) text.Append(',');
        first = false;
        text.Append('"').Append(name).Append("\":").Append(value);
    }
}
