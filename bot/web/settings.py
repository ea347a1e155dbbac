"""Django settings of the web process, from the environment (see bot.settings)."""

from __future__ import annotations

import os

from bot import paths
from bot.directory.database import database_config
from bot.settings import env

BASE_DIR = paths.PROJECT_ROOT
SECRET_KEY = os.environ.get("LOTSE_SECRET_KEY", "")
if not SECRET_KEY:
    raise RuntimeError("LOTSE_SECRET_KEY is not set (make run writes one into .env)")
DEBUG = env("LOTSE_DEBUG", "0") == "1"
ALLOWED_HOSTS = env("LOTSE_ALLOWED_HOSTS", "127.0.0.1,localhost").split(",")

INSTALLED_APPS = ["django.contrib.admin", "django.contrib.contenttypes", "django.contrib.auth", "django.contrib.sessions",
                  "django.contrib.messages", "django.contrib.staticfiles", "bot.web", "bot.directory"]
MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
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
SESSION_ENGINE = "django.contrib.sessions.backends.signed_cookies"
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
SESSION_COOKIE_SECURE = CSRF_COOKIE_SECURE = env("LOTSE_HTTPS", "0") == "1"
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
