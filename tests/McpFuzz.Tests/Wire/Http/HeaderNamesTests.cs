using McpFuzz.Model.Wire.Http;

namespace McpFuzz.Tests.Wire.Http;

public class HeaderNamesTests
{
    [Fact]
    public void Constants_are_spelled_as_the_specs_print_them()
    {
        Assert.Equal("MCP-Session-Id", HeaderNames.SessionId);
        Assert.Equal("Mcp-Session-Id", HeaderNames.SessionIdLegacySpelling);
        Assert.Equal("MCP-Protocol-Version", HeaderNames.ProtocolVersion);
        Assert.Equal("Mcp-Method", HeaderNames.McpMethod);
        Assert.Equal("Mcp-Name", HeaderNames.McpName);
        Assert.Equal("Mcp-Param-", HeaderNames.McpParamPrefix);
        Assert.Equal("Last-Event-ID", HeaderNames.LastEventId);
        Assert.Equal("Accept", HeaderNames.Accept);
        Assert.Equal("Content-Type", HeaderNames.ContentType);
        Assert.Equal("WWW-Authenticate", HeaderNames.WwwAuthenticate);
        Assert.Equal("Origin", HeaderNames.Origin);
        Assert.Equal("Authorization", HeaderNames.Authorization);
    }

    [Theory]
    [InlineData("MCP-Session-Id", "Mcp-Session-Id", true)]
    [InlineData("mcp-session-id", "MCP-SESSION-ID", true)]
    [InlineData("Accept", "Accept", true)]
    [InlineData("", "", true)]
    [InlineData("Accept", "Accept ", false)]
    [InlineData("Accept", "Acept", false)]
    [InlineData("Mcp-Session-Id", "Mcp_Session_Id", false)]
    // Only ASCII letters fold: U+212A KELVIN SIGN is not "k", and '@' (0x40) is not '`' (0x60).
    [InlineData("k", "\u212A", false)]
    [InlineData("@", "`", false)]
    [InlineData("\u00e9", "\u00c9", false)]
    public void Equal_folds_ascii_case_only(string a, string b, bool expected)
    {
        Assert.Equal(expected, HeaderNames.Equal(a, b));
        Assert.Equal(expected, HeaderNames.Equal(b, a));
    }

    [Theory]
    [InlineData("Mcp-Param-Region", true, "Region")]
    [InlineData("mcp-param-region", true, "region")]
    [InlineData("MCP-PARAM-X", true, "X")]
    [InlineData("Mcp-Param-", false, "")]
    [InlineData("Mcp-Name", false, "")]
    [InlineData("X-Mcp-Param-Region", false, "")]
    [InlineData("", false, "")]
    public void IsMcpParam_requires_the_prefix_and_a_suffix(string name, bool expected, string parameter)
    {
        Assert.Equal(expected, HeaderNames.IsMcpParam(name, out string actual));
        Assert.Equal(parameter, actual);
    }
}
