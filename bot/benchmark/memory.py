"""Resident memory of process trees, read from Linux's ``/proc`` (no psutil), and Rasa's memory by stage.

A :class:`MemorySampler` watches named processes (a process and all its children, e.g. gunicorn's
workers) and keeps three figures per name: the peak of the sampled resident set (RSS) of the whole
tree, the sum of the kernel's own per-process peaks (``VmHWM``; exact, an upper bound for the tree),
and the peak proportional set size (PSS: shared pages counted once, so forked workers are not
counted twice). ``python -m bot.benchmark.memory MODEL`` reports one Rasa process's RSS after
importing Rasa and TensorFlow, after loading the model and after the first message.
"""

from __future__ import annotations

import json
import os
import sys
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Dict, Iterable, List, Optional

PROC = Path("/proc")
#: Seconds between two samples.
SAMPLE_INTERVAL = 0.5
#: Take PSS (slower to read) every this many samples.
PSS_EVERY = 4


def parse_status(text: str) -> Dict[str, int]:
    """The ``kB`` fields of ``/proc/<pid>/status`` or ``smaps_rollup``, in kB.

    >>> parse_status("Name:\\trasa\\nVmHWM:\\t  2048 kB\\nVmRSS:\\t  1024 kB\\nThreads:\\t9\\n")
    {'VmHWM': 2048, 'VmRSS': 1024}
    """
    fields = {}
    for line in text.splitlines():
        key, _, value = line.partition(":")
        parts = value.split()
        if len(parts) == 2 and parts[1] == "kB" and parts[0].isdigit():
            fields[key.strip()] = int(parts[0])
    return fields


def parent_of(stat: str) -> int:
    """The parent pid from the text of ``/proc/<pid>/stat`` (the command name may contain spaces).

    >>> parent_of("4242 (gunicorn: worker [x]) S 4200 4242 4242 0 -1")
    4200
    """
    return int(stat.rsplit(")", 1)[1].split()[1])


def _read(path: Path) -> str:
    try:
        return path.read_text()
    except (FileNotFoundError, ProcessLookupError, PermissionError):
        return ""


def process_tree(pid: int) -> List[int]:
    """``pid`` and all its descendants that are alive now."""
    children: Dict[int, List[int]] = {}
    for entry in PROC.iterdir():
        if entry.name.isdigit():
            stat = _read(entry / "stat")
            if stat:
                children.setdefault(parent_of(stat), []).append(int(entry.name))
    tree, pending = [], [pid]
    while pending:
        current = pending.pop()
        tree.append(current)
        pending.extend(children.get(current, []))
    return tree


def status(pid: int) -> Dict[str, int]:
    """The kB fields of one process's status (empty when it is gone)."""
    return parse_status(_read(PROC / str(pid) / "status"))


def pss_kb(pid: int) -> int:
    """The proportional set size of one process, in kB (0 when it is gone or unreadable)."""
    return parse_status(_read(PROC / str(pid) / "smaps_rollup")).get("Pss", 0)


def cpu_ticks(stat: str) -> int:
    """User plus system CPU time, in clock ticks, from the text of ``/proc/<pid>/stat``.

    >>> cpu_ticks("4242 (rasa) S 1 2 3 4 5 6 7 8 9 10 150 50 0 0 20")
    200
    """
    fields = stat.rsplit(")", 1)[1].split()
    return int(fields[11]) + int(fields[12])


def cpu_seconds(pid: int) -> float:
    """CPU time (user + system) used so far by ``pid`` and its living descendants."""
    ticks = sum(cpu_ticks(stat) for stat in (_read(PROC / str(child) / "stat") for child in process_tree(pid)) if stat)
    return ticks / os.sysconf("SC_CLK_TCK")


def megabytes(kilobytes: float) -> float:
    """kB to MB (10^6 bytes), rounded to one decimal.

    >>> megabytes(2_000_000)
    2048.0
    """
    return round(kilobytes * 1024 / 1e6, 1)


@dataclass
class Peak:
    """Peaks of one watched process tree, in kB."""

    rss: int = 0
    hwm: Dict[int, int] = field(default_factory=dict)
    pss: int = 0

    def as_megabytes(self) -> Dict[str, float]:
        """The peaks in MB: sampled tree RSS, sum of per-process VmHWM, sampled tree PSS."""
        return {"peak_rss_mb": megabytes(self.rss), "sum_hwm_mb": megabytes(sum(self.hwm.values())),
                "peak_pss_mb": megabytes(self.pss)}


