"""Security headers: a strict Content-Security-Policy everywhere, no caching of staff pages, HSTS and the HTTPS
redirect behind TLS, and Django's deployment check clean with LOTSE_HTTPS=1."""

from __future__ import annotations

import os
import secrets
import subprocess
import sys

import pytest
from django.contrib.auth.models import User
from django.test import Client

from bot.web.security.headers import POLICY

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__)))))


@pytest.mark.parametrize("path", ["/", "/inbox/login/", "/admin/login/", "/content/"])
def test_every_page_has_a_policy_without_inline_scripts_or_styles(db, path):
    response = Client(SERVER_NAME="localhost").get(path)
    policy = response["Content-Security-Policy"]
    assert policy == POLICY
    for directive in ("default-src 'self'", "script-src 'self'", "style-src 'self'", "frame-ancestors 'none'",
                      "object-src 'none'"):
        assert directive in policy
    assert "unsafe-inline" not in policy and "unsafe-eval" not in policy
    assert response["X-Content-Type-Options"] == "nosniff" and response["X-Frame-Options"] == "DENY"


def test_staff_pages_and_ticket_pages_are_never_cached(db):
    user = User.objects.create_superuser("root-cache", "r@example.org", "ein-langes-richtiges-passwort-7")
    browser = Client(SERVER_NAME="localhost")
    browser.force_login(user)
    for path in ("/inbox/", "/inbox/tickets/T-ZZZZ/", "/admin/", "/content/"):
        assert browser.get(path)["Cache-Control"] == "no-store", path


DEPLOY_ENV = {"LOTSE_HTTPS": "1", "LOTSE_DEBUG": "0", "LOTSE_SECRET_KEY": secrets.token_urlsafe(50)}


def _run(code: str, **extra: str) -> subprocess.CompletedProcess:
    env = {**os.environ, **DEPLOY_ENV, **extra}
    return subprocess.run([sys.executable, "-c", code], env=env, cwd=ROOT, capture_output=True, text=True, timeout=120)


def test_the_deployment_check_is_clean_with_https_and_every_subdomain_on_https():
    result = _run("import django, sys; from django.core.management import call_command; django.setup(); "
                  "call_command('check', deploy=True, fail_level='WARNING')", LOTSE_HSTS_SUBDOMAINS="1")
    assert result.returncode == 0, result.stderr[-2000:]


def test_without_the_subdomain_promise_only_the_two_hsts_subdomain_warnings_stay():
    result = _run("import django; from django.core import checks; django.setup(); "
                  "print(sorted(m.id for m in checks.run_checks(include_deployment_checks=True)))")
    assert result.stdout.strip() == "['security.W005', 'security.W021']", result.stderr[-2000:]


def test_behind_tls_http_is_redirected_and_hsts_is_sent_but_rasa_reaches_nlg_over_http():
    code = ("import django; django.setup(); from django.test import Client; c = Client(SERVER_NAME='localhost'); "
            "r = c.get('/inbox/login/'); print(r.status_code, r['Location']); "
            "s = c.get('/inbox/login/', HTTP_X_FORWARDED_PROTO='https'); print(s['Strict-Transport-Security']); "
            "n = c.post('/nlg', '{}', content_type='application/json'); print(n.status_code)")
    result = _run(code)
    lines = result.stdout.split("\n")
    assert lines[0] == "301 https://localhost/inbox/login/", result.stderr[-2000:]
    assert lines[1].startswith("max-age=31536000")
    assert lines[2] == "403"  # not redirected: refused for want of the internal secret
