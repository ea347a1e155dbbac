"""The stock bot: `rasa init`'s template project from the installed rasa package, trained on this machine.

The template's ``config.yml`` leaves pipeline and policies empty, so Rasa trains its default
configuration (DIET, ResponseSelector, TEDPolicy, RulePolicy, ...). Nothing is downloaded.
"""

from __future__ import annotations

import importlib.util
import shutil
import sys
from pathlib import Path
from typing import List

#: The model file's name (without ``.tar.gz``) inside the stock project's ``models/``.
MODEL_NAME = "stock"


def template_dir() -> Path:
    """``rasa/cli/initial_project`` of the installed rasa package (found without importing rasa)."""
    spec = importlib.util.find_spec("rasa")
    if spec is None or not spec.submodule_search_locations:
        raise RuntimeError("the rasa package is not installed")
    return Path(list(spec.submodule_search_locations)[0]) / "cli" / "initial_project"


def create(target: Path) -> Path:
    """Copy the template to ``target`` (as `rasa init --no-prompt` does, without training); return it."""
    shutil.copytree(template_dir(), target, ignore=shutil.ignore_patterns("__pycache__"))
    return target


def nlu_file(project: Path) -> Path:
    """The stock bot's NLU training data."""
    return project / "data" / "nlu.yml"


def train_command(project: Path) -> List[str]:
    """`rasa train` for the project, run with the project as working directory."""
    return [sys.executable, "-m", "rasa", "train", "--out", str(project / "models"),
            "--fixed-model-name", MODEL_NAME]


def model_file(project: Path) -> Path:
    """Where :func:`train_command` writes the model."""
    return project / "models" / f"{MODEL_NAME}.tar.gz"


def run_command(project: Path, model: Path, port: int) -> List[str]:
    """`rasa run` for the stock bot on loopback (REST channel from the template's credentials.yml)."""
    return [sys.executable, "-m", "rasa", "run", "--model", str(model), "--interface", "127.0.0.1",
            "--port", str(port), "--credentials", str(project / "credentials.yml"),
            "--endpoints", str(project / "endpoints.yml")]