class MemorySampler(threading.Thread):
    """Samples the watched process trees every :data:`SAMPLE_INTERVAL` seconds until :meth:`stop`."""

    def __init__(self) -> None:
        super().__init__(daemon=True)
        self.watched: Dict[str, int] = {}
        self.peaks: Dict[str, Peak] = {}
        self.total_rss = 0
        self.total_pss = 0
        self._stopped = threading.Event()
        self._lock = threading.Lock()

    def watch(self, name: str, pid: int) -> None:
        """Start watching process ``pid`` and its children under ``name``."""
        with self._lock:
            self.watched[name] = pid
            self.peaks.setdefault(name, Peak())

    def forget(self, name: str) -> None:
        """Stop watching ``name`` (its peaks are kept); call before stopping the process."""
        self.sample()
        with self._lock:
            self.watched.pop(name, None)

    def sample(self, with_pss: bool = False) -> None:
        """Take one sample of every watched tree."""
        with self._lock:
            total_rss = total_pss = 0
            for name, root in self.watched.items():
                peak, rss, pss = self.peaks[name], 0, 0
                for pid in process_tree(root):
                    fields = status(pid)
                    rss += fields.get("VmRSS", 0)
                    peak.hwm[pid] = max(peak.hwm.get(pid, 0), fields.get("VmHWM", 0))
                    pss += pss_kb(pid) if with_pss else 0
                peak.rss = max(peak.rss, rss)
                peak.pss = max(peak.pss, pss)
                total_rss, total_pss = total_rss + rss, total_pss + pss
            self.total_rss = max(self.total_rss, total_rss)
            self.total_pss = max(self.total_pss, total_pss)

    def run(self) -> None:
        """Sample until stopped."""
        count = 0
        while not self._stopped.wait(SAMPLE_INTERVAL):
            self.sample(with_pss=count % PSS_EVERY == 0)
            count += 1

    def stop(self) -> None:
        """Take a last sample and stop."""
        self.sample(with_pss=True)
        self._stopped.set()

    def report(self, names: Optional[Iterable[str]] = None) -> Dict[str, object]:
        """Peaks per name (MB) and for the named trees together: the sampled sums and the sum of per-process peaks."""
        names = list(self.peaks if names is None else names)
        per_process = {name: self.peaks[name].as_megabytes() for name in names}
        return {"processes": per_process,
                "together_sum_hwm_mb": round(sum(p["sum_hwm_mb"] for p in per_process.values()), 1),
                "together_peak_rss_mb": megabytes(self.total_rss),
                "together_peak_pss_mb": megabytes(self.total_pss)}


def _rss_mb() -> float:
    return megabytes(status(os.getpid()).get("VmRSS", 0))


def _record_component_loads(growth: Dict[str, float]) -> None:
    """Record in ``growth`` how much RSS (MB) loading each node of Rasa's graph added (measurement only)."""
    from rasa.engine.graph import GraphNode

    load = GraphNode._load_component

    def measured(node: GraphNode, **kwargs: object) -> None:
        before = _rss_mb()
        load(node, **kwargs)
        growth[node._node_name] = round(growth.get(node._node_name, 0.0) + _rss_mb() - before, 1)

    GraphNode._load_component = measured  # type: ignore[method-assign]


def profile_rasa(model: str) -> Dict[str, object]:
    """This process's RSS (MB) at each stage of loading a Rasa model, and what each graph node added.

    Run it in a fresh process (``python -m bot.benchmark.memory MODEL``).
    """
    stages: Dict[str, object] = {"start": _rss_mb()}
    import rasa.core.agent  # noqa: F401 - the stage measured
    import tensorflow  # noqa: F401 - the stage measured

    stages["after_import"] = _rss_mb()
    import asyncio

    from rasa.core.agent import Agent

    growth: Dict[str, float] = {}
    _record_component_loads(growth)
    agent = Agent.load(model)
    stages["after_model_load"] = _rss_mb()
    asyncio.run(agent.parse_message("hallo, ich suche einen deutschkurs in tübingen"))
    stages["after_first_message"] = _rss_mb()
    stages["peak_hwm"] = megabytes(status(os.getpid()).get("VmHWM", 0))
    stages["component_load_mb"] = {name: mb for name, mb in sorted(growth.items(), key=lambda item: -item[1])
                                   if mb >= 1}
    return stages


if __name__ == "__main__":
    print(json.dumps(profile_rasa(sys.argv[1])))
