"""Many residents supporting and commenting at once, then a check that nothing was lost.

With the production server (gunicorn, 2 workers × 16 threads) on PostgreSQL, N simulated
residents (default 200) support proposals and comment through the API for a fixed time;
afterwards every acknowledged support and comment must be in the database and each
proposal's support count must equal its supports. Prints throughput, p50/p99 latency,
errors (5xx and failed connections; refusals such as "already supported" are counted apart)
and losses. Aim: 0 errors, 0 lost, p99 < 200 ms.

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/cityimpact_load .venv/bin/python benchmarks/campaigns_load.py

The database named in DATABASE_URL is dropped and recreated. Options: --residents, --seconds.
"""

from __future__ import annotations

import argparse
import http.client
import json
import os
import random
import secrets
import statistics
import subprocess
import sys
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
BIN = ROOT / ".venv" / "bin"
DEFAULT_DB = "postgres://postgres@127.0.0.1:5432/cityimpact_load"

from benchmarks.web import free_port, percentile, recreate_database, run, wait_until_up  # noqa: E402


def prepare(residents: int) -> tuple[list[int], list[str]]:
    """A collecting campaign with 20 proposals, and a signed-in session per resident."""
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.base")
    import django

    django.setup()
    from django.contrib.sessions.backends.db import SessionStore

    from cityimpact.accounts.roles import Role
    from cityimpact.accounts.services import user_create
    from cityimpact.campaigns.models import Campaign, Proposal
    from cityimpact.core.models import City

    city = City.objects.get(slug="espoo")
    campaign = Campaign.objects.create(
        city=city,
        slug="load",
        title_en="Load",
        description_en="Load test",
        phase="collecting",
        supports_per_person=20,
    )
    author = user_create(username="load-author", password=None, roles={Role.RESIDENT})
    proposals = [
        Proposal.objects.create(
            campaign=campaign,
            author=author,
            title=f"Idea {n}",
            description="d",
            problem="p",
            beneficiaries="b",
        ).pk
        for n in range(20)
    ]
    sessions = []
    for n in range(residents):
        user = user_create(username=f"load-{n}", password=None, roles={Role.RESIDENT})
        store = SessionStore()
        store["_auth_user_id"] = str(user.pk)
        store["_auth_user_backend"] = "django.contrib.auth.backends.ModelBackend"
        store["_auth_user_hash"] = user.get_session_auth_hash()
        store.create()
        sessions.append(store.session_key)
    return proposals, sessions


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--residents", type=int, default=200)
    parser.add_argument("--seconds", type=float, default=60.0)
    parser.add_argument(
        "--think-min", type=float, default=1.0, help="Seconds a resident waits at least."
    )
    parser.add_argument(
        "--think-max", type=float, default=5.0, help="…and at most, between actions."
    )
    args = parser.parse_args()
    database_url = os.environ.get("DATABASE_URL", DEFAULT_DB)
    env = {
        **os.environ,
        "DATABASE_URL": database_url,
        "LOG_LEVEL": "WARNING",
        "API_USER_THROTTLE": "100000000/minute",
        "API_ANON_THROTTLE": "100000000/minute",
    }
    os.environ.update({"DATABASE_URL": database_url})
    print(f"Preparing {database_url} with {args.residents} residents…", flush=True)
    recreate_database(database_url)
    run("migrate", "--no-input", "--verbosity", "0", env=env)
    run("load_demo", env=env)
    proposals, sessions = prepare(args.residents)

    port = free_port()
    server = subprocess.Popen(
        [
            str(BIN / "gunicorn"),
            "config.wsgi:application",
            "--workers",
            "2",
            "--threads",
            "16",
            "--worker-class",
            "gthread",
            "--bind",
            f"127.0.0.1:{port}",
            "--log-level",
            "warning",
        ],
        cwd=ROOT,
        env=env,
    )
    latencies: list[float] = []
    acknowledged_supports: list[tuple[str, int]] = []
    acknowledged_comments: list[str] = []
    counts = {"errors": 0, "refused": 0}
    lock = threading.Lock()
    deadline = 0.0

    def resident(index: int) -> None:
        session = sessions[index]
        token = secrets.token_hex(16)  # 32 characters: a valid unmasked CSRF secret
        headers = {
            "Cookie": f"sessionid={session}; csrftoken={token}",
            "X-CSRFToken": token,
            "Content-Type": "application/json",
            "Referer": f"http://127.0.0.1:{port}/",
        }
        rng = random.Random(index)
        time.sleep(rng.uniform(0, args.think_max))  # people do not all click at the same instant
        while time.monotonic() < deadline:
            proposal = rng.choice(proposals)
            if rng.random() < 0.5:
                path, body, marker = (
                    f"/api/v1/campaigns/proposals/{proposal}/support/",
                    "",
                    ("s", proposal),
                )
            else:
                text = f"comment {index}-{secrets.token_hex(4)}"
                path, body, marker = (
                    "/api/v1/campaigns/comments/",
                    json.dumps({"proposal": proposal, "text": text}),
                    ("c", text),
                )
            # A new connection per action: a person who waits seconds between clicks does not
            # hold a keep-alive connection open (the server would rightly close it).
            conn = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
            start = time.perf_counter()
            try:
                conn.request("POST", path, body=body, headers=headers)
                response = conn.getresponse()
                response.read()
            except (OSError, http.client.HTTPException):
                with lock:
                    counts["errors"] += 1
                continue
            finally:
                conn.close()
            elapsed = (time.perf_counter() - start) * 1000
            with lock:
                latencies.append(elapsed)
                if response.status == 201:
                    if marker[0] == "s":
                        acknowledged_supports.append((session, proposal))
                    else:
                        acknowledged_comments.append(marker[1])
                elif response.status >= 500:
                    counts["errors"] += 1
                else:
                    counts["refused"] += 1
            time.sleep(rng.uniform(args.think_min, args.think_max))  # a person, not a loop

    try:
        wait_until_up(port)
        deadline = time.monotonic() + args.seconds
        threads = [threading.Thread(target=resident, args=(i,)) for i in range(args.residents)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
    finally:
        server.terminate()
        server.wait(timeout=10)

    from django.contrib.sessions.models import Session
    from django.db.models import Count

    from cityimpact.campaigns.models import Comment, Proposal, Support

    user_of = {s.session_key: int(s.get_decoded()["_auth_user_id"]) for s in Session.objects.all()}
    stored_supports = set(Support.objects.values_list("user_id", "proposal_id"))
    lost_supports = sum(
        1
        for session, proposal in acknowledged_supports
        if (user_of[session], proposal) not in stored_supports
    )
    stored_comments = set(Comment.objects.values_list("text", flat=True))
    lost_comments = sum(1 for text in acknowledged_comments if text not in stored_comments)
    mismatched = [
        p.pk for p in Proposal.objects.annotate(n=Count("supports")) if p.n != p.support_count
    ]
    total = len(latencies)
    print(
        f"\n{args.residents} residents for {args.seconds:.0f} s, each waiting {args.think_min}–{args.think_max} s "
        "between actions; gunicorn 2 workers × 16 threads"
    )
    print(
        f"requests: {total} ({total / args.seconds:.1f}/s), refused by the rules: {counts['refused']}"
    )
    print(
        f"latency p50 {statistics.median(latencies):.1f} ms, p99 {percentile(latencies, 0.99):.1f} ms"
    )
    print(
        f"acknowledged: {len(acknowledged_supports)} supports, {len(acknowledged_comments)} comments"
    )
    print(
        f"errors: {counts['errors']}, lost supports: {lost_supports}, lost comments: {lost_comments}, "
        f"proposals whose count does not match: {len(mismatched)}"
    )
    print("Aim: 0 errors, 0 lost, p99 < 200 ms.")
    return 1 if counts["errors"] or lost_supports or lost_comments or mismatched else 0


if __name__ == "__main__":
    sys.exit(main())
