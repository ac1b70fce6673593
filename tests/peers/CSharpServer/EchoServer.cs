using ModelContextProtocol.Protocol;
using ModelContextProtocol.Server;

namespace McpFuzz.Peers.CSharpServer;

/// <summary>The MCP server behind every transport of this program: one tool, <c>echo</c>.</summary>
internal static class EchoServer
{
    public static McpServerOptions Options() => new()
    {
        ServerInfo = new Implementation { Name = "mcpfuzz-csharp", Version = "0.1.0" },
        ToolCollection =
        [
            McpServerTool.Create(
                (string message) => $"Echo: {message}",
                new McpServerToolCreateOptions { Name = "echo", Description = "Returns the message it is given." }),
        ],
    };
}
