#!/usr/bin/env python3
"""A plain load generator for an MCP Streamable HTTP server: one session, one keep-alive
connection, a bounded loop of ping POSTs, each answer read to its end. The figure beside
`mcpfuzz server --fuzz`'s exchanges/s: what the server alone can do on this machine.

    python3 bench/load/ping_load.py URL [COUNT] [SECONDS] [PER_SESSION]

Stops after COUNT pings (default 5000) or SECONDS (default 10), whichever comes first. A new
session is initialized every PER_SESSION pings (default 200): the reference server numbers the
request ids of a session with one byte and refuses the 255th. Exchanges/s counts every POST
(initialize and initialized too), as mcpfuzz counts its exchanges."""
import http.client
import json
import sys
import time
from urllib.parse import urlsplit

REVISION = "2025-11-25"


def main():
    url = urlsplit(sys.argv[1])
    count = int(sys.argv[2]) if len(sys.argv) > 2 else 5000
    seconds = float(sys.argv[3]) if len(sys.argv) > 3 else 10.0
    conn = http.client.HTTPConnection(url.hostname, url.port, timeout=10)
    base = {"Accept": "application/json, text/event-stream", "Content-Type": "application/json"}

    def post(body, headers):
        conn.request("POST", url.path, json.dumps(body), headers)
        response = conn.getresponse()
        response.read()
        return response

    per_session = int(sys.argv[4]) if len(sys.argv) > 4 else 200

    def open_session():
        init = post({"jsonrpc": "2.0", "id": 0, "method": "initialize",
                     "params": {"protocolVersion": REVISION, "capabilities": {}, "clientInfo": {"name": "ping-load", "version": "1"}}}, base)
        headers = dict(base)
        session = init.getheader("Mcp-Session-Id")
        if session:
            headers["Mcp-Session-Id"] = session
        headers["MCP-Protocol-Version"] = REVISION
        post({"jsonrpc": "2.0", "method": "notifications/initialized"}, headers)
        return headers

    start = time.perf_counter()
    done = 0
    exchanges = 0
    headers = None
    while done < count and time.perf_counter() - start < seconds:
        if done % per_session == 0:
            headers = open_session()
            exchanges += 2
        response = post({"jsonrpc": "2.0", "id": done % per_session + 1, "method": "ping"}, headers)
        if response.status != 200:
            sys.exit(f"ping {done + 1}: status {response.status}")
        done += 1
        exchanges += 1
    elapsed = time.perf_counter() - start
    print(f"{done} pings, {exchanges} exchanges in {elapsed:.2f} s: {exchanges / elapsed:.0f} exchanges/s")


if __name__ == "__main__":
    main()
