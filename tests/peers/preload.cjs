// Preload for @modelcontextprotocol/server-everything, which listens on every interface on the
// port in $PORT and has no option for the host:
//
//   PORT=0 node -r ./preload.cjs node_modules/@modelcontextprotocol/server-everything/dist/index.js streamableHttp|sse
//
// - Every TCP listen is forced onto 127.0.0.1, whatever host (or none) the server asked for, so
//   the server is never reachable from another machine. Unix socket and handle listens are left
//   alone (they bind no network address).
// - Once the first TCP server listens, it prints exactly one line on stdout,
//   `LISTENING http://127.0.0.1:PORT/mcp` (streamableHttp) or `.../sse` (sse); the server's own
//   console.log output is sent to stderr so that line stays the only one on stdout.
// - Like ts-server.mjs it exits on SIGTERM, SIGINT and when stdin closes.
'use strict';

const net = require('node:net');

const loopback = '127.0.0.1';
const endpointPath = process.argv.includes('sse') ? '/sse' : '/mcp';

console.log = console.error;
console.info = console.error;

const originalListen = net.Server.prototype.listen;
let announced = false;

function announce(server) {
  if (announced) return;
  const address = server.address();
  if (address === null || typeof address === 'string') return;
  announced = true;
  process.stdout.write(`LISTENING http://${loopback}:${address.port}${endpointPath}\n`);
}

// Turns any listen(...) call into listen({ port, host: 127.0.0.1, ... }, callback).
// Returns undefined for listens that bind no TCP address (pipe paths, handles, fds).
function loopbackArguments(args) {
  const callback = typeof args[args.length - 1] === 'function' ? args[args.length - 1] : undefined;
  const first = args[0];
  let options;
  if (first === undefined || first === null || typeof first === 'function') {
    options = { port: 0 };
  } else if (typeof first === 'number' || (typeof first === 'string' && /^\d+$/.test(first))) {
    options = { port: Number(first) };
    if (typeof args[2] === 'number') options.backlog = args[2];
    else if (typeof args[1] === 'number') options.backlog = args[1];
  } else if (typeof first === 'object' && first.path === undefined && first.handle === undefined
             && first._handle === undefined && first.fd === undefined) {
    options = { ...first };
  } else {
    return undefined;
  }
  options.host = loopback;
  delete options.ipv6Only;
  return callback === undefined ? [options] : [options, callback];
}

net.Server.prototype.listen = function listenOnLoopback(...args) {
  const forced = loopbackArguments(args);
  if (forced === undefined) {
    return originalListen.apply(this, args);
  }
  this.once('listening', () => announce(this));
  return originalListen.apply(this, forced);
};

function stop() {
  process.exit(0);
}
process.on('SIGTERM', stop);
process.on('SIGINT', stop);
process.stdin.on('end', stop);
process.stdin.on('close', stop);
process.stdin.resume();
