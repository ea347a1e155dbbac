"""`lotse bench` (`make bench`): train both bots, load each in turn, print the table, write the report.

In one run: train Lotse's full model (unless ``--model``) and the stock `rasa init` bot, each timed
and with its peak memory; measure one Rasa process's memory by stage for Lotse's model; start
Lotse's stack, drive conversations from a separate process, stop it; the same for the stock bot;
print the table, the ratios and the targets; write ``reports/bench.json``. Everything runs in a
throwaway directory that is removed at the end (``--keep`` keeps it, with the processes' logs).
"""

from __future__ import annotations

import argparse
import datetime
import json
import os
import platform
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any, Callable, Dict, List, Optional

from bot import paths
from bot.benchmark import report, stacks, stock_bot
from bot.benchmark.memory import MemorySampler, cpu_seconds

#: Lotse's languages in its conversations (all 8).
LANGUAGES = "de,en,ar,uk,ru,ti,fa,tr"


def add_parser(commands: Any, handler: Callable[[argparse.Namespace], int]) -> None:
    """Add ``lotse bench`` to the ``lotse`` command's subparsers."""
    bench = commands.add_parser("bench", help="load and memory benchmark against a stock rasa init bot")
    bench.add_argument("--levels", default="1,10,50", help="concurrent conversations, comma-separated")
    bench.add_argument("--duration", type=float, default=30.0, help="seconds per level (default 30)")
    bench.add_argument("--messages", type=int, default=3000, help="at most this many messages per level")
    bench.add_argument("--model", help="reuse this Lotse model and skip its training")
    bench.add_argument("--skip-stock", action="store_true", help="do not train, start or load the stock bot")
    bench.add_argument("--no-profile", action="store_true", help="skip Rasa's memory by stage (one more model load)")
    bench.add_argument("--languages", default=LANGUAGES, help="languages of Lotse's conversations")
    bench.add_argument("--out", default=str(paths.PROJECT_ROOT / "reports" / "bench.json"))
    bench.add_argument("--keep", action="store_true", help="keep the throwaway directory (logs, models)")
    bench.set_defaults(func=handler)


def machine() -> Dict[str, Any]:
    """What the figures were measured on: cores, memory, CPU, Python, load average at the start."""
    cpu = next((line.split(":", 1)[1].strip() for line in Path("/proc/cpuinfo").read_text().splitlines()
                if line.startswith("model name")), platform.processor())
    memory_kb = int(Path("/proc/meminfo").read_text().split()[1])
    return {"cores": os.cpu_count(), "memory_gib": round(memory_kb / 2**20, 1), "cpu": cpu,
            "system": platform.platform(), "python": platform.python_version(),
            "load_average_at_start": [round(value, 2) for value in os.getloadavg()]}


def timed_training(name: str, command: List[str], cwd: Path, log: Path) -> Dict[str, Any]:
    """Run a training command, with its wall time and the peak memory of its process tree.

    Rasa's training cache is a fresh folder next to the log, so no component comes from an earlier run.
    """
    sampler = MemorySampler()
    sampler.start()
    started = time.monotonic()
    with log.open("ab") as output:
        process = subprocess.Popen(command, cwd=cwd, stdout=output, stderr=subprocess.STDOUT,
                                   env={**os.environ, "RASA_TELEMETRY_ENABLED": "false", "TF_CPP_MIN_LOG_LEVEL": "2",
                                        "RASA_CACHE_DIRECTORY": str(log.parent / "rasa-cache")})
        sampler.watch(name, process.pid)
        code = process.wait()
    seconds = time.monotonic() - started
    sampler.stop()
    if code != 0:
        raise RuntimeError(f"training {name} failed; see {log}")
    return {"training_s": round(seconds, 1), "training_peak_mb": sampler.peaks[name].as_megabytes()["sum_hwm_mb"]}


def train_lotse(work: Path) -> Dict[str, Any]:
    """Train Lotse's full model (config.yml as it is) into ``work``."""
    root = paths.PROJECT_ROOT
    command = [sys.executable, "-m", "rasa", "train", "--config", str(root / "config.yml"), "--domain",
               str(root / "domain.yml"), "--out", str(work), "--fixed-model-name", "lotse",
               "--data", str(root / "nlu"), str(root / "dialogue")]
    print("Training Lotse's full model …", flush=True)
    return {**timed_training("train", command, root, work / "lotse-train.log"), "model": str(work / "lotse.tar.gz")}


def train_stock(project: Path) -> Dict[str, Any]:
    """Train the stock bot in its project folder."""
    print("Training the stock rasa init bot …", flush=True)
    trained = timed_training("train", stock_bot.train_command(project), project, project / "train.log")
    return {**trained, "model": str(stock_bot.model_file(project))}


