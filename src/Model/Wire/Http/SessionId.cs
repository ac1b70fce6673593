namespace McpFuzz.Model.Wire.Http;

/// <summary>The syntax of an <c>MCP-Session-Id</c> value.</summary>
public static class SessionId
{
    /// <summary>"The session ID MUST only contain visible ASCII characters (ranging from 0x21 to
    /// 0x7E)" (2025-03-26/basic/transports#session-management); an empty id contains none, so it is
    /// not an id. The spec sets no length limit and neither does this check.</summary>
    public static bool IsValid(string? value)
    {
        if (string.IsNullOrEmpty(value)) return false;
        foreach (char c in value)
        {
            if (!HttpSyntax.IsVChar(c)) return false;
        }

        return true;
    }
}
