"""Django settings of the web process, from the environment (see bot.settings)."""

from __future__ import annotations

import os

from bot import paths
from bot.directory.database import database_config
from bot.runtime import log_privacy
from bot.runtime.dotenv import load_dotenv
from bot.settings import env

# no message text, client id, token or exception message in any log line of this process
log_privacy.install()

BASE_DIR = paths.PROJECT_ROOT
# `make run` keeps the generated secrets in .env; management commands (createsuperuser) read them too.
load_dotenv(paths.PROJECT_ROOT / ".env")
SECRET_KEY = os.environ.get("LOTSE_SECRET_KEY", "")
if not SECRET_KEY:
    raise RuntimeError("LOTSE_SECRET_KEY is not set (make run writes one into .env)")
DEBUG = env("LOTSE_DEBUG", "0") == "1"
ALLOWED_HOSTS = env("LOTSE_ALLOWED_HOSTS", "127.0.0.1,localhost").split(",")

INSTALLED_APPS = ["django.contrib.admin", "django.contrib.contenttypes", "django.contrib.auth", "django.contrib.sessions",
                  "django.contrib.messages", "django.contrib.staticfiles", "bot.web", "bot.directory", "bot.handover",
                  "bot.channels", "bot.content", "bot.web.security"]
MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "bot.web.security.headers.SecurityHeadersMiddleware",  # CSP, no-store on staff pages
]
ROOT_URLCONF = "bot.web.urls"
WSGI_APPLICATION = "bot.web.wsgi.application"
TEMPLATES = [{"BACKEND": "django.template.backends.django.DjangoTemplates", "DIRS": [], "APP_DIRS": True,
              "OPTIONS": {"context_processors": ["django.template.context_processors.request",
                                                 "django.contrib.auth.context_processors.auth",
                                                 "django.contrib.messages.context_processors.messages"]}}]
# The bot's own data (directory, appointments): SQLite in var/, or PostgreSQL from LOTSE_DATABASE_URL.
DATABASES = {"default": database_config(os.environ.get("LOTSE_DATABASE_URL", ""),
                                        str(paths.var_dir() / env("LOTSE_WEB_DB", "lotse.sqlite3")))}
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"
# Sessions in the database: logging out (or deleting the row) ends a staff session on the server; a
# copied cookie is worthless afterwards. Expired sessions are deleted by `lotse retention`.
SESSION_ENGINE = "django.contrib.sessions.backends.db"
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
SESSION_COOKIE_SECURE = CSRF_COOKIE_SECURE = env("LOTSE_HTTPS", "0") == "1"
X_FRAME_OPTIONS = "DENY"
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
if SESSION_COOKIE_SECURE:  # behind a TLS-terminating proxy that sets X-Forwarded-Proto
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    SECURE_SSL_REDIRECT = True
    # Rasa calls /nlg and the supervisor /healthz over plain HTTP on the internal network
    SECURE_REDIRECT_EXEMPT = [r"^nlg$", r"^healthz$"]
    SECURE_HSTS_SECONDS = 365 * 24 * 3600
    # includeSubDomains and preload only when the operator says every subdomain serves HTTPS (docs/deployment.md)
    SECURE_HSTS_INCLUDE_SUBDOMAINS = SECURE_HSTS_PRELOAD = env("LOTSE_HSTS_SUBDOMAINS", "0") == "1"
# Django's password rules for staff accounts (createsuperuser, the admin's user forms, password changes).
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator", "OPTIONS": {"min_length": 12}},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
#: The public origin (e.g. https://lotse.example.de) for Django's CSRF origin check behind a proxy.
CSRF_TRUSTED_ORIGINS = [origin for origin in [env("LOTSE_PUBLIC_URL", "").rstrip("/")] if origin.startswith("http")]
# Admin static files, served by WhiteNoise straight from the installed apps (no collectstatic step).
STATIC_URL = "static/"
WHITENOISE_USE_FINDERS = True
USE_TZ = True
TIME_ZONE = "Europe/Berlin"
LANGUAGE_CODE = "de"
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": env("LOTSE_LOG_LEVEL", "INFO")},
}

# The inbox of integration managers: Django's login, in German.
LOGIN_URL = "inbox:login"
LOGIN_REDIRECT_URL = "inbox:list"
LOGOUT_REDIRECT_URL = "inbox:login"
#: Base URL of the web process in links of notification e-mails.
LOTSE_PUBLIC_URL = env("LOTSE_PUBLIC_URL", "http://127.0.0.1:8000").rstrip("/")
# New-ticket e-mails over SMTP when LOTSE_SMTP_HOST is set; otherwise they are skipped (and logged as such).
EMAIL_HOST = env("LOTSE_SMTP_HOST", "")
HANDOVER_EMAIL_ENABLED = bool(EMAIL_HOST)
EMAIL_BACKEND = ("django.core.mail.backends.smtp.EmailBackend" if EMAIL_HOST
                 else "django.core.mail.backends.locmem.EmailBackend")
EMAIL_PORT = int(env("LOTSE_SMTP_PORT", "587"))
EMAIL_HOST_USER = env("LOTSE_SMTP_USER", "")
EMAIL_HOST_PASSWORD = os.environ.get("LOTSE_SMTP_PASSWORD", "")
EMAIL_USE_TLS = env("LOTSE_SMTP_TLS", "1" if EMAIL_PORT == 587 else "0") == "1"
EMAIL_USE_SSL = EMAIL_PORT == 465 and not EMAIL_USE_TLS
EMAIL_TIMEOUT = 10
DEFAULT_FROM_EMAIL = env("LOTSE_SMTP_FROM", "lotse@localhost")
#: Who receives new tickets of the statewide pool (no district known); empty: nobody is mailed.
HANDOVER_POOL_EMAIL = env("LOTSE_HANDOVER_POOL_EMAIL", "")
# Django's cache (the login counters are in the database: bot/web/throttle.py).
CACHES = {"default": {"BACKEND": "django.core.cache.backends.filebased.FileBasedCache",
                      "LOCATION": str(paths.var_dir() / "cache")}}
