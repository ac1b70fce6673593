// A real MCP client for the interop tests: the TypeScript SDK's Client over
// StreamableHTTPClientTransport. Usage: node ts-client.mjs URL
// Connects (initialize + initialized), lists the tools, calls `echo` when the server has it,
// ends the session, and prints one line per step; exits 0 when every step succeeded, 1 when one
// failed, 3 when the whole run took longer than its bound.
import { Client } from "@modelcontextprotocol/sdk/client/index.js";
import { StreamableHTTPClientTransport } from "@modelcontextprotocol/sdk/client/streamableHttp.js";

const bound = setTimeout(() => {
  console.log("TIMEOUT");
  process.exit(3);
}, 30_000);

const url = new URL(process.argv[2] ?? process.env.MCPFUZZ_SERVER_URL);
const client = new Client({ name: "mcpfuzz-ts-client", version: "1.0.0" });
const transport = new StreamableHTTPClientTransport(url);
try {
  await client.connect(transport);
  console.log(`CONNECTED ${transport.sessionId ?? "(no session)"}`);
  const { tools } = await client.listTools();
  console.log(`TOOLS ${tools.map((t) => t.name).join(",")}`);
  if (tools.some((t) => t.name === "echo")) {
    const result = await client.callTool({ name: "echo", arguments: { message: "through the proxy" } });
    console.log(`CALLED ${JSON.stringify(result.content)}`);
  }
  await transport.terminateSession();
  await client.close();
  console.log("DONE");
  clearTimeout(bound);
} catch (error) {
  console.log(`FAILED ${error?.message ?? error}`);
  clearTimeout(bound);
  process.exitCode = 1;
  await client.close().catch(() => {});
}
