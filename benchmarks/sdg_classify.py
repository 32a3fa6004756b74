"""Speed and memory of the SDG classifier on this machine.

    .venv/bin/python benchmarks/sdg_classify.py [--texts 1000]

Prints:
- paragraph-length texts per second through `cityimpact sdg_classify` end to end (process
  start, Django, model load, 1 000 texts of 60–120 words, JSON out), and that run's peak
  memory;
- sentence-length texts per second, through the command (a batch) and one text per call
  in a warm process (as the API and the suggestion button use it);
- model load time in a fresh process.

Aims (issue 3): ≥ 20 paragraphs/s and ≥ 100 sentences/s on 2 cores, load ≤ 3 s, peak
memory ≤ 1.5 GB. The texts are built from the labelled passages, so they read like the
city's own texts in the three languages.
"""

from __future__ import annotations

import argparse
import json
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
PASSAGES = ROOT / "cityimpact" / "sdg" / "data" / "classifier" / "passages"
COMMAND = [sys.executable, "-m", "cityimpact.cli", "sdg_classify", "--targets", "5"]


def _texts() -> tuple[list[str], list[str]]:
    rows = [
        json.loads(line)
        for path in sorted(PASSAGES.glob("*.jsonl"))
        for line in path.read_text(encoding="utf-8").splitlines()
        if line.strip()
    ]
    paragraphs, sentences = [], []
    pending = ""
    for row in rows:
        text = row["text"]
        words = len(text.split())
        if words <= 25:
            sentences.append(text)
        pending = f"{pending} {text}".strip() if pending else text
        if len(pending.split()) >= 60:
            paragraphs.append(" ".join(pending.split()[:120]))
            pending = ""
    return paragraphs, sentences


def _run_command(texts: list[str]) -> tuple[float, float]:
    """(seconds, peak MB) of the command over `texts`, process start included."""
    with tempfile.NamedTemporaryFile("w", suffix=".jsonl", delete=False) as handle:
        for number, text in enumerate(texts):
            handle.write(json.dumps({"id": number, "text": text}, ensure_ascii=False) + "\n")
    started = time.perf_counter()
    done = subprocess.run(
        [*COMMAND, "--input", handle.name], capture_output=True, text=True, check=False
    )
    seconds = time.perf_counter() - started
    Path(handle.name).unlink()
    if done.returncode != 0:
        raise SystemExit(done.stderr)
    assert len(done.stdout.splitlines()) == len(texts)
    peak_mb = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
    return seconds, peak_mb


_LOAD = """
import os, time
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.base")
started = time.perf_counter()
from cityimpact.sdg.classifier.model import Classifier
classifier = Classifier.load()
classifier.classify(["Aurinkopaneelit koulujen katoille."])
print(time.perf_counter() - started)
"""

_WARM = """
import json, sys, time
from cityimpact.sdg.classifier.model import Classifier
classifier = Classifier.load()
texts = json.load(sys.stdin)
classifier.classify(texts[:5])
started = time.perf_counter()
for text in texts:
    classifier.classify([text])
print(len(texts) / (time.perf_counter() - started))
"""


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--texts", type=int, default=1000)
    count = parser.parse_args().texts
    paragraphs, sentences = _texts()
    paragraphs = (paragraphs * (count // max(1, len(paragraphs)) + 1))[:count]
    sentences = (sentences * (count // max(1, len(sentences)) + 1))[:count]
    words = sum(len(p.split()) for p in paragraphs) / len(paragraphs)

    load = float(subprocess.check_output([sys.executable, "-c", _LOAD], text=True))
    print(f"model load and first text, fresh process: {load:.2f} s (aim ≤ 3 s)")

    seconds, peak = _run_command(paragraphs)
    print(
        f"{count} paragraphs ({words:.0f} words on average), command end to end: "
        f"{seconds:.1f} s = {count / seconds:.1f} texts/s (aim ≥ 20); peak memory {peak:.0f} MB "
        "(aim ≤ 1 500)"
    )
    seconds, _ = _run_command(sentences)
    print(f"{count} sentences, command end to end: {count / seconds:.1f} texts/s (aim ≥ 100)")
    warm = float(
        subprocess.check_output(
            [sys.executable, "-c", _WARM], input=json.dumps(sentences[:200]), text=True
        )
    )
    print(f"sentences one per call in a warm process: {warm:.1f} texts/s")


if __name__ == "__main__":
    main()
