// A small MCP client on the TypeScript SDK, for `mcpfuzz client` and the proxy tests:
//
//   node ts-client.mjs [streamable|sse|auto] URL
//
//   streamable  StreamableHTTPClientTransport only
//   sse         SSEClientTransport only (the 2024-11-05 HTTP+SSE transport)
//   auto        Streamable HTTP, and on failure HTTP+SSE, as the SDK's README shows for
//               clients that must reach old servers (the default)
//
// It connects, lists the tools, calls `echo` when the server has it (else the first tool), ends
// the session and prints one line per step (CONNECTED, TOOLS, CALLED, DONE). Exit 0 when every
// step succeeded, 1 on an error (printed on stderr), 3 when the run took longer than 30 s. The URL
// is the last argument (mcpfuzz appends it); MCPFUZZ_SERVER_URL is used when none is given.
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StreamableHTTPClientTransport } from '@modelcontextprotocol/sdk/client/streamableHttp.js';
import { SSEClientTransport } from '@modelcontextprotocol/sdk/client/sse.js';

const bound = setTimeout(() => {
  console.log('TIMEOUT');
  process.exit(3);
}, 30_000);

const args = process.argv.slice(2);
const mode = ['streamable', 'sse', 'auto'].includes(args[0]) ? args.shift() : 'auto';
const url = new URL(args.at(-1) ?? process.env.MCPFUZZ_SERVER_URL);

async function session(transport) {
  const client = new Client({ name: 'mcpfuzz-ts-client', version: '1.0.0' });
  await client.connect(transport);
  console.log(`CONNECTED ${transport.sessionId ?? '(no session)'} protocol ${transport.protocolVersion ?? '(none)'}`);
  const { tools } = await client.listTools();
  console.log(`TOOLS ${tools.map((t) => t.name).join(',')}`);
  const echo = tools.find((t) => t.name === 'echo');
  if (echo || tools.length > 0) {
    const result = echo
      ? await client.callTool({ name: 'echo', arguments: { message: 'through the proxy' } })
      : await client.callTool({ name: tools[0].name, arguments: {} });
    console.log(`CALLED ${JSON.stringify(result.content)}`);
  }
  await transport.terminateSession?.().catch(() => {});
  await client.close();
  console.log('DONE');
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
  clearTimeout(bound);
  process.exit(0);
} catch (error) {
  console.error(`error: ${error?.stack ?? error}`);
  clearTimeout(bound);
  process.exit(1);
}
