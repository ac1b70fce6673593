using System.Security.Cryptography;

namespace McpFuzz.Fuzzer.Engines;

/// <summary>The names of corpus and crash files: the first 16 hex digits (64 bits) of SHA-256,
/// lower case. The same bytes always get the same name, so workers sharing a directory never
/// store an input twice.</summary>
public static class ContentHash
{
    public static string Of(ReadOnlySpan<byte> bytes)
    {
        Span<byte> digest = stackalloc byte[32];
        SHA256.HashData(bytes, digest);
        return Convert.ToHexStringLower(digest[..8]);
    }
}