def rasa_stages(model: str) -> Dict[str, Any]:
    """One Rasa process's memory after import, after loading ``model`` and after one message (MB)."""
    print("Measuring Rasa's memory by stage …", flush=True)
    output = subprocess.run([sys.executable, "-m", "bot.benchmark.memory", model], cwd=paths.PROJECT_ROOT,
                            capture_output=True, text=True, check=True,
                            env={**os.environ, "TF_CPP_MIN_LOG_LEVEL": "2", "RASA_TELEMETRY_ENABLED": "false"})
    return json.loads(output.stdout.strip().splitlines()[-1])


def drive(bot: stacks.Bot, kind: str, nlu: Path, args: argparse.Namespace) -> List[Dict[str, Any]]:
    """Run the load driver as its own process against ``bot``; its results per level."""
    command = [sys.executable, "-m", "bot.benchmark.load", "--url", bot.url, "--kind", kind, "--nlu", str(nlu),
               "--languages", args.languages, "--levels", args.levels, "--duration", str(args.duration),
               "--messages", str(args.messages)]
    results = []
    with subprocess.Popen(command, cwd=paths.PROJECT_ROOT, stdout=subprocess.PIPE, text=True) as driver:
        before = {name: cpu_seconds(process.pid) for name, process in bot.processes.items()}
        for line in driver.stdout or []:
            results.append(json.loads(line))
            after = {name: cpu_seconds(process.pid) for name, process in bot.processes.items()}
            results[-1]["cpu_ms_per_message"] = {
                name: round(1000 * (after[name] - before[name]) / max(results[-1]["messages"], 1), 1)
                for name in after}
            before = after
            print(f"  {kind}: {results[-1]['concurrency']} concurrent: {results[-1]['throughput']:.1f} msg/s, "
                  f"p95 {results[-1]['p95_ms']:.0f} ms, {results[-1]['errors']} errors, "
                  f"{results[-1]['empty']} empty answers; CPU ms per message {results[-1]['cpu_ms_per_message']}",
                  flush=True)
    if driver.returncode != 0:
        raise RuntimeError(f"the load driver failed against {bot.name}")
    return results


def measure(kind: str, start: Callable[[MemorySampler], stacks.Bot], nlu: Path,
            args: argparse.Namespace) -> Dict[str, Any]:
    """Start a bot with a fresh memory sampler, load it, stop it: start-up, levels and memory."""
    print(f"Starting {kind} …", flush=True)
    sampler = MemorySampler()
    sampler.start()
    bot = start(sampler)
    try:
        print(f"  {kind} answers after {bot.startup_s['stack']:.1f} s", flush=True)
        levels = drive(bot, kind, nlu, args)
    finally:
        stacks.stop(bot, sampler)
        sampler.stop()
    return {"startup_s": bot.startup_s, "levels": levels, "memory": sampler.report()}


def main(args: argparse.Namespace) -> int:
    """The whole benchmark; returns 0 when it ran (targets missed are reported, not an error)."""
    work = Path(tempfile.mkdtemp(prefix="lotse-bench-"))
    result: Dict[str, Any] = {"date": datetime.datetime.now().isoformat(timespec="seconds"), "machine": machine(),
                              "options": {key: value for key, value in vars(args).items() if key != "func"},
                              "bots": {}}
    try:
        lotse: Dict[str, Any] = {"model": args.model, "training_s": None} if args.model else train_lotse(work)
        stock: Optional[Dict[str, Any]] = None
        if not args.skip_stock:
            project = stock_bot.create(work / "stock")
            stock = train_stock(project)
        if not args.no_profile:
            lotse["rasa_stages"] = rasa_stages(lotse["model"])
        (work / "var").mkdir()
        lotse.update(measure("lotse", lambda sampler: stacks.start_lotse(Path(lotse["model"]), work / "var", sampler),
                             paths.PROJECT_ROOT / "nlu", args))
        result["bots"]["lotse"] = lotse
        if stock is not None:
            stock.update(measure("stock", lambda sampler: stacks.start_stock(project, Path(stock["model"]), sampler),
                                 stock_bot.nlu_file(project), args))
            result["bots"]["stock"] = stock
    except BaseException:
        args.keep = True  # the logs say what went wrong
        raise
    finally:
        result["machine"]["load_average_at_end"] = [round(value, 2) for value in os.getloadavg()]
        if args.keep:
            print(f"Kept {work} (logs, models)")
        else:
            shutil.rmtree(work, ignore_errors=True)
    result["ratios"] = report.ratios(result["bots"]["lotse"], result["bots"].get("stock"))
    found_checks = report.checks(result["bots"]["lotse"], result["ratios"])
    print("\n" + report.table(result["bots"]) + "\n\n" + report.summary(result["ratios"], found_checks))
    print(f"\nWrote {report.write(result, found_checks, Path(args.out))}")
    return 0
