using System.Text;
using System.Text.Json;
using McpFuzz.Driver.Wire;
using McpFuzz.Model.Revisions;
using McpFuzz.Model.Wire.Http;

namespace McpFuzz.Driver.Server;

/// <summary>The 2026-07-28 conversations that need more than one request: a subscription read for
/// the listening window, and a tool call that may be answered with an InputRequiredResult and then
/// retried with the inputs. Like every scenario they only send what a client sends; the oracle
/// judges each answer.</summary>
public static class ModernConversations
{
    /// <summary>What a client declaring elicitation (form mode) sends in <c>clientCapabilities</c>.</summary>
    public const string ElicitationCapability = "{\"elicitation\":{\"form\":{}}}";

    /// <summary>Opens a subscription to tools list changes and listens for the window; closing the stream ends it.</summary>
    public static Task<JudgedExchange?> ListenAsync(Conversation c)
    {
        var request = new WireRequest("POST", c.Url.AbsoluteUri, c.Spelling.Headers(null, c.Revision.ToText(), post: true, "subscriptions/listen"), c.Spelling.Listen(c.Spelling.NextId()));
        return c.SendAsync(request, listen: true)!;
    }

    /// <summary>Calls the first listed tool declaring <paramref name="capabilities"/>; when the server
    /// asks for input and <paramref name="retry"/>, answers every input request it can and retries
    /// under a new id, echoing the request state (2026-07-28/basic/patterns/mrtr#client-requirements-basic-workflow).</summary>
    public static async Task CallToolAsync(Conversation c, string capabilities, bool retry)
    {
        string? tool = await FirstToolAsync(c).ConfigureAwait(false);
        if (tool is null) return;
        var answered = await CallAsync(c, tool, capabilities, null, null).ConfigureAwait(false);
        if (!retry || !c.Going || answered?.Exchange.Response is not { } response) return;
        using var result = ResultOf(response);
        if (result is null || !result.RootElement.TryGetProperty("resultType", out var type) || type.ValueKind != JsonValueKind.String || type.GetString() != "input_required")
            return; // a server that never asks for input is conforming
        string? state = result.RootElement.TryGetProperty("requestState", out var s) && s.ValueKind == JsonValueKind.String ? s.GetString() : null;
        string? responses = result.RootElement.TryGetProperty("inputRequests", out var requests) && requests.ValueKind == JsonValueKind.Object ? Responses(requests) : null;
        await CallAsync(c, tool, capabilities, responses, state).ConfigureAwait(false);
    }

    private static Task<JudgedExchange?> CallAsync(Conversation c, string tool, string capabilities, string? responses, string? state)
    {
        var headers = c.Spelling.Headers(null, c.Revision.ToText(), post: true, "tools/call").Add(HeaderNames.McpName, tool);
        var body = c.Spelling.CallTool(c.Spelling.NextId(), tool, capabilities, responses, state);
        return c.Going ? c.SendAsync(new WireRequest("POST", c.Url.AbsoluteUri, headers, body))! : Task.FromResult<JudgedExchange?>(null);
    }

    /// <summary>The name of the first tool <c>tools/list</c> gives, or null (the scenario is then skipped).</summary>
    private static async Task<string?> FirstToolAsync(Conversation c)
    {
        var listed = await c.PostAsync(c.Spelling.Request(c.Spelling.NextId()), null, c.Revision.ToText(), "tools/list").ConfigureAwait(false);
        if (!c.Going || listed?.Exchange.Response is not { } response) return null;
        using var result = ResultOf(response);
        if (result is not null && result.RootElement.TryGetProperty("tools", out var tools) && tools.ValueKind == JsonValueKind.Array)
        {
            foreach (var tool in tools.EnumerateArray())
            {
                if (tool.ValueKind == JsonValueKind.Object && tool.TryGetProperty("name", out var name) && name.ValueKind == JsonValueKind.String) return name.GetString();
            }
        }

        c.Skipped = "the server lists no tools";
        return null;
    }

    /// <summary>The client's answers to the input requests: an elicitation is declined (the user said
    /// no), roots are none; a sampling request is left unanswered, as the scenario never declares sampling.</summary>
    private static string Responses(JsonElement requests)
    {
        var text = new StringBuilder("{");
        foreach (var entry in requests.EnumerateObject())
        {
            string? method = entry.Value.ValueKind == JsonValueKind.Object && entry.Value.TryGetProperty("method", out var m) && m.ValueKind == JsonValueKind.String ? m.GetString() : null;
            string? answer = method switch
            {
                "elicitation/create" => "{\"action\":\"decline\"}",
                "roots/list" => "{\"roots\":[]}",
                _ => null,
            };
            if (answer is null) continue;
            if (text.Length > 1) text.Append(',');
            text.Append(Model.Wire.JsonRpc.JsonRpcWriter.Quote(entry.Name)).Append(':').Append(answer);
        }

        return text.Append('}').ToString();
    }

    /// <summary>The <c>result</c> of the response in a JSON body or the SSE events, or null.</summary>
    private static JsonDocument? ResultOf(WireResponse response)
    {
        foreach (var data in response.Events.Select(e => e.Data).Prepend(Encoding.UTF8.GetString(response.Body)))
        {
            try
            {
                using var doc = JsonDocument.Parse(data);
                if (doc.RootElement.ValueKind == JsonValueKind.Object && doc.RootElement.TryGetProperty("result", out var result) && result.ValueKind == JsonValueKind.Object)
                    return JsonDocument.Parse(result.GetRawText());
            }
            catch (JsonException)
            {
            }
        }

        return null;
    }
}
