"""Publishing new example questions: retrain, validate, evaluate, and activate the model without downtime.

An editor presses "Veröffentlichen": :func:`start_publication` records a queued
:class:`~bot.content.models.Publication` and starts ``python -m bot.cli content publish
--publication ID`` as a detached process (the web process never loads TensorFlow). That process
(:func:`run_publish`) goes through the stages and writes each one, with a German message for the
editors, to the publication:

1. export: the training-data folder from the project's files and the database (:mod:`bot.content.training_data`);
2. validate: ``rasa data validate`` on it; errors end the publication with the validator's lines;
3. train: ``rasa train`` with ``config.yml`` (or the file named by ``LOTSE_PUBLISH_CONFIG``); a model
   with the same fingerprint that is already in ``models/`` is reused;
4. evaluate: intent accuracy over all languages' held-out messages (``data/heldout/2026-11/<lang>.yml``);
5. guard: the baseline is the accuracy of the model Rasa runs now (``GET /status``); a new model more
   than :data:`MAX_ACCURACY_DROP` below it, or one intent more than :data:`MAX_INTENT_DROP` below, is
   refused and deleted, and the old model stays;
6. activate: the model goes to ``models/`` under its fingerprint name, Rasa loads it with
   ``PUT /model`` and the publication is active once ``GET /status`` names it. ``lotse run`` finds it
   again by its fingerprint after a restart.

Several Rasa processes: Rasa's replace API reaches the one process that answers the request. With
several Sanic workers behind one port (``LOTSE_RASA_WORKERS`` > 1) only one worker would switch, so
publishing stops after the guard then: the checked model stays in ``models/`` and a restart of
Rasa (``lotse run`` finds it by its fingerprint) activates it in every worker. Several Rasa hosts, each
with one worker, are listed in ``LOTSE_RASA_URLS`` (comma-separated base URLs; they must see the same
``models/`` path): each of them gets the new model, one after the other.
"""

from __future__ import annotations

import argparse
import json
import os
import signal
import subprocess
import sys
import tempfile
import threading
import time
import traceback
import urllib.error
import urllib.parse
import urllib.request
from dataclasses import dataclass
from datetime import timedelta
from pathlib import Path
from typing import Any, Dict, List, Optional

from django.db import transaction
from django.utils import timezone

from bot import paths, settings
from bot.content import accuracy, training_data
from bot.content.constants import FINISHED_STATUSES, PublicationStatus
from bot.content.models import Publication

#: A new model whose intent accuracy is more than this below the running model's is not activated.
MAX_ACCURACY_DROP = 0.01
#: Nor one that recognizes a single intent this much worse (damage to one intent hides in the overall figure;
#: 0.05 is three of the 56 held-out messages an intent has). Measured: an added FAQ entry changed no intent,
#: greetings and course questions pasted into another entry cost greetings 7 points and 1.6 overall.
MAX_INTENT_DROP = 0.05
#: A publication that shows no end after this long no longer blocks new ones (its process died).
STALE_AFTER = timedelta(hours=2)
#: Environment variable naming a configuration to train with instead of ``config.yml`` (tests: fewer epochs).
PUBLISH_CONFIG_VARIABLE = "LOTSE_PUBLISH_CONFIG"
#: Environment variable listing the base URLs of several Rasa servers (comma-separated).
RASA_URLS_VARIABLE = "LOTSE_RASA_URLS"
#: Environment variable naming the model file Rasa was started with when it is not in ``models/``.
RASA_MODEL_VARIABLE = "LOTSE_RASA_MODEL"
#: How long Rasa may take to load a new model and report it in ``/status``.
ACTIVATION_TIMEOUT = 600.0
#: Lines of the validator's output shown to editors when validation fails.
VALIDATION_LINES = 12
#: Remembered evaluations of model files (name, size, time and held-out set → accuracy), in ``models/``.
ACCURACY_CACHE = "accuracy.json"


class PublicationRunning(Exception):
    """Another publication is still running; it carries that publication."""

    def __init__(self, publication: Publication) -> None:
        super().__init__(f"Publication {publication.pk} is still running ({publication.status})")
        self.publication = publication


class PublicationFailed(Exception):
    """A stage failed; the message is German, for the editors."""


# -- queries -----------------------------------------------------------------------------------------------

def latest_publication() -> Optional[Publication]:
    """The most recent publication, whatever its status (a stale unfinished one is marked failed first)."""
    end_stale_publications()
    return Publication.objects.order_by("-created_at", "-pk").first()


def active_publication() -> Optional[Publication]:
    """The publication whose model was activated last (None: Rasa runs the model ``lotse run`` started with)."""
    return (Publication.objects.filter(status=PublicationStatus.ACTIVE)
            .order_by("-finished_at", "-pk").first())


