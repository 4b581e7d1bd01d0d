#!/usr/bin/env python3
"""Load on `vietsearch serve`: concurrent clients sending search requests over loopback.

    python3 scripts/load-check.py URL [--clients 16] [--requests 5000] [--queries scripts/queries.txt]

Each client keeps one HTTP/1.1 connection and sends GET /api/search for the queries of the list in
turn (`any:` lines with any=1), until REQUESTS have been sent in all. Prints the count, errors
(any status but 200, or a failed connection), p50, p95 and max latency in ms, and requests per
second. Exits 1 if any request failed. Bounded: every request has a 60 s timeout.
"""
import argparse
import http.client
import statistics
import sys
import threading
import time
import urllib.parse


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("url")
    parser.add_argument("--clients", type=int, default=16)
    parser.add_argument("--requests", type=int, default=5000)
    parser.add_argument("--queries", default="scripts/queries.txt")
    args = parser.parse_args()
    base = urllib.parse.urlparse(args.url)
    paths = []
    for line in open(args.queries, encoding="utf-8"):
        line = line.strip()
        if not line:
            continue
        params = {"q": line[4:], "any": "1"} if line.startswith("any:") else {"q": line}
        paths.append("/api/search?" + urllib.parse.urlencode(params))
    lock = threading.Lock()
    next_request = [0]
    latencies, errors = [], []

    def client():
        connection = None
        while True:
            with lock:
                n = next_request[0]
                if n >= args.requests:
                    break
                next_request[0] += 1
            path = paths[n % len(paths)]
            started = time.perf_counter()
            try:
                if connection is None:
                    connection = http.client.HTTPConnection(base.hostname, base.port, timeout=60)
                connection.request("GET", path)
                response = connection.getresponse()
                response.read()
                ok = response.status == 200
                detail = f"{response.status} {path}"
            except Exception as e:  # a dropped connection counts as an error, and a new one is opened
                ok, detail = False, f"{type(e).__name__}: {e} {path}"
                connection = None
            elapsed = (time.perf_counter() - started) * 1000
            with lock:
                latencies.append(elapsed)
                if not ok:
                    errors.append(detail)

    started = time.perf_counter()
    threads = [threading.Thread(target=client) for _ in range(args.clients)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    wall = time.perf_counter() - started
    latencies.sort()
    p50 = statistics.median(latencies)
    p95 = latencies[int(0.95 * (len(latencies) - 1))]
    print(f"{len(latencies)} requests, {args.clients} clients, {len(errors)} errors, "
          f"p50 {p50:.1f} ms, p95 {p95:.1f} ms, max {latencies[-1]:.1f} ms, {len(latencies) / wall:.0f} requests/s")
    for e in errors[:5]:
        print("error:", e)
    sys.exit(1 if errors else 0)


main()
