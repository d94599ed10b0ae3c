"""Run builds as whole processes and measure them: wall time, CPU time, peak memory.

Each build is one ``python -m mkdocs build`` process. ``os.wait4`` returns
that child's own resource usage, so its peak memory (``ru_maxrss``) is
exact per run — ``getrusage(RUSAGE_CHILDREN)`` only keeps the largest child
ever waited for. CPU time (user + system) is reported beside wall time:
on a shared machine it moves less when other work competes for the cores.
"""

from __future__ import annotations

import os
import statistics
import subprocess
import sys
import threading
import time
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

BUILD_TIMEOUT = 1800
"""Seconds before a single build counts as hung."""

quiet_wait = 0.0
"""Seconds each measured build may first wait for a quiet machine (``--quiet-wait``)."""
waited = 0.0
"""Seconds spent waiting so far."""


class BuildFailed(Exception):
    """A build exited with an error; the message holds the end of its log."""


@dataclass(frozen=True)
class Run:
    """One measured process."""

    wall: float
    """Seconds from start to exit."""
    cpu: float
    """User + system CPU seconds of the process and its children."""
    peak_kb: int
    """Peak resident memory (ru_maxrss) in KiB."""
    stall: float | None = None
    """Share of the run during which some task waited for a CPU (Linux PSI), or None."""


@dataclass
class Series:
    """Repeated runs of one build."""

    label: str
    runs: list[Run] = field(default_factory=list)

    def walls(self) -> list[float]:
        return [r.wall for r in self.runs]

    @property
    def median(self) -> float:
        return statistics.median(self.walls())

    @property
    def cpu_median(self) -> float:
        return statistics.median(r.cpu for r in self.runs)

    @property
    def stall(self) -> str:
        """Median CPU stall share of the runs, as text ("n/a" without PSI)."""
        stalls = [r.stall for r in self.runs if r.stall is not None]
        return f"{statistics.median(stalls):.0%}" if stalls else "n/a"

    @property
    def peak_mb(self) -> float:
        """Median peak resident memory in MiB."""
        return statistics.median(r.peak_kb for r in self.runs) / 1024

    def summary(self) -> tuple[float, float, float]:
        """(min, median, max) wall seconds."""
        walls = self.walls()
        return min(walls), statistics.median(walls), max(walls)


def build_env(**extra: str) -> dict[str, str]:
    """The environment every build runs in."""
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", **extra}
    env.pop("SITE_URL", None)  # Every build uses mkdocs.yml's own address.
    return env


def mkdocs_build(project: Path, site_dir: Path, log: Path, env: dict[str, str],
                 python_args: Sequence[str] = ()) -> Run:
    """Build ``project`` strictly into ``site_dir`` in a new process and measure it."""
    command = [sys.executable, *python_args, "-m", "mkdocs", "build", "--strict",
               "--site-dir", str(site_dir)]
    return measure(command, project, log, env)


def measure(command: Sequence[str], cwd: Path, log: Path, env: dict[str, str]) -> Run:
    """Run ``command`` to completion; raise :class:`BuildFailed` if it fails."""
    global waited
    log.parent.mkdir(parents=True, exist_ok=True)
    waited += wait_for_quiet(quiet_wait)
    stalled = cpu_stall_total()
    with open(log, "wb") as output:
        start = time.perf_counter()
        process = subprocess.Popen(command, cwd=cwd, env=env, stdout=output, stderr=subprocess.STDOUT)
        # A blocking wait4 returns the moment the child exits; the timer only guards hangs.
        timer = threading.Timer(BUILD_TIMEOUT, process.kill)
        timer.start()
        try:
            _, status, usage = os.wait4(process.pid, 0)
        finally:
            timer.cancel()
        wall = time.perf_counter() - start
    process.returncode = os.waitstatus_to_exitcode(status)
    if process.returncode == -9 and wall >= BUILD_TIMEOUT:
        raise BuildFailed(f"{' '.join(command)} took over {BUILD_TIMEOUT} s in {cwd}")
    if process.returncode != 0:
        tail = log.read_text("utf-8", "replace")[-3000:]
        raise BuildFailed(f"{' '.join(command)} failed in {cwd} (exit {process.returncode}):\n{tail}")
    after = cpu_stall_total()
    stall = (after - stalled) / 1e6 / wall if stalled is not None and after is not None else None
    return Run(wall=wall, cpu=usage.ru_utime + usage.ru_stime, peak_kb=usage.ru_maxrss, stall=stall)


def ratios(numerator: Series, denominator: Series) -> list[float]:
    """Per-pair ratios of wall times (run i of one over run i of the other)."""
    return [a.wall / b.wall for a, b in zip(numerator.runs, denominator.runs)]


def cpu_ratios(numerator: Series, denominator: Series) -> list[float]:
    """Per-pair ratios of CPU times."""
    return [a.cpu / b.cpu for a, b in zip(numerator.runs, denominator.runs)]


PRESSURE = Path("/proc/pressure/cpu")


def _pressure() -> dict[str, float] | None:
    try:
        line = PRESSURE.read_text().splitlines()[0]  # "some avg10=… avg60=… avg300=… total=…"
    except (OSError, IndexError):
        return None
    return {k: float(v) for k, v in (item.split("=") for item in line.split()[1:])}


def cpu_stall_total() -> int | None:
    """Microseconds, since boot, during which some task waited for a CPU."""
    pressure = _pressure()
    return int(pressure["total"]) if pressure else None


def wait_for_quiet(limit: float, threshold: float = 10.0) -> float:
    """Wait up to ``limit`` seconds for other work to leave the CPUs; the seconds waited.

    Quiet means under ``threshold`` % of the last 10 s with a task waiting for
    a CPU. On a shared machine this keeps other people's test runs out of
    the figures; without PSI (not Linux) it returns at once.
    """
    start = time.perf_counter()
    while time.perf_counter() - start < limit:
        pressure = _pressure()
        if pressure is None or pressure["avg10"] < threshold:
            break
        time.sleep(1.0)
    return time.perf_counter() - start


def load_average() -> str:
    """The 1, 5 and 15 minute load averages, to judge how quiet the machine was."""
    try:
        return " ".join(f"{x:.2f}" for x in os.getloadavg())
    except OSError:
        return "unknown"