def running_publication() -> Optional[Publication]:
    """The publication that is queued or running and not stale, if any."""
    cutoff = timezone.now() - STALE_AFTER
    return (Publication.objects.exclude(status__in=FINISHED_STATUSES).filter(created_at__gte=cutoff)
            .order_by("-created_at", "-pk").first())


def end_stale_publications() -> int:
    """Mark publications failed that are unfinished after :data:`STALE_AFTER`; return how many."""
    cutoff = timezone.now() - STALE_AFTER
    return (Publication.objects.exclude(status__in=FINISHED_STATUSES).filter(created_at__lt=cutoff)
            .update(status=PublicationStatus.FAILED, finished_at=timezone.now(),
                    message="Abgebrochen: keine Rückmeldung seit über zwei Stunden."))


# -- starting ------------------------------------------------------------------------------------------------

def _create(user: Any = None) -> Publication:
    with transaction.atomic():
        end_stale_publications()
        running = running_publication()
        if running is not None:
            raise PublicationRunning(running)
        return Publication.objects.create(status=PublicationStatus.QUEUED, started_by=user,
                                          message="Wartet auf den Start …")


def log_file(publication: Publication) -> Path:
    """Where the publishing process writes its output (Rasa's training log), for administrators."""
    return paths.var_dir() / "publications" / f"{publication.pk}.log"


def start_publication(user: Any = None) -> Publication:
    """Queue a publication and start its work in a detached process; raise :class:`PublicationRunning`
    while another one runs."""
    publication = _create(user)
    log = log_file(publication)
    command = [sys.executable, "-m", "bot.cli", "content", "publish", "--publication", str(publication.pk)]
    try:
        log.parent.mkdir(parents=True, exist_ok=True)
        with open(log, "ab") as output:
            process = subprocess.Popen(command, env=dict(os.environ), cwd=paths.PROJECT_ROOT, stdin=subprocess.DEVNULL,
                                       stdout=output, stderr=subprocess.STDOUT, start_new_session=True)
    except OSError as error:
        _finish(publication, PublicationStatus.FAILED, f"Konnte nicht gestartet werden ({type(error).__name__}).")
        return publication
    threading.Thread(target=process.wait, daemon=True).start()  # reaps the process when it ends
    return publication


# -- stages --------------------------------------------------------------------------------------------------

def _stage(publication: Publication, status: str, message: str) -> None:
    publication.status = status
    publication.message = message
    publication.save(update_fields=["status", "message", "model_file", "accuracy", "baseline_accuracy"])
    print(f"[{status}] {message}", flush=True)


def _finish(publication: Publication, status: str, message: str) -> None:
    publication.finished_at = timezone.now()
    publication.status = status
    publication.message = message
    publication.save()
    print(f"[{status}] {message}", flush=True)


def percent(value: float) -> str:
    """A share as editors read it.

    >>> percent(0.9166)
    '91,7 %'
    """
    return f"{value * 100:.1f} %".replace(".", ",")


def publish_config() -> Path:
    """The configuration to train with: ``LOTSE_PUBLISH_CONFIG``, else ``config.yml``."""
    return Path(os.environ.get(PUBLISH_CONFIG_VARIABLE) or paths.PROJECT_ROOT / "config.yml")


def validate(data: Path) -> None:
    """``rasa data validate`` on a training-data folder; raise :class:`PublicationFailed` with its error lines."""
    command = [sys.executable, "-m", "rasa", "data", "validate", "--data", str(data / "nlu"), str(data / "dialogue"),
               "--config", str(data / "config.yml"), "--domain", str(data / "domain.yml")]
    result = subprocess.run(command, cwd=paths.PROJECT_ROOT, capture_output=True, text=True)
    if result.returncode == 0:
        return
    output = (result.stdout + result.stderr).splitlines()
    relevant = [line.strip() for line in output if "error" in line.lower() or "invalid" in line.lower()]
    lines = (relevant or [line.strip() for line in output if line.strip()])[-VALIDATION_LINES:]
    raise PublicationFailed("Die Trainingsdaten sind ungültig:\n" + "\n".join(lines))


def train(data: Path, target: Path) -> Path:
    """The model for ``data`` (already checked by :func:`validate`) at ``target``: trained in a temporary
    folder next to it, then moved there."""
    from bot.runtime import model

    target.parent.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(prefix=".publishing-", dir=target.parent) as folder:
        try:
            trained = model.train_folder(data, Path(folder) / target.name, validated=True)
        except subprocess.CalledProcessError:
            raise PublicationFailed("Das Training ist fehlgeschlagen; Einzelheiten stehen im Protokoll.") from None
        os.replace(trained, target)
    return target


