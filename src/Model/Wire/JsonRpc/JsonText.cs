using System.Runtime.CompilerServices;
using System.Text;
using System.Text.Json;

namespace McpFuzz.Model.Wire.JsonRpc;

/// <summary>Small helpers over raw JSON string tokens that the classifier has already validated.</summary>
internal static class JsonText
{
    /// <summary>Decodes a quoted JSON string token (quotes included) into a .NET string. Escapes
    /// that name a lone surrogate, and bytes that are not UTF-8, have no .NET string: they come
    /// back as U+FFFD rather than as an exception, since the token is a peer's.</summary>
    [MethodImpl(MethodImplOptions.NoInlining)]
    public static string DecodeString(ReadOnlySpan<byte> token)
    {
        try
        {
            var reader = new Utf8JsonReader(token);
            reader.Read();
            return reader.GetString() ?? "";
        }
        catch (Exception e) when (e is InvalidOperationException or JsonException)
        {
            return Encoding.UTF8.GetString(token.Length >= 2 ? token[1..^1] : token).Replace("\\", "\uFFFD\\");
        }
    }

    /// <summary>Compares a quoted JSON string token with UTF-8 text, resolving escapes.</summary>
    public static bool StringEquals(ReadOnlySpan<byte> token, ReadOnlySpan<byte> text)
    {
        if (token.Length == text.Length + 2 && token.Slice(1, text.Length).SequenceEqual(text)) return true;
        return token.IndexOf((byte)'\\') >= 0 && EscapedEquals(token, text);
    }

    // Kept out of line: a Utf8JsonReader is a large struct, and inlined it would make every
    // caller zero a large frame on entry.
    [MethodImpl(MethodImplOptions.NoInlining)]
    private static bool EscapedEquals(ReadOnlySpan<byte> token, ReadOnlySpan<byte> text)
    {
        try
        {
            var reader = new Utf8JsonReader(token);
            reader.Read();
            return reader.ValueTextEquals(text);
        }
        catch (Exception e) when (e is InvalidOperationException or JsonException)
        {
            return false;
        }
    }
}
