"""Shared fixtures: environment for the Django views and a small trained model."""

import os

os.environ.setdefault("LOTSE_SECRET_KEY", "test-secret-key-not-for-production")
os.environ.setdefault("LOTSE_PSEUDONYM_KEY", "test-pseudonym-key")
os.environ.setdefault("LOTSE_INTERNAL_SECRET", "test-internal-secret")
os.environ.setdefault("LOTSE_RASA_TOKEN", "test-token")
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "bot.web.settings")
os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "2")


import shutil
from datetime import datetime, timedelta, timezone
from pathlib import Path

import pytest
import time_machine

ROOT = Path(__file__).resolve().parent.parent
#: ``LOTSE_TEST_CLOCK_SHIFT_DAYS=N``: the whole run sees a clock moved N days ahead (time-machine), started
#: here, before any test module or conftest computes its dates. `make test` runs the date tests so again.
CLOCK_SHIFT_DAYS = int(os.environ.get("LOTSE_TEST_CLOCK_SHIFT_DAYS") or 0)
if CLOCK_SHIFT_DAYS:
    time_machine.travel(datetime.now(timezone.utc) + timedelta(days=CLOCK_SHIFT_DAYS), tick=True).start()


@pytest.fixture(scope="session")
def trained_model(tmp_path_factory) -> Path:
    """A real Rasa model trained on the project's data and configuration (about two minutes).

    Developers may point ``LOTSE_TEST_MODEL`` at a model trained this way to skip training while they
    iterate; CI never sets it.
    """
    from bot.runtime.model import train

    if os.environ.get("LOTSE_TEST_MODEL"):
        return Path(os.environ["LOTSE_TEST_MODEL"])

    directory = tmp_path_factory.mktemp("model")
    return train(ROOT / "config.yml", directory, "test-model", [ROOT / "nlu", ROOT / "dialogue"], ROOT / "domain.yml")


@pytest.fixture(scope="session")
def agent(trained_model):
    """The trained model loaded in this process."""
    from rasa.core.agent import Agent

    return Agent.load(str(trained_model))


@pytest.fixture()
def artifacts_dir() -> Path:
    """Where tests leave screenshots and reports for a person to look at."""
    target = ROOT / "test-artifacts"
    target.mkdir(exist_ok=True)
    return target


#: Flags for Debian's chromium in tests: no sandbox (containers), no GPU, nothing from the network.
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-sync",
                 "--disable-background-networking", "--disable-component-update"]


def chromium_path() -> str:
    """Debian's chromium, or skip (fail on CI, where .ci/run installs it)."""
    import os

    path = shutil.which("chromium") or "/usr/bin/chromium"
    if not Path(path).exists():
        if os.environ.get("CI"):
            pytest.fail("chromium is not installed; .ci/run installs Debian's chromium package")
        pytest.skip("Debian's chromium package is not installed (apt-get install chromium)")
    return path
