"""Rasa's ``PUT /model`` only for what ``lotse content publish`` does: load a published model file.

Rasa's ``PUT /model`` loads whatever its body names: any file the Rasa process can read, a model
server URL it then polls, or a cloud bucket. Whoever holds the API token could make Rasa run any
model. Lotse publishes models one way only (:mod:`bot.content.publish`): ``{"model_file": <path>}``
of a ``.tar.gz`` file in the models folder (``LOTSE_MODELS_DIR``) or named as the publisher names
them (``lotse-<fingerprint>.tar.gz``, :func:`bot.runtime.model.model_path`); going back to the model Rasa
was started with is allowed too (a rollback). Every other
``PUT /model`` is refused with 403 before Rasa sees it (:func:`guard`, added to Rasa's app by
:func:`install`).

>>> refusal({"model_file": "/srv/lotse/models/lotse-0123456789abcdef.tar.gz"}, exists=lambda p: True)
''
>>> refusal({"model_server": {"url": "http://evil.example/model.tar.gz"}}, exists=lambda p: True)
'only model_file may be given'
>>> refusal({"model_file": "/tmp/other.tar.gz"}, models_dir="/srv/lotse/models", exists=lambda p: True)
'not a published model'
"""

from __future__ import annotations

import logging
import re
import sys
from pathlib import Path
from typing import Any, Callable, Optional, Sequence

logger = logging.getLogger(__name__)

#: The file names ``lotse content publish`` gives models (bot.runtime.model.model_path).
PUBLISHED_NAME = re.compile(r"lotse-[0-9a-f]{16}\.tar\.gz")


def _within(path: Path, folder: Path) -> bool:
    try:
        path.resolve().relative_to(folder.resolve())
        return True
    except ValueError:
        return False


def started_with(argv: Sequence[str] = tuple(sys.argv)) -> Optional[Path]:
    """The model file this Rasa process was started with (``--model``): loading it again is a rollback.

    >>> started_with(["rasa", "run", "--model", "/srv/m.tar.gz", "--enable-api"])
    PosixPath('/srv/m.tar.gz')
    """
    for flag, value in zip(argv, argv[1:]):
        if flag in ("--model", "-m"):
            return Path(value)
    return None


def refusal(body: Any, models_dir: Optional[str] = None,
            exists: Callable[[Path], bool] = lambda path: path.is_file(),
            start_model: Optional[Path] = None) -> str:
    """Why a ``PUT /model`` with ``body`` is refused ("" when it is a published model file or the one Rasa
    was started with).

    >>> refusal({"model_file": "/tmp/m.tar.gz"}, "/srv/models", lambda p: True, Path("/tmp/m.tar.gz"))
    ''
    """
    if not isinstance(body, dict) or set(body) != {"model_file"} or not isinstance(body["model_file"], str):
        return "only model_file may be given"
    path = Path(body["model_file"])
    if not path.name.endswith(".tar.gz") or not exists(path):
        return "not a model file"
    if models_dir is None:
        from bot import paths

        models_dir = str(paths.models_dir())
    rollback = start_model is not None and path.resolve() == start_model.resolve()
    if not (rollback or _within(path, Path(models_dir)) or PUBLISHED_NAME.fullmatch(path.name)):
        return "not a published model"
    return ""


def guard(app: Any) -> Any:
    """Add the ``PUT /model`` check to Rasa's Sanic ``app``; returns it."""
    from sanic import response

    @app.middleware("request")
    async def only_published_models(request: Any) -> Optional[Any]:
        if request.method != "PUT" or request.path.rstrip("/") != "/model":
            return None
        try:
            body = request.json
        except Exception:  # noqa: BLE001 - Sanic's InvalidUsage for a body that is not JSON
            body = None
        reason = refusal(body, start_model=started_with(sys.argv))
        if reason:
            logger.warning("PUT /model refused: %s", reason)
            return response.json({"error": "forbidden", "reason": reason}, status=403)
        return None

    return app


def install() -> None:
    """Make Rasa's server factory (``rasa.server.create_app``) add :func:`guard` to every app it builds."""
    import rasa.server

    create_app = rasa.server.create_app
    if getattr(create_app, "lotse_model_guard", False):
        return

    def guarded_create_app(*args: Any, **kwargs: Any) -> Any:
        return guard(create_app(*args, **kwargs))

    guarded_create_app.lotse_model_guard = True  # type: ignore[attr-defined]
    rasa.server.create_app = guarded_create_app  # type: ignore[assignment]