def evaluate(model_file: Path) -> Dict[str, float]:
    """The intent accuracies of a model on the held-out set (see :func:`accuracy.intent_accuracy`),
    remembered per model file and held-out set."""
    cache_path = paths.models_dir() / ACCURACY_CACHE
    stat = model_file.stat()
    key = f"{model_file.name}:{stat.st_size}:{stat.st_mtime_ns}:{_test_set_hash()}:per-intent"
    cache: Dict[str, Dict[str, float]] = json.loads(cache_path.read_text()) if cache_path.exists() else {}
    if key not in cache:
        cache[key] = accuracy.intent_accuracy(model_file)
        cache_path.parent.mkdir(parents=True, exist_ok=True)
        cache_path.write_text(json.dumps(cache, indent=1))
    return cache[key]


def _test_set_hash() -> str:
    import hashlib

    digest = hashlib.sha256()
    for path in sorted(accuracy.GUARD_SET.glob("*.yml")):
        digest.update(path.name.encode() + path.read_bytes())
    return digest.hexdigest()[:12]


def locate_model(name: str) -> Optional[Path]:
    """The model file Rasa reports as ``model_file`` (a file name): in ``models/``, or ``LOTSE_RASA_MODEL``."""
    candidates = [paths.models_dir() / name]
    if os.environ.get(RASA_MODEL_VARIABLE):
        candidates.append(Path(os.environ[RASA_MODEL_VARIABLE]))
    return next((path for path in candidates if path.name == name and path.is_file()), None)


def baseline_accuracy(running_name: str) -> Dict[str, float]:
    """The intent accuracies of the model Rasa runs now."""
    running = locate_model(running_name)
    if running is None:
        raise PublicationFailed(f"Das laufende Modell {running_name} wurde nicht gefunden; ohne Vergleich "
                                "wird kein neues Modell aktiviert.")
    return evaluate(running)


# -- Rasa's HTTP API -----------------------------------------------------------------------------------------

@dataclass(frozen=True)
class RasaServer:
    """One Rasa process's HTTP API (token authentication)."""

    url: str
    token: str

    def _request(self, method: str, path: str, body: Optional[Dict[str, Any]] = None,
                 timeout: float = 30.0) -> Optional[Dict[str, Any]]:
        query = urllib.parse.urlencode({"token": self.token})
        request = urllib.request.Request(f"{self.url.rstrip('/')}{path}?{query}", method=method,
                                         data=json.dumps(body).encode() if body is not None else None,
                                         headers={"Content-Type": "application/json"})
        with urllib.request.urlopen(request, timeout=timeout) as response:
            payload = response.read()
        return json.loads(payload) if payload else None

    def model_file(self) -> str:
        """The file name of the model this Rasa process runs (``GET /status``)."""
        status = self._request("GET", "/status") or {}
        return str(status.get("model_file") or "")

    def replace_model(self, model_file: Path) -> None:
        """Load ``model_file`` (a path this Rasa process can read) in place of the running model (``PUT /model``)."""
        self._request("PUT", "/model", {"model_file": str(model_file)}, timeout=ACTIVATION_TIMEOUT)


def rasa_servers() -> List[RasaServer]:
    """The Rasa processes to publish to: ``LOTSE_RASA_URLS``, else ``LOTSE_RASA_URL`` (as the supervisor sets it).

    >>> os.environ[RASA_URLS_VARIABLE] = "http://a:5005, http://b:5005"
    >>> [server.url for server in rasa_servers()]
    ['http://a:5005', 'http://b:5005']
    >>> del os.environ[RASA_URLS_VARIABLE]
    """
    urls = [url.strip() for url in os.environ.get(RASA_URLS_VARIABLE, "").split(",") if url.strip()]
    token = os.environ.get("LOTSE_RASA_TOKEN", "")
    return [RasaServer(url, token) for url in urls or [os.environ.get("LOTSE_RASA_URL") or settings.RASA_URL]]


def running_model(servers: List[RasaServer]) -> str:
    """The model file the Rasa servers run; raise :class:`PublicationFailed` when one is unreachable."""
    names = set()
    for server in servers:
        try:
            names.add(server.model_file())
        except (urllib.error.URLError, OSError, ValueError):
            raise PublicationFailed("Der Rasa-Server ist nicht erreichbar; das Modell kann nicht aktiviert "
                                    "werden.") from None
    if len(names) != 1 or "" in names:
        raise PublicationFailed("Die Rasa-Server laufen mit verschiedenen oder keinen Modellen; bitte die "
                                "Betreuung des Servers fragen.")
    return names.pop()


def activate(servers: List[RasaServer], model_file: Path) -> None:
    """Load the model in every Rasa server and wait until each reports it."""
    for server in servers:
        try:
            server.replace_model(model_file)
            deadline = time.monotonic() + ACTIVATION_TIMEOUT
            while server.model_file() != model_file.name:
                if time.monotonic() > deadline:
                    raise PublicationFailed("Rasa hat das neue Modell nicht rechtzeitig geladen.")
                time.sleep(1)
        except (urllib.error.URLError, OSError, ValueError) as error:
            raise PublicationFailed(f"Rasa hat das neue Modell nicht geladen ({type(error).__name__}).") from None


