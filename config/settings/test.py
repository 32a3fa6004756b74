"""Settings for the test suite: fast hashing, local memory cache, eager tasks."""

from config.settings.base import *  # noqa: F403
from config.settings.base import REST_FRAMEWORK

PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
CELERY_TASK_ALWAYS_EAGER = True
# Tests that exercise the public page cache turn it on themselves.
PUBLIC_PAGE_CACHE_SECONDS = 0
CELERY_BROKER_URL = ""
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
# Throttling would make tests depend on their order; it is tested with explicit rates.
REST_FRAMEWORK = {
    **REST_FRAMEWORK,
    "DEFAULT_THROTTLE_RATES": {
        "anon": "10000/minute",
        "user": "10000/minute",
        "import": "1000/minute",
        "classify": "1000/minute",
        "classify_anon": "1000/minute",
    },
}
