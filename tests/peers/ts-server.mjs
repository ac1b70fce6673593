// One launcher for every TypeScript SDK server variant the interop tests run:
//
//   node ts-server.mjs VARIANT
//
//   stateful-sse   Streamable HTTP, session ids, POST answers as SSE streams
//   stateful-json  the same with enableJsonResponse (POST answers as application/json)
//   stateless      Streamable HTTP without session ids (a fresh server per request)
//   event-store    stateful-sse plus an in-memory event store, so streams can be resumed
//   legacy-sse     the 2024-11-05 HTTP+SSE transport: GET /sse, POST /messages?sessionId=
//
// It listens on 127.0.0.1 on a port the kernel picks and prints exactly one line on stdout,
// `LISTENING http://127.0.0.1:PORT/mcp` (`/sse` for legacy-sse); everything else goes to stderr.
// It exits on SIGTERM, SIGINT, and when stdin closes, so a test host that dies without stopping
// it does not leave it running. Keep stdin open (a pipe or a terminal): `< /dev/null` stops it.
//
// The SDK transports answer everything about a request inside a session (Accept, Content-Type,
// MCP-Protocol-Version, initialize, GET streams, DELETE). Routing requests to sessions is this
// host's job, and where it decides it follows the spec (2025-06-18 / 2025-11-25 Streamable HTTP):
//   - a request whose Mcp-Session-Id names no live session (unknown, or already deleted)
//     gets 404 with a JSON-RPC error, so the client knows to start a new session;
//   - a request without Mcp-Session-Id goes to a fresh transport, which accepts only
//     initialize (anything else is the SDK's 400); if no session came of it, it is closed;
//   - legacy-sse: a POST for an unknown sessionId gets 404.
import { createServer } from 'node:http';
import { randomUUID } from 'node:crypto';
import { Server } from '@modelcontextprotocol/sdk/server/index.js';
import { StreamableHTTPServerTransport } from '@modelcontextprotocol/sdk/server/streamableHttp.js';
import { SSEServerTransport } from '@modelcontextprotocol/sdk/server/sse.js';
import { CallToolRequestSchema, ListToolsRequestSchema } from '@modelcontextprotocol/sdk/types.js';
import { InMemoryEventStore } from './event-store.mjs';

const variants = ['stateful-sse', 'stateful-json', 'stateless', 'event-store', 'legacy-sse'];
const variant = process.argv[2];
if (!variants.includes(variant)) {
  process.stderr.write(`usage: node ts-server.mjs ${variants.join('|')}\n`);
  process.exit(2);
}

const echoTool = {
  name: 'echo',
  description: 'Returns the message it is given.',
  inputSchema: {
    type: 'object',
    properties: { message: { type: 'string' } },
    required: ['message'],
  },
};

// One MCP server per session: the SDK binds a server to exactly one transport.
function newMcpServer() {
  const server = new Server(
    { name: `mcpfuzz-ts-${variant}`, version: '0.1.0' },
    { capabilities: { tools: {} } },
  );
  server.setRequestHandler(ListToolsRequestSchema, async () => ({ tools: [echoTool] }));
  server.setRequestHandler(CallToolRequestSchema, async (request) => {
    if (request.params.name !== echoTool.name) {
      return { content: [{ type: 'text', text: `unknown tool ${request.params.name}` }], isError: true };
    }
    const message = String(request.params.arguments?.message ?? '');
    return { content: [{ type: 'text', text: `Echo: ${message}` }] };
  });
  return server;
}

function sendJsonError(res, status, code, message) {
  if (res.headersSent) {
    res.end();
    return;
  }
  res.writeHead(status, { 'Content-Type': 'application/json' });
  res.end(JSON.stringify({ jsonrpc: '2.0', error: { code, message }, id: null }));
}

function report(error) {
  process.stderr.write(`ts-server ${variant}: ${error?.stack ?? error}\n`);
}

// --- Streamable HTTP with sessions (stateful-sse, stateful-json, event-store) ---