# -- the whole run -------------------------------------------------------------------------------------------

def _several_workers() -> bool:
    from bot.runtime import endpoints

    return endpoints.rasa_workers(os.environ) > 1 and not os.environ.get(RASA_URLS_VARIABLE)


def carry_out(publication: Publication) -> None:
    """Go through all stages; the publication ends active, refused or failed, never in a running stage."""
    try:
        _publish(publication)
    except PublicationFailed as error:
        _finish(publication, PublicationStatus.FAILED, str(error))
    except BaseException as error:  # noqa: BLE001 - whatever happens, the publication must not stay "running"
        traceback.print_exc()
        _finish(publication, PublicationStatus.FAILED,
                f"Unerwarteter Fehler ({type(error).__name__}); Einzelheiten stehen im Protokoll.")
        if not isinstance(error, Exception):
            raise


def _publish(publication: Publication) -> None:
    servers = rasa_servers()
    running_name = running_model(servers)
    _stage(publication, PublicationStatus.EXPORTING, "Trainingsdaten werden aus den Beispielfragen erstellt …")
    from bot.runtime import model

    with tempfile.TemporaryDirectory(prefix="lotse-publish-") as folder:
        data = training_data.build(Path(folder) / "data", config=publish_config())
        target = model.model_path(data)
        _stage(publication, PublicationStatus.VALIDATING, "Trainingsdaten werden geprüft …")
        validate(data)
        trained_now = not target.exists()
        if trained_now:
            _stage(publication, PublicationStatus.TRAINING, "Modell wird trainiert; das dauert einige Minuten …")
            train(data, target)
    publication.model_file = str(target)
    _stage(publication, PublicationStatus.EVALUATING, "Modell wird mit den Testfragen bewertet …")
    new, old = evaluate(target), baseline_accuracy(running_name)
    publication.accuracy, publication.baseline_accuracy = new[accuracy.OVERALL], old[accuracy.OVERALL]
    intent, intent_drop = accuracy.worst_drop(new, old)
    if publication.accuracy < publication.baseline_accuracy - MAX_ACCURACY_DROP or intent_drop > MAX_INTENT_DROP:
        if trained_now and target.name != running_name:
            target.unlink(missing_ok=True)
        points = f"{MAX_ACCURACY_DROP * 100:.0f}"
        worse = (f"das laufende {percent(publication.baseline_accuracy)} – mehr als "
                 f"{points} Prozentpunkt{'' if points == '1' else 'e'} weniger"
                 if publication.accuracy < publication.baseline_accuracy - MAX_ACCURACY_DROP else
                 f"aber Fragen der Art „{intent}“ nur noch zu {percent(new.get(intent, 0.0))} "
                 f"(bisher {percent(old[intent])})")
        _finish(publication, PublicationStatus.REFUSED,
                f"Nicht aktiviert: Das neue Modell erkennt {percent(publication.accuracy)} der Testfragen richtig, "
                f"{worse}. Das bisherige Modell bleibt aktiv. Bitte die zuletzt geänderten Beispielfragen prüfen.")
        return
    if target.name != running_name and _several_workers():
        raise PublicationFailed(f"Das neue Modell ist geprüft ({percent(publication.accuracy)} der Testfragen "
                                "richtig) und gespeichert, aber Rasa läuft mit mehreren Workern: Es wird erst "
                                "nach einem Neustart von Rasa aktiv.")
    if target.name != running_name:
        _stage(publication, PublicationStatus.ACTIVATING, "Modell wird im laufenden Bot aktiviert …")
        activate(servers, target)
    _finish(publication, PublicationStatus.ACTIVE,
            f"Aktiv: Das Modell erkennt {percent(publication.accuracy)} der Testfragen richtig "
            f"(vorher {percent(publication.baseline_accuracy)}).")


def run_publish(args: argparse.Namespace) -> int:
    """``lotse content publish [--publication ID]``: carry out a queued publication, or a new one;
    exit status 0 when the new model is active."""
    if args.publication is None:
        try:
            publication = _create()
        except PublicationRunning as running:
            print(f"Eine Veröffentlichung läuft bereits (Nr. {running.publication.pk}).", file=sys.stderr)
            return 1
    else:
        found = Publication.objects.filter(pk=args.publication, status=PublicationStatus.QUEUED).first()
        if found is None:
            print(f"Keine wartende Veröffentlichung Nr. {args.publication}.", file=sys.stderr)
            return 2
        publication = found
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(1))  # a stopped publication ends "failed", not "running"
    carry_out(publication)
    return 0 if publication.status == PublicationStatus.ACTIVE else 1
