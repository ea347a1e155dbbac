"""Shared fixtures: environment for the Django views and a small trained model."""

import os

os.environ.setdefault("LOTSE_SECRET_KEY", "test-secret-key-not-for-production")
os.environ.setdefault("LOTSE_PSEUDONYM_KEY", "test-pseudonym-key")
os.environ.setdefault("LOTSE_INTERNAL_SECRET", "test-internal-secret")
os.environ.setdefault("LOTSE_RASA_TOKEN", "test-token")
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "bot.web.settings")
os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "2")


import shutil
import subprocess
import tempfile
from datetime import datetime, timedelta, timezone
from pathlib import Path
from typing import Optional

import pytest
import time_machine

ROOT = Path(__file__).resolve().parent.parent
#: ``LOTSE_TEST_CLOCK_SHIFT_DAYS=N``: the whole run sees a clock moved N days ahead (time-machine), started
#: here, before any test module or conftest computes its dates. `make test` runs the date tests so again.
CLOCK_SHIFT_DAYS = int(os.environ.get("LOTSE_TEST_CLOCK_SHIFT_DAYS") or 0)
if CLOCK_SHIFT_DAYS:
    time_machine.travel(datetime.now(timezone.utc) + timedelta(days=CLOCK_SHIFT_DAYS), tick=True).start()


class BackgroundTraining:
    """The test model: a real Rasa model trained on the project's data and configuration, in a subprocess
    that runs while the tests that need no model do (training takes minutes and uses mostly one core)."""

    def __init__(self) -> None:
        from bot.runtime.model import train_command

        self.directory = Path(tempfile.mkdtemp(prefix="lotse-test-model-"))
        self.log = self.directory / "training.log"
        with self.log.open("wb") as log:
            self.process = subprocess.Popen(
                train_command(ROOT / "config.yml", self.directory, "test-model", [ROOT / "nlu", ROOT / "dialogue"],
                              ROOT / "domain.yml"), cwd=ROOT, stdout=log, stderr=subprocess.STDOUT)

    def model(self) -> Path:
        """The model file, once trained; the test fails with the end of Rasa's log if training failed."""
        if self.process.wait() != 0:
            pytest.fail("training the test model failed:\n" + self.log.read_text(errors="replace")[-3000:])
        return self.directory / "test-model.tar.gz"

    def stop(self) -> None:
        """End the training if it still runs, and remove the model."""
        if self.process.poll() is None:
            self.process.terminate()
            self.process.wait()
        shutil.rmtree(self.directory, ignore_errors=True)


#: The session's background training, started at collection when a collected test needs the model.
_training: Optional[BackgroundTraining] = None


@pytest.hookimpl(trylast=True)  # after deselection (-m, -k) and pytest's own grouping by fixture
def pytest_collection_modifyitems(session, config, items):
    """Test files that need the trained model run last, in their order; the model trains meanwhile."""
    global _training

    needing = {item.nodeid.split("::")[0] for item in items if "trained_model" in getattr(item, "fixturenames", ())}
    items.sort(key=lambda item: item.nodeid.split("::")[0] in needing)  # stable: the order within stays
    if needing and _training is None and not os.environ.get("LOTSE_TEST_MODEL") and not config.option.collectonly:
        _training = BackgroundTraining()


def pytest_sessionfinish(session, exitstatus):
    """Stop an unfinished background training."""
    if _training is not None:
        _training.stop()


@pytest.fixture(scope="session")
def trained_model() -> Path:
    """The test model (:class:`BackgroundTraining`, about nine minutes on two cores).

    Developers may point ``LOTSE_TEST_MODEL`` at a model trained this way to skip training while they
    iterate; CI never sets it.
    """
    global _training

    if os.environ.get("LOTSE_TEST_MODEL"):
        return Path(os.environ["LOTSE_TEST_MODEL"])
    if _training is None:
        _training = BackgroundTraining()
    return _training.model()


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