const sessions = new Map(); // session id -> { transport, server }

async function openSession() {
  const server = newMcpServer();
  const transport = new StreamableHTTPServerTransport({
    sessionIdGenerator: () => randomUUID(),
    enableJsonResponse: variant === 'stateful-json',
    eventStore: variant === 'event-store' ? new InMemoryEventStore() : undefined,
    onsessioninitialized: (id) => {
      sessions.set(id, { transport, server });
    },
  });
  transport.onclose = () => {
    if (transport.sessionId !== undefined) sessions.delete(transport.sessionId);
  };
  transport.onerror = () => {}; // the SDK reports every rejected request here; the HTTP answer says it all
  await server.connect(transport);
  return { transport, server };
}

async function handleStateful(req, res) {
  const sessionId = req.headers['mcp-session-id'];
  if (sessionId !== undefined) {
    const session = sessions.get(sessionId);
    if (session === undefined) {
      // Spec: a server MUST answer a request with a terminated or unknown session id with 404.
      sendJsonError(res, 404, -32001, 'Session not found');
      return;
    }
    await session.transport.handleRequest(req, res);
    return;
  }
  const session = await openSession();
  res.on('close', () => {
    if (session.transport.sessionId === undefined) {
      session.server.close().catch(report);
    }
  });
  await session.transport.handleRequest(req, res);
}

// --- Streamable HTTP without sessions ---

async function handleStateless(req, res) {
  // The SDK forbids reusing a stateless transport across requests: one server per request.
  const server = newMcpServer();
  const transport = new StreamableHTTPServerTransport({ sessionIdGenerator: undefined });
  transport.onerror = () => {};
  res.on('close', () => {
    server.close().catch(report);
  });
  await server.connect(transport);
  await transport.handleRequest(req, res);
}

// --- HTTP+SSE (2024-11-05) ---

const legacySessions = new Map(); // session id -> transport

async function handleLegacy(req, res, url) {
  if (url.pathname === '/sse' && req.method === 'GET') {
    const server = newMcpServer();
    const transport = new SSEServerTransport('/messages', res);
    legacySessions.set(transport.sessionId, transport);
    transport.onclose = () => legacySessions.delete(transport.sessionId);
    res.on('close', () => {
      server.close().catch(report);
    });
    await server.connect(transport); // starts the stream and sends `event: endpoint`
    return;
  }
  if (url.pathname === '/messages' && req.method === 'POST') {
    const transport = legacySessions.get(url.searchParams.get('sessionId') ?? '');
    if (transport === undefined) {
      sendJsonError(res, 404, -32001, 'Session not found');
      return;
    }
    await transport.handlePostMessage(req, res);
    return;
  }
  sendJsonError(res, 404, -32000, `No MCP endpoint at ${req.method} ${url.pathname}`);
}

// --- the HTTP server ---

const endpointPath = variant === 'legacy-sse' ? '/sse' : '/mcp';

const httpServer = createServer((req, res) => {
  const url = new URL(req.url ?? '/', 'http://127.0.0.1');
  let handling;
  if (variant === 'legacy-sse') {
    handling = handleLegacy(req, res, url);
  } else if (url.pathname !== '/mcp') {
    sendJsonError(res, 404, -32000, `No MCP endpoint at ${url.pathname}`);
    return;
  } else if (variant === 'stateless') {
    handling = handleStateless(req, res);
  } else {
    handling = handleStateful(req, res);
  }
  handling.catch((error) => {
    report(error);
    sendJsonError(res, 500, -32603, 'Internal error');
  });
});

httpServer.listen(0, '127.0.0.1', () => {
  const { port } = httpServer.address();
  process.stdout.write(`LISTENING http://127.0.0.1:${port}${endpointPath}\n`);
});

function stop() {
  process.exit(0);
}
process.on('SIGTERM', stop);
process.on('SIGINT', stop);
process.stdin.on('end', stop);
process.stdin.on('close', stop);
process.stdin.resume();
