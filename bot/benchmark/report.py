"""The benchmark's table, the ratios full/stock and the targets of issue 7.

Targets for the full bot: at 50 concurrent conversations at least twice the stock bot's throughput,
p95 at most 300 ms at 10 concurrent conversations, all processes together at most 2 GB, training
at most 10 minutes (on 2 cores). Memory is checked on the sum of every process's own peak
(``VmHWM``): an upper bound of what the processes used together.
"""

from __future__ import annotations

import json
import math
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any, Dict, List, Optional

#: Lotse's throughput at :data:`RATIO_LEVEL` concurrent conversations divided by the stock bot's, at least.
TARGET_THROUGHPUT_RATIO = 2.0
RATIO_LEVEL = 50
#: p95 latency at :data:`LATENCY_LEVEL` concurrent conversations, at most (ms).
TARGET_P95_MS = 300.0
LATENCY_LEVEL = 10
#: All of Lotse's processes together, at most (MB of 10^6 bytes: 2 GB).
TARGET_MEMORY_MB = 2000.0
#: Training the full model, at most (seconds).
TARGET_TRAINING_S = 600.0


@dataclass
class Check:
    """One target: what it asks, what was measured, and whether it is met (None: not measured)."""

    target: str
    measured: str
    met: Optional[bool]


def level(bot: Dict[str, Any], concurrency: int) -> Optional[Dict[str, Any]]:
    """The result of ``bot`` at ``concurrency`` concurrent conversations, if measured.

    >>> level({"levels": [{"concurrency": 10, "throughput": 5.0}]}, 10)["throughput"]
    5.0
    >>> level({"levels": []}, 50) is None
    True
    """
    return next((result for result in bot.get("levels", []) if result["concurrency"] == concurrency), None)


def ratio(numerator: Optional[float], denominator: Optional[float]) -> Optional[float]:
    """``numerator / denominator`` rounded to two decimals, None when either is missing or zero.

    >>> ratio(30.0, 12.0)
    2.5
    >>> ratio(3.0, 0.0) is None
    True
    """
    if not numerator or not denominator or math.isnan(numerator) or math.isnan(denominator):
        return None
    return round(numerator / denominator, 2)


def ratios(lotse: Dict[str, Any], stock: Optional[Dict[str, Any]]) -> Dict[str, Optional[float]]:
    """Full / stock: throughput and p95 at every level both measured, memory, training and start-up time."""
    if not stock:
        return {}
    found: Dict[str, Optional[float]] = {}
    for result in lotse.get("levels", []):
        other = level(stock, result["concurrency"])
        if other:
            found[f"throughput_at_{result['concurrency']}"] = ratio(result["throughput"], other["throughput"])
            found[f"p95_at_{result['concurrency']}"] = ratio(result["p95_ms"], other["p95_ms"])
    found["memory_together"] = ratio(lotse["memory"]["together_sum_hwm_mb"], stock["memory"]["together_sum_hwm_mb"])
    found["training"] = ratio(lotse.get("training_s"), stock.get("training_s"))
    found["startup"] = ratio(lotse["startup_s"].get("stack"), stock["startup_s"].get("stack"))
    return found


def checks(lotse: Dict[str, Any], found_ratios: Dict[str, Optional[float]]) -> List[Check]:
    """The four targets against what was measured."""
    throughput = found_ratios.get(f"throughput_at_{RATIO_LEVEL}")
    latency = level(lotse, LATENCY_LEVEL)
    memory = lotse["memory"]["together_sum_hwm_mb"]
    training = lotse.get("training_s")
    return [
        Check(f"throughput at {RATIO_LEVEL} >= {TARGET_THROUGHPUT_RATIO:g} x stock",
              "not measured" if throughput is None else f"{throughput:g} x", None if throughput is None
              else throughput >= TARGET_THROUGHPUT_RATIO),
        Check(f"p95 at {LATENCY_LEVEL} <= {TARGET_P95_MS:g} ms",
              "not measured" if latency is None else f"{latency['p95_ms']:g} ms",
              None if latency is None else latency["p95_ms"] <= TARGET_P95_MS),
        Check(f"all processes <= {TARGET_MEMORY_MB:g} MB", f"{memory:g} MB", memory <= TARGET_MEMORY_MB),
        Check(f"training <= {TARGET_TRAINING_S:g} s", "not measured (--model)" if training is None
              else f"{training:g} s", None if training is None else training <= TARGET_TRAINING_S),
    ]


def _row(cells: List[str], widths: List[int]) -> str:
    return "  ".join(cell.ljust(width) for cell, width in zip(cells, widths)).rstrip()


def table(bots: Dict[str, Dict[str, Any]]) -> str:
    """A plain-text table: per bot and level the throughput and latencies; then memory, training, start-up."""
    widths = [7, 6, 9, 9, 9, 9, 7, 6, 11]
    lines = [_row(["bot", "conc.", "msg/s", "p50 ms", "p95 ms", "messages", "errors", "empty", "CPU ms/msg"], widths)]
    for name, bot in bots.items():
        for result in bot.get("levels", []):
            lines.append(_row([name, str(result["concurrency"]), f"{result['throughput']:.1f}",
                               f"{result['p50_ms']:.0f}", f"{result['p95_ms']:.0f}", str(result["messages"]),
                               str(result["errors"]), str(result.get("empty", 0)),
                               f"{sum(result.get('cpu_ms_per_message', {}).values()):.0f}"], widths))
    lines.append("")
    for name, bot in bots.items():
        memory = bot["memory"]
        per_process = ", ".join(f"{process.split(':', 1)[1]} {figures['sum_hwm_mb']:.0f}"
                                for process, figures in memory["processes"].items())
        training = "reused" if bot.get("training_s") is None else f"{bot['training_s']:.0f} s"
        lines.append(f"{name}: memory peak MB {per_process}; together {memory['together_sum_hwm_mb']:.0f} "
                     f"(sampled RSS {memory['together_peak_rss_mb']:.0f}, PSS {memory['together_peak_pss_mb']:.0f}); "
                     f"training {training}; start-up until Rasa answers {bot['startup_s']['stack']:.1f} s")
    return "\n".join(lines)


def summary(found_ratios: Dict[str, Optional[float]], found_checks: List[Check]) -> str:
    """The ratios and the targets, one line each."""
    lines = ["full / stock: " + ", ".join(f"{name} {value:g}" for name, value in found_ratios.items()
                                           if value is not None)] if found_ratios else []
    for check in found_checks:
        verdict = {True: "met", False: "NOT met", None: "not measured"}[check.met]
        lines.append(f"target {check.target}: {check.measured} -> {verdict}")
    return "\n".join(lines)


def write(result: Dict[str, Any], found_checks: List[Check], target: Path) -> Path:
    """Write the whole result, with the checks, as JSON to ``target``."""
    target.parent.mkdir(parents=True, exist_ok=True)
    data = {**result, "targets": [asdict(check) for check in found_checks]}
    target.write_text(json.dumps(data, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    return target
