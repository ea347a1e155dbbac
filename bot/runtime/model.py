"""The trained Rasa model: one per fingerprint of the training data and configuration.

The training data is the project's files with the FAQ's example questions and responses taken from
the database (:mod:`bot.content.training_data`), so a model published by the editors is found again
by its fingerprint when ``lotse run`` restarts.
"""

from __future__ import annotations

import hashlib
import subprocess
import sys
import tempfile
from pathlib import Path
from typing import Iterable, List, Optional

from bot import paths

#: What a model is trained from, relative to the project root.
TRAINING_INPUTS = ("config.yml", "domain.yml", "nlu", "dialogue")
#: Code whose changes change what the custom NLU components learn.
COMPONENT_CODE = ("bot/nlu", "bot/languages", "bot/encoder.py", "bot/linear_model.py")


def _files(root: Path, names: Iterable[str]) -> List[Path]:
    found: List[Path] = []
    for name in names:
        path = root / name
        if path.is_dir():
            found += sorted(p for p in path.rglob("*") if p.is_file() and "__pycache__" not in p.parts)
        elif path.exists():
            found.append(path)
    return found


def fingerprint(root: Optional[Path] = None) -> str:
    """A short hash over the training data and configuration in ``root`` (default: the project's files)
    and the project's NLU component code."""
    code_root = paths.PROJECT_ROOT
    root = root or code_root
    digest = hashlib.sha256()
    for base, path in [(root, p) for p in _files(root, TRAINING_INPUTS)] + [
            (code_root, p) for p in _files(code_root, COMPONENT_CODE)]:
        digest.update(str(path.relative_to(base)).encode())
        digest.update(path.read_bytes())
    return digest.hexdigest()[:16]


def model_path(root: Optional[Path] = None) -> Path:
    """Where the model for the fingerprint of ``root``'s training data lives (it may not exist yet)."""
    return paths.models_dir() / f"lotse-{fingerprint(root)}.tar.gz"


def train_command(config: Path, out: Path, name: str, data: Iterable[Path], domain: Path,
                  validated: bool = False) -> List[str]:
    """The ``rasa train`` command that writes ``out/<name>.tar.gz`` (run in the project root); with
    ``validated`` (the caller ran ``rasa data validate``), Rasa does not validate the data again."""
    return [sys.executable, "-m", "rasa", "train", "--config", str(config), "--domain", str(domain),
            "--out", str(out), "--fixed-model-name", name, "--data", *map(str, data),
            *(["--skip-validation"] if validated else [])]


def train(config: Path, out: Path, name: str, data: Iterable[Path], domain: Path, validated: bool = False) -> Path:
    """Train a model with ``rasa train`` in a subprocess; return the model file."""
    subprocess.run(train_command(config, out, name, data, domain, validated), check=True, cwd=paths.PROJECT_ROOT)
    return out / f"{name}.tar.gz"


def train_folder(data: Path, target: Path, validated: bool = False) -> Path:
    """Train on a training-data folder (``config.yml``, ``domain.yml``, ``nlu/``, ``dialogue/``) into ``target``."""
    return train(data / "config.yml", target.parent, target.name.removesuffix(".tar.gz"),
                 [data / "nlu", data / "dialogue"], data / "domain.yml", validated)


def current_model_path() -> Path:
    """Where the model for the current training data (files plus database) lives (it may not exist yet)."""
    from bot.content import training_data

    with tempfile.TemporaryDirectory(prefix="lotse-data-") as folder:
        return model_path(training_data.build(Path(folder)))


def ensure_model() -> Path:
    """The model for the current training data, trained first when there is none.

    The training data is the project's files with the FAQ from the database
    (:func:`bot.content.training_data.build`); Django must be set up and the database migrated.
    """
    from bot.content import training_data

    with tempfile.TemporaryDirectory(prefix="lotse-data-") as folder:
        data = training_data.build(Path(folder))
        target = model_path(data)
        if target.exists():
            print(f"Model is up to date: {target.name}")
            return target
        print(f"Training a model for the current training data ({target.name}); this takes a few minutes …")
        return train_folder(data, target)
