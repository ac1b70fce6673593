// A small MCP client on the TypeScript SDK, for `mcpfuzz client`:
//
//   node ts-client.mjs [streamable|sse|auto] URL
//
//   streamable  StreamableHTTPClientTransport only
//   sse         SSEClientTransport only (the 2024-11-05 HTTP+SSE transport)
//   auto        Streamable HTTP, and on failure HTTP+SSE, as the SDK's README shows for
//               clients that must reach old servers
//
// It connects, lists the tools, calls the first one, closes the session and exits 0; on any
// error it prints the error on stderr and exits 1. The URL is the last argument (mcpfuzz
// appends it); MCPFUZZ_SERVER_URL is used when none is given.
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StreamableHTTPClientTransport } from '@modelcontextprotocol/sdk/client/streamableHttp.js';
import { SSEClientTransport } from '@modelcontextprotocol/sdk/client/sse.js';

const args = process.argv.slice(2);
const mode = ['streamable', 'sse', 'auto'].includes(args[0]) ? args.shift() : 'auto';
const url = new URL(args.at(-1) ?? process.env.MCPFUZZ_SERVER_URL);

async function session(transport) {
  const client = new Client({ name: 'mcpfuzz-ts-client', version: '0.0.0' });
  await client.connect(transport);
  const { tools } = await client.listTools();
  if (tools.length > 0) await client.callTool({ name: tools[0].name, arguments: {} });
  console.log(`ok: ${tools.length} tools, protocol ${transport.protocolVersion ?? '(none)'}`);
  await transport.terminateSession?.().catch(() => {});
  await client.close();
}

try {
  if (mode === 'sse') await session(new SSEClientTransport(url));
  else if (mode === 'streamable') await session(new StreamableHTTPClientTransport(url));
  else {
    try {
      await session(new StreamableHTTPClientTransport(url));
    } catch (error) {
      console.error(`streamable HTTP failed (${error?.message ?? error}); trying HTTP+SSE`);
      await session(new SSEClientTransport(url));
    }
  }
  process.exit(0);
} catch (error) {
  console.error(`error: ${error?.stack ?? error}`);
  process.exit(1);
}
