using System.Text.Json;
using McpFuzz.Model.Machines.Authorization;

namespace McpFuzz.Driver.Server;

/// <summary>Reads a discovery document's JSON into <see cref="MetadataDocument"/>: the fields as
/// they are, nothing decided. A body that is not a JSON object is a problem to report, not a crash.</summary>
public static class MetadataReader
{
    private static readonly string[] EndpointFields = ["authorization_endpoint", "token_endpoint", "registration_endpoint"];

    public static MetadataDocument? Read(byte[] body, out string? problem)
    {
        problem = null;
        try
        {
            using var doc = JsonDocument.Parse(body, new JsonDocumentOptions { MaxDepth = 16 });
            var root = doc.RootElement;
            if (root.ValueKind != JsonValueKind.Object)
            {
                problem = $"the body is a JSON {root.ValueKind.ToString().ToLowerInvariant()}, not an object";
                return null;
            }

            return new MetadataDocument(
                String(root, "resource"),
                Strings(root, "authorization_servers") ?? [],
                String(root, "issuer"),
                Strings(root, "code_challenge_methods_supported"),
                root.TryGetProperty("authorization_response_iss_parameter_supported", out var iss) && iss.ValueKind == JsonValueKind.True,
                EndpointFields.Select(f => String(root, f)).OfType<string>().ToArray());
        }
        catch (JsonException e)
        {
            problem = "the body is not JSON: " + e.Message;
            return null;
        }
    }

    private static string? String(JsonElement root, string name) =>
        root.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.String ? v.GetString() : null;

    /// <summary>The string entries of an array member; null when the member is absent or not an array.</summary>
    private static IReadOnlyList<string>? Strings(JsonElement root, string name) =>
        root.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.Array
            ? v.EnumerateArray().Where(e => e.ValueKind == JsonValueKind.String).Select(e => e.GetString()!).ToArray()
            : null;
}
