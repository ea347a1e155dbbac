"""The installed environment: pinned, consistent, nothing to download at run time."""

import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def test_pip_check_is_clean():
    result = subprocess.run([sys.executable, "-m", "pip", "check"], capture_output=True, text=True)
    assert result.returncode == 0, result.stdout + result.stderr


def test_rasa_is_the_patched_release():
    import rasa

    assert rasa.__version__ == "3.6.21"


def test_every_requirement_is_pinned():
    lines = [line.split("#")[0].strip() for line in (ROOT / "requirements.txt").read_text().splitlines()]
    unpinned = [line for line in lines if line and "==" not in line]
    assert unpinned == []


def test_python_version_file_says_310():
    assert (ROOT / ".python-version").read_text().strip() == "3.10"
    assert sys.version_info[:2] == (3, 10)


def test_endpoints_take_ports_and_paths_from_the_environment(monkeypatch, tmp_path):
    """Rasa substitutes ${VAR} only in plain YAML scalars: a quoted one stays literal and Rasa then
    calls a URL like http://127.0.0.1:${LOTSE_WEB_PORT}/nlg and answers nothing. `lotse run` hands
    Rasa the file it writes from endpoints.yml; both must resolve (Rasa reads the repository's file
    when started by hand)."""
    from rasa.core.utils import read_endpoints_from_path

    from bot.runtime import endpoints as effective_endpoints

    monkeypatch.setenv("LOTSE_ACTIONS_PORT", "6001")
    monkeypatch.setenv("LOTSE_WEB_PORT", "6002")
    monkeypatch.setenv("LOTSE_TRACKER_DB", "/tmp/lotse-tracker.sqlite3")
    monkeypatch.delenv("LOTSE_TRACKER_URL", raising=False)
    monkeypatch.delenv("LOTSE_REDIS_URL", raising=False)
    written = effective_endpoints.write(dict(os.environ), tmp_path / "endpoints.yml")
    for path in (ROOT / "endpoints.yml", written):
        endpoints = read_endpoints_from_path(str(path))
        assert endpoints.action.url == "http://127.0.0.1:6001/webhook"
        assert endpoints.nlg.url == "http://127.0.0.1:6002/nlg"
        assert endpoints.tracker_store.kwargs["db"] == "/tmp/lotse-tracker.sqlite3"


def test_rasa_telemetry_and_error_reports_are_off():
    """Nothing about clients' conversations leaves the machine through Rasa's telemetry or Sentry."""
    import bot  # noqa: F401  (sets the default)
    from rasa import telemetry

    assert not telemetry.is_telemetry_enabled()
