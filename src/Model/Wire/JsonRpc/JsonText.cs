using System.Text;
using System.Text.Json;

namespace McpFuzz.Model.Wire.JsonRpc;

/// <summary>Small helpers over raw JSON tokens that the classifier has already validated.</summary>
internal static class JsonText
{
    /// <summary>Decodes a quoted JSON string token (quotes included) into a .NET string.</summary>
    public static string DecodeString(ReadOnlySpan<byte> token)
    {
        var reader = new Utf8JsonReader(token);
        reader.Read();
        return reader.GetString() ?? "";
    }

    /// <summary>Compares a quoted JSON string token with UTF-8 text, resolving escapes.</summary>
    public static bool StringEquals(ReadOnlySpan<byte> token, ReadOnlySpan<byte> text)
    {
        if (token.Length == text.Length + 2 && token.Slice(1, text.Length).SequenceEqual(text)) return true;
        if (token.IndexOf((byte)'\\') < 0) return false;
        var reader = new Utf8JsonReader(token);
        reader.Read();
        return reader.ValueTextEquals(text);
    }

    /// <summary>True when a number token has no fraction or exponent.</summary>
    public static bool IsIntegerToken(ReadOnlySpan<byte> number) => number.IndexOfAny((byte)'.', (byte)'e', (byte)'E') < 0;

    public static string Utf8(ReadOnlySpan<byte> bytes) => Encoding.UTF8.GetString(bytes);
}
