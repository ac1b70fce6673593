// A small MCP client on the TypeScript SDK, for `mcpfuzz client` and the proxy tests:
//
//   node ts-client.mjs [streamable|sse|auto] [--auth] URL
//
//   streamable  StreamableHTTPClientTransport only
//   sse         SSEClientTransport only (the 2024-11-05 HTTP+SSE transport)
//   auto        Streamable HTTP, and on failure HTTP+SSE, as the SDK's README shows for
//               clients that must reach old servers (the default)
//
//   --auth      give the transport an OAuth client provider: on a 401 the SDK discovers the
//               authorization server, registers, and asks the provider to send the user to
//               authorize; the provider prints `AUTHORIZE url` and the run ends there (exit 0),
//               since there is no browser to finish it.
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
const withAuth = args.includes('--auth');
const url = new URL(args.filter((a) => a !== '--auth').at(-1) ?? process.env.MCPFUZZ_SERVER_URL);

// An OAuth client provider that keeps everything in memory and records the authorization URL
// instead of opening a browser: discovery and registration happen before the redirect.
let authorizeUrl;
const callback = 'http://127.0.0.1:9/callback';
const provider = {
  client: undefined,
  saved: undefined,
  verifier: undefined,
  get redirectUrl() { return callback; },
  get clientMetadata() {
    return { client_name: 'mcpfuzz-ts-client', redirect_uris: [callback], grant_types: ['authorization_code', 'refresh_token'],
      response_types: ['code'], token_endpoint_auth_method: 'none' };
  },
  clientInformation() { return this.client; },
  saveClientInformation(information) { this.client = information; },
  tokens() { return this.saved; },
  saveTokens(tokens) { this.saved = tokens; },
  redirectToAuthorization(authorization) {
    authorizeUrl = authorization;
    console.log(`AUTHORIZE ${authorization}`);
  },
  saveCodeVerifier(verifier) { this.verifier = verifier; },
  codeVerifier() { return this.verifier; },
};
const options = withAuth ? { authProvider: provider } : undefined;

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
  if (mode === 'sse') await session(new SSEClientTransport(url, options));
  else if (mode === 'streamable') await session(new StreamableHTTPClientTransport(url, options));
  else {
    try {
      await session(new StreamableHTTPClientTransport(url, options));
    } catch (error) {
      console.error(`streamable HTTP failed (${error?.message ?? error}); trying HTTP+SSE`);
      await session(new SSEClientTransport(url, options));
    }
  }
  clearTimeout(bound);
  process.exit(0);
} catch (error) {
  if (authorizeUrl) {
    // The SDK throws once it has sent the user to authorize: the discovery is complete.
    console.log('DONE (authorization needs a browser)');
    clearTimeout(bound);
    process.exit(0);
  }
  console.error(`error: ${error?.stack ?? error}`);
  clearTimeout(bound);
  process.exit(1);
}
