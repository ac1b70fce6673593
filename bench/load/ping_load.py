#!/usr/bin/env python3
"""A plain load generator for an MCP Streamable HTTP server: one session, one keep-alive
connection, a bounded loop of ping POSTs, each answer read to its end. The figure beside
`mcpfuzz server --fuzz`'s exchanges/s: what the server alone can do on this machine.

    python3 bench/load/ping_load.py URL [COUNT] [SECONDS]

Stops after COUNT pings (default 5000) or SECONDS (default 10), whichever comes first."""
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

    init = post({"jsonrpc": "2.0", "id": 0, "method": "initialize",
                 "params": {"protocolVersion": REVISION, "capabilities": {}, "clientInfo": {"name": "ping-load", "version": "1"}}}, base)
    headers = dict(base)
    session = init.getheader("Mcp-Session-Id")
    if session:
        headers["Mcp-Session-Id"] = session
    headers["MCP-Protocol-Version"] = REVISION
    post({"jsonrpc": "2.0", "method": "notifications/initialized"}, headers)

    start = time.perf_counter()
    done = 0
    while done < count and time.perf_counter() - start < seconds:
        response = post({"jsonrpc": "2.0", "id": done + 1, "method": "ping"}, headers)
        if response.status != 200:
            sys.exit(f"ping {done + 1}: status {response.status}")
        done += 1
    elapsed = time.perf_counter() - start
    print(f"{done} pings in {elapsed:.2f} s: {done / elapsed:.0f} /s")


if __name__ == "__main__":
    main()
