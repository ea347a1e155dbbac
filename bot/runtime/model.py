"""The trained Rasa model: one per fingerprint of the training data and configuration."""

from __future__ import annotations

import hashlib
import subprocess
import sys
from pathlib import Path
from typing import Iterable, List, Optional

from bot import paths

#: What a model is trained from, relative to the project root.
TRAINING_INPUTS = ("config.yml", "domain.yml", "nlu", "dialogue")
#: Code whose changes change what the custom NLU components learn.
COMPONENT_CODE = ("bot/nlu", "bot/languages")


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
    """A short hash over the training data, configuration and NLU component code."""
    root = root or paths.PROJECT_ROOT
    digest = hashlib.sha256()
    for path in _files(root, TRAINING_INPUTS + COMPONENT_CODE):
        digest.update(str(path.relative_to(root)).encode())
        digest.update(path.read_bytes())
    return digest.hexdigest()[:16]


def model_path(root: Optional[Path] = None) -> Path:
    """Where the model for the current fingerprint lives (it may not exist yet)."""
    return paths.models_dir() / f"lotse-{fingerprint(root)}.tar.gz"


def train(config: Path, out: Path, name: str, data: Iterable[Path], domain: Path) -> Path:
    """Train a model with ``rasa train`` in a subprocess; return the model file."""
    command = [sys.executable, "-m", "rasa", "train", "--config", str(config), "--domain", str(domain),
               "--out", str(out), "--fixed-model-name", name, "--data", *map(str, data)]
    subprocess.run(command, check=True, cwd=paths.PROJECT_ROOT)
    return out / f"{name}.tar.gz"


def ensure_model() -> Path:
    """The model for the current training data, trained first when there is none."""
    target = model_path()
    if target.exists():
        print(f"Model is up to date: {target.name}")
        return target
    root = paths.PROJECT_ROOT
    print(f"Training a model for the current training data ({target.name}); this takes a few minutes …")
    return train(root / "config.yml", target.parent, target.name.removesuffix(".tar.gz"),
                 [root / "nlu", root / "dialogue"], root / "domain.yml")
