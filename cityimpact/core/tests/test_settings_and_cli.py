import ast
import gettext
import subprocess
import sys
from pathlib import Path

import pytest

from config import env as env_module

ROOT = Path(__file__).resolve().parents[3]


def test_default_database_is_sqlite_under_var(monkeypatch, tmp_path):
    monkeypatch.setenv("DATABASE_URL", "")
    monkeypatch.setenv("VAR_DIR", str(tmp_path))
    config = env_module.database_config()
    assert config["ENGINE"] == "django.db.backends.sqlite3"
    assert config["NAME"] == str(tmp_path / "cityimpact.sqlite3")


def test_database_url_switches_to_postgresql(monkeypatch):
    monkeypatch.setenv("DATABASE_URL", "postgres://city:secret@db.example:5433/impact")
    config = env_module.database_config()
    assert config["ENGINE"] == "django.db.backends.postgresql"
    assert (config["HOST"], config["PORT"], config["NAME"]) == ("db.example", 5433, "impact")


def test_secret_key_comes_from_environment_or_is_generated_once(monkeypatch, tmp_path):
    monkeypatch.setenv("VAR_DIR", str(tmp_path))
    monkeypatch.setenv("SECRET_KEY", "")
    first = env_module.secret_key()
    assert len(first) >= 50
    assert env_module.secret_key() == first
    assert (tmp_path / "secret_key").stat().st_mode & 0o077 == 0
    monkeypatch.setenv("SECRET_KEY", "from-the-environment")
    assert env_module.secret_key() == "from-the-environment"


@pytest.mark.parametrize(("broker", "eager"), [("", "True"), ("redis://127.0.0.1:6379/0", "False")])
def test_tasks_run_in_process_without_a_broker(broker, eager, tmp_path):
    code = (
        "import django; django.setup(); from django.conf import settings; "
        "print(settings.CELERY_TASK_ALWAYS_EAGER)"
    )
    result = subprocess.run(
        [sys.executable, "-c", code],
        capture_output=True,
        text=True,
        cwd=ROOT,
        env={
            "PATH": "/usr/bin:/bin",
            "DJANGO_SETTINGS_MODULE": "config.settings.base",
            "CELERY_BROKER_URL": broker,
            "VAR_DIR": str(tmp_path),
        },
        check=True,
    )
    assert result.stdout.strip() == eager


def test_console_script_runs_management_commands(tmp_path):
    cli = Path(sys.executable).parent / "cityimpact"
    result = subprocess.run(
        [str(cli), "check"],
        capture_output=True,
        text=True,
        cwd=tmp_path,
        env={"PATH": "/usr/bin:/bin", "VAR_DIR": str(tmp_path)},
        check=False,
    )
    assert result.returncode == 0, result.stderr
    assert "no issues" in result.stdout


def test_translations_are_complete():
    for lang in ("fi", "sv"):
        text = (ROOT / "locale" / lang / "LC_MESSAGES" / "django.po").read_text(encoding="utf-8")
        entries = text.split("\n\n")[1:]
        fuzzy = [e for e in entries if "#, fuzzy" in e]
        empty = [
            e
            for e in entries
            if any(line in ('msgstr ""', 'msgstr[0] ""', 'msgstr[1] ""') for line in e.splitlines())
            and not any(
                prev.startswith("msgstr") and nxt.startswith('"')
                for prev, nxt in zip(e.splitlines(), e.splitlines()[1:], strict=False)
            )
        ]
        assert not fuzzy, f"{lang}: fuzzy entries"
        assert not empty, f"{lang}: untranslated entries:\n" + "\n".join(empty[:5])
        compiled = gettext.GNUTranslations(
            (ROOT / "locale" / lang / "LC_MESSAGES" / "django.mo").open("rb")
        )
        stale = [
            msgid for msgid, msgstr in _singular_entries(text) if compiled.gettext(msgid) != msgstr
        ]
        assert not stale, f"{lang}: django.mo is older than django.po; run `make messages`"


def _po_string(lines: list[str]) -> str:
    return "".join(
        ast.literal_eval(line.split(" ", 1)[1] if line.startswith("msg") else line)
        for line in lines
    )


def _singular_entries(text: str) -> list[tuple[str, str]]:
    """(msgid, msgstr) of the entries without plural forms or context."""
    entries = []
    for block in text.split("\n\n")[1:]:
        lines = [line for line in block.splitlines() if not line.startswith("#")]
        if any(line.startswith(("msgid_plural", "msgctxt")) for line in lines):
            continue
        start = next(i for i, line in enumerate(lines) if line.startswith("msgstr"))
        entries.append((_po_string(lines[:start]), _po_string(lines[start:])))
    return entries
