using System.Text.Json;

namespace McpFuzz.Model.Wire.JsonRpc;

/// <summary>Lazy look-ups inside a value the classifier skipped (params, result), reading only
/// as far as needed.</summary>
public static class JsonRpcMembers
{
    /// <summary>Finds the member <paramref name="name"/> of the object <paramref name="json"/>
    /// (top level only). Returns its value's range within <paramref name="json"/> and JSON type.</summary>
    public static bool TryFind(ReadOnlySpan<byte> json, ReadOnlySpan<byte> name, out ByteRange value, out JsonTokenType type)
    {
        value = ByteRange.None;
        type = JsonTokenType.None;
        if (json.IsEmpty) return false;
        try
        {
            var reader = new Utf8JsonReader(json);
            if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject) return false;
            bool found = false;
            while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
            {
                bool match = reader.ValueTextEquals(name);
                reader.Read();
                int start = (int)reader.TokenStartIndex;
                JsonTokenType token = reader.TokenType;
                reader.Skip();
                if (match)
                {
                    // Keep going: with duplicate names the last one wins, as in the classifier.
                    found = true;
                    value = new ByteRange(start, (int)reader.BytesConsumed - start);
                    type = token;
                }
            }

            return found;
        }
        catch (JsonException)
        {
            return false; // the classifier has already reported any syntax error
        }
    }

    /// <summary>The string value of member <paramref name="name"/>, unescaped, or null.</summary>
    public static string? FindString(ReadOnlySpan<byte> json, ReadOnlySpan<byte> name) =>
        TryFind(json, name, out ByteRange range, out JsonTokenType type) && type == JsonTokenType.String
            ? JsonText.DecodeString(range.Of(json))
            : null;
}
