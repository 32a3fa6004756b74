"""The one place where settings are read from the environment.

Every variable is declared here with its type and default, and explained in `.env.example`.
"""

from __future__ import annotations

import secrets
from pathlib import Path

import environ

BASE_DIR = Path(__file__).resolve().parent.parent

env = environ.Env(
    DEBUG=(bool, False),
    SECRET_KEY=(str, ""),
    ALLOWED_HOSTS=(list, ["127.0.0.1", "localhost"]),
    CSRF_TRUSTED_ORIGINS=(list, []),
    DATABASE_URL=(str, ""),
    VAR_DIR=(str, str(BASE_DIR / "var")),
    CELERY_BROKER_URL=(str, ""),
    CELERY_RESULT_BACKEND=(str, ""),
    CACHE_URL=(str, "locmemcache://"),
    PUBLIC_PAGE_CACHE_SECONDS=(int, 600),
    TIME_ZONE=(str, "Europe/Helsinki"),
    LANGUAGE_CODE=(str, "en"),
    SECURE_SSL_REDIRECT=(bool, False),
    API_ANON_THROTTLE=(str, "120/minute"),
    API_USER_THROTTLE=(str, "600/minute"),
    API_CLASSIFY_THROTTLE=(str, "30/minute"),
    API_CLASSIFY_ANON_THROTTLE=(str, "10/minute"),
    API_NUM_PROXIES=(int, 0),
    LOG_LEVEL=(str, "INFO"),
    IDENTITY_BACKEND=(str, "cityimpact.accounts.identity.TestIdentityBackend"),
    EMAIL_BACKEND=(str, "django.core.mail.backends.console.EmailBackend"),
    DEFAULT_FROM_EMAIL=(str, "cityimpact <noreply@localhost>"),
)


def var_dir() -> Path:
    """Folder for local state: the SQLite database and the generated secret key."""
    path = Path(env("VAR_DIR") or BASE_DIR / "var")  # an empty VAR_DIR= means the default
    path.mkdir(parents=True, exist_ok=True)
    return path


def secret_key() -> str:
    """SECRET_KEY from the environment, else one generated once and kept under var/.

    Never a constant in the code: a leaked repository must not leak sessions.
    """
    configured: str = env("SECRET_KEY")
    if configured:
        return configured
    key_file = var_dir() / "secret_key"
    if not key_file.exists():
        key_file.write_text(secrets.token_urlsafe(50), encoding="utf-8")
        key_file.chmod(0o600)
    return key_file.read_text(encoding="utf-8").strip()


def database_config() -> dict[str, object]:
    """PostgreSQL when DATABASE_URL is set, else the embedded SQLite file under var/."""
    url: str = env("DATABASE_URL")
    if url:
        config: dict[str, object] = env.db_url_config(url)
        config.setdefault("CONN_MAX_AGE", 60)
        config["CONN_HEALTH_CHECKS"] = True
        return config
    return {
        "ENGINE": "django.db.backends.sqlite3",
        "NAME": str(var_dir() / "cityimpact.sqlite3"),
        "OPTIONS": {"init_command": "PRAGMA journal_mode=WAL;", "transaction_mode": "IMMEDIATE"},
    }
