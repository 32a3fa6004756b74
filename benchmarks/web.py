"""Throughput and latency of the main pages under load, against a trivial view.

Runs the production server (gunicorn, 2 workers) on PostgreSQL with the portfolio scaled to
10 000 initiatives, then for each URL keeps 8 connections busy for a fixed time and prints
requests/s, p50 and p99 latency, and throughput as a ratio of the trivial view's.
Aim: every ratio >= 0.5 and p99 < 100 ms.

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/cityimpact_bench \\
        .venv/bin/python benchmarks/web.py

The database named in DATABASE_URL is dropped and recreated. Options: --seconds, --count.
"""

from __future__ import annotations

import argparse
import http.client
import os
import socket
import statistics
import subprocess
import sys
import threading
import time
from pathlib import Path
from urllib.parse import urlparse

ROOT = Path(__file__).resolve().parent.parent
BIN = ROOT / ".venv" / "bin"
DEFAULT_DB = "postgres://postgres@127.0.0.1:5432/cityimpact_bench"
CONNECTIONS = 8

URLS = {
    "trivial view": "/healthz",
    "list page": "/en/initiatives/",
    "filtered search": "/en/initiatives/?q=energy&theme=climate-change",
    "initiative page": "/en/initiatives/benchmark-city/generated-5000/",
    "API list": "/api/v1/initiatives/",
}


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def run(*args: str, env: dict[str, str]) -> None:
    subprocess.run([str(BIN / "cityimpact"), *args], check=True, env=env, cwd=ROOT)


def recreate_database(url: str) -> None:
    parsed = urlparse(url)
    name = parsed.path.lstrip("/")
    base = ["-h", parsed.hostname or "127.0.0.1", "-p", str(parsed.port or 5432)]
    user = ["-U", parsed.username or "postgres"]
    subprocess.run(["dropdb", *base, *user, "--if-exists", name], check=True)
    subprocess.run(["createdb", *base, *user, name], check=True)


def wait_until_up(port: int, timeout: float = 30) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            conn = http.client.HTTPConnection("127.0.0.1", port, timeout=2)
            conn.request("GET", "/healthz")
            if conn.getresponse().status == 200:
                return
        except OSError:
            time.sleep(0.3)
    raise RuntimeError("server did not start")


def load(port: int, path: str, seconds: float) -> tuple[int, list[float], int]:
    """Keep CONNECTIONS keep-alive connections busy for `seconds`; latencies in ms."""
    latencies: list[list[float]] = [[] for _ in range(CONNECTIONS)]
    errors = [0] * CONNECTIONS
    deadline = time.monotonic() + seconds

    def worker(slot: int) -> None:
        conn = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
        while time.monotonic() < deadline:
            start = time.perf_counter()
            try:
                conn.request("GET", path, headers={"Accept-Language": "en"})
                response = conn.getresponse()
                response.read()
                if response.status != 200:
                    errors[slot] += 1
            except (OSError, http.client.HTTPException):
                errors[slot] += 1
                conn.close()
                conn = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
                continue
            latencies[slot].append((time.perf_counter() - start) * 1000)
        conn.close()

    threads = [threading.Thread(target=worker, args=(i,)) for i in range(CONNECTIONS)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    merged = [ms for slot in latencies for ms in slot]
    return len(merged), merged, sum(errors)


def percentile(values: list[float], q: float) -> float:
    if not values:
        return float("nan")
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(q * len(ordered)))]


Results = dict[str, tuple[float, list[float], int]]


def measure(env: dict[str, str], seconds: float) -> Results:
    """Start gunicorn with `env`, load each URL in turn, stop it."""
    port = free_port()
    server = subprocess.Popen(
        [
            str(BIN / "gunicorn"),
            "config.wsgi:application",
            "--workers",
            "2",
            "--bind",
            f"127.0.0.1:{port}",
            "--log-level",
            "warning",
        ],
        cwd=ROOT,
        env=env,
    )
    try:
        wait_until_up(port)
        for path in URLS.values():  # warm up each worker's caches and connections
            load(port, path, 0.5)
        results: Results = {}
        for name, path in URLS.items():
            count, latencies, errors = load(port, path, seconds)
            results[name] = (count / seconds, latencies, errors)
        return results
    finally:
        server.terminate()
        server.wait(timeout=10)


def print_table(title: str, results: Results) -> None:
    trivial_rps = results["trivial view"][0]
    print(f"\n{title}")
    print(f"{'page':<18}{'req/s':>9}{'p50 ms':>9}{'p99 ms':>9}{'ratio':>8}{'errors':>8}")
    for name, (rps, latencies, errors) in results.items():
        ratio = rps / trivial_rps if trivial_rps else float("nan")
        p50 = statistics.median(latencies) if latencies else float("nan")
        p99 = percentile(latencies, 0.99)
        print(f"{name:<18}{rps:>9.1f}{p50:>9.1f}{p99:>9.1f}{ratio:>8.2f}{errors:>8}")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--seconds", type=float, default=8.0)
    parser.add_argument("--count", type=int, default=10_000)
    args = parser.parse_args()

    failed = False
    database_url = os.environ.get("DATABASE_URL", DEFAULT_DB)
    env = {
        **os.environ,
        "DATABASE_URL": database_url,
        "DEBUG": "false",
        "API_ANON_THROTTLE": "100000000/minute",
        "API_USER_THROTTLE": "100000000/minute",
        "LOG_LEVEL": "WARNING",
    }
    print(f"Preparing {database_url} with {args.count} generated initiatives…", flush=True)
    recreate_database(database_url)
    run("migrate", "--no-input", "--verbosity", "0", env=env)
    run("load_demo", env=env)
    run("generate_portfolio", "--count", str(args.count), env=env)
    run("collectstatic", "--no-input", "--verbosity", "0", env=env)

    for label, cache_seconds in (("public page cache on", "600"), ("public page cache off", "0")):
        results = measure({**env, "PUBLIC_PAGE_CACHE_SECONDS": cache_seconds}, args.seconds)
        print_table(
            f"{label}: {CONNECTIONS} connections, {args.seconds:.0f} s per URL, "
            "gunicorn with 2 workers",
            results,
        )
        failed |= any(errors for _rps, _lat, errors in results.values())
    print("\nAim: every ratio >= 0.50 and p99 < 100 ms.")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
