"""The Django app of the web process's security parts."""

from django.apps import AppConfig


class SecurityConfig(AppConfig):
    """Login counters (bot.web.throttle) and security headers (bot.web.security.headers)."""

    name = "bot.web.security"
    label = "security"
    verbose_name = "Sicherheit"
    default_auto_field = "django.db.models.BigAutoField"
