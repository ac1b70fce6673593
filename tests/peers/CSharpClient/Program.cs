using ModelContextProtocol.Authentication;
using ModelContextProtocol.Client;

// A small MCP client on the C# SDK, for `mcpfuzz client`:
//
//   CSharpClient [auto|streamable|sse] [--protocol-version V] [--auth] URL
//
// HttpClientTransport in the mode given (AutoDetect by default), optionally pinned to one protocol
// version. It connects, lists the tools, calls `echo` when the server has it (else the first
// tool), prints `CALLED ok|error: TEXT` and exits 0; on any error it prints the error on stderr and
// exits 1. The URL is the last argument (mcpfuzz appends it); MCPFUZZ_SERVER_URL is used when none
// is given. With --auth the transport gets OAuth options: on a 401 the SDK discovers the
// authorization server and registers, then hands the authorization URL to a callback, which prints
// `AUTHORIZE url` and gives up (there is no browser); the run then ends with exit 0.
var words = new List<string>(args);
var mode = HttpTransportMode.AutoDetect;
if (words.Count > 0 && words[0] is "auto" or "streamable" or "sse")
{
    mode = words[0] switch { "streamable" => HttpTransportMode.StreamableHttp, "sse" => HttpTransportMode.Sse, _ => HttpTransportMode.AutoDetect };
    words.RemoveAt(0);
}

string? pinned = null;
int pin = words.IndexOf("--protocol-version");
if (pin >= 0 && pin + 1 < words.Count)
{
    pinned = words[pin + 1];
    words.RemoveRange(pin, 2);
}

bool auth = words.Remove("--auth");
Uri? authorizeUrl = null;

string? url = words.Count > 0 ? words[^1] : Environment.GetEnvironmentVariable("MCPFUZZ_SERVER_URL");
if (url is null)
{
    Console.Error.WriteLine("usage: CSharpClient [auto|streamable|sse] [--protocol-version V] URL");
    return 2;
}

try
{
    var transportOptions = new HttpClientTransportOptions { Endpoint = new Uri(url), TransportMode = mode, Name = "mcpfuzz-cs-client" };
    if (auth)
    {
        transportOptions.OAuth = new ClientOAuthOptions
        {
            RedirectUri = new Uri("http://127.0.0.1:9/callback"),
            DynamicClientRegistration = new DynamicClientRegistrationOptions { ClientName = "mcpfuzz-cs-client" },
            AuthorizationCallbackHandler = (context, _) =>
            {
                authorizeUrl = context.AuthorizationUri;
                Console.WriteLine($"AUTHORIZE {context.AuthorizationUri}");
                throw new OperationCanceledException("there is no browser to authorize in");
            },
        };
    }

    var transport = new HttpClientTransport(transportOptions);
    var options = new McpClientOptions { ProtocolVersion = pinned };
    await using var client = await McpClient.CreateAsync(transport, options);
    var tools = await client.ListToolsAsync();
    if (tools.Count > 0)
    {
        // server-everything's `echo` needs its message; any other first tool is called without arguments.
        var echo = tools.FirstOrDefault(t => t.Name == "echo");
        var result = echo is not null
            ? await client.CallToolAsync("echo", new Dictionary<string, object?> { ["message"] = "through the proxy" })
            : await client.CallToolAsync(tools[0].Name, new Dictionary<string, object?>());
        var text = string.Join(" ", result.Content.OfType<ModelContextProtocol.Protocol.TextContentBlock>().Select(c => c.Text));
        Console.WriteLine($"CALLED {(result.IsError == true ? "error" : "ok")}: {text}");
    }

    Console.WriteLine($"ok: {tools.Count} tools, protocol {client.NegotiatedProtocolVersion}");
    return 0;
}
catch (Exception) when (authorizeUrl is not null)
{
    Console.WriteLine("done (authorization needs a browser)");
    return 0;
}
catch (Exception error)
{
    Console.Error.WriteLine($"error: {error.GetType().Name}: {error.Message}");
    return 1;
}
