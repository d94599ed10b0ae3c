"""Run the build benchmark: ``make bench`` or ``.venv/bin/python -m tests.bench``.

Prints the results as Markdown tables and writes them to tests/bench/RESULTS.md.
A full run takes a while (two builds of 3,000 articles per run); ``--quick``
does one run of everything, ``--sizes`` picks the guide sizes.
"""

from __future__ import annotations

import argparse
import shlex
import shutil
import sys
import time
from pathlib import Path

from tests.support import ROOT

from . import applog, profiling, projects, real, report, runner, synth, weight

HERE = Path(__file__).resolve().parent
LARGE = 1000
"""Sizes above this get ``--large-runs`` runs instead of ``--runs``: each takes minutes."""


def parse(argv: list[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(prog="python -m tests.bench", description=__doc__.split("\n")[0])
    parser.add_argument("--sizes", default="100,300,1000,3000",
                        help="article counts to build, comma-separated (default: %(default)s)")
    parser.add_argument("--runs", type=int, default=3, help="timed runs of each build (default: 3)")
    parser.add_argument("--large-runs", type=int, default=2,
                        help=f"timed runs for sizes over {LARGE:,} (default: 2)")
    parser.add_argument("--quick", action="store_true",
                        help="one run of everything, one serve edit: a rough figure in less time")
    parser.add_argument("--seed", type=int, default=7, help="seed of the synthetic content")
    parser.add_argument("--compare-size", type=int, default=1000,
                        help="size whose guide/baseline ratios are checked against the targets")
    parser.add_argument("--profile-size", type=int, default=3000,
                        help="size of the profiled guide build; 0 skips profiling")
    parser.add_argument("--edits", type=int, default=3, help="article edits timed under mkdocs serve")
    parser.add_argument("--quiet-wait", type=float, default=20.0,
                        help="seconds each build may wait for other work to leave the CPUs"
                             " (default: %(default)s; 0 never waits)")
    parser.add_argument("--work", type=Path, default=HERE / "out", help="scratch folder (emptied first)")
    parser.add_argument("--keep", action="store_true",
                        help="keep the generated projects in the scratch folder (logs and the profile are always kept)")
    parser.add_argument("--results", type=Path, default=HERE / "RESULTS.md", help="where to write the report")
    args = parser.parse_args(argv)
    args.sizes = sorted({int(s) for s in args.sizes.split(",") if s.strip()})
    if args.quick:
        args.runs = args.large_runs = args.edits = 1
    return args


def main(argv: list[str] | None = None) -> int:
    args = parse(argv)
    given = sys.argv[1:] if argv is None else argv
    command = ".venv/bin/python -m tests.bench" + (f" {shlex.join(given)}" if given else "")
    if not given:
        command = f"make bench    # runs: {command}"
    started = time.perf_counter()
    runner.quiet_wait = args.quiet_wait
    load_before = runner.load_average()
    shutil.rmtree(args.work, ignore_errors=True)
    sources = projects.snapshot(args.work / "sources")
    results = report.Results(command=command, machine=report.machine(ROOT), sizes=[],
                             compare_size=args.compare_size, assets=real.own_assets(sources / "docs"))
    try:
        for index, size in enumerate(args.sizes):
            runs = args.runs if size <= LARGE else args.large_runs
            results.sizes.append(_compare(size, runs, args.seed, sources, args.work, warm_up=index == 0))
        if args.profile_size:
            _say(f"profiling a {args.profile_size:,}-article guide build")
            project = _guide(args.profile_size, args.seed, sources, args.work)
            results.profile = profiling.profile_build(project, args.work / f"n{args.profile_size}")
            results.profile_size = args.profile_size
        _real_site(results, sources, args.work, max(1, min(args.runs, 3)), args.edits)
    except runner.BuildFailed as error:
        print(f"\nbenchmark stopped: {error}", file=sys.stderr)
        return 1
    finally:
        if not args.keep:
            _clean(args.work)
    results.notes += _disturbed(results)
    minutes = (time.perf_counter() - started) / 60
    results.machine += [("load average before / after (1, 5, 15 min)",
                         f"{load_before} / {runner.load_average()}"),
                        ("benchmark run time", f"{minutes:.1f} min, of which {runner.waited / 60:.1f} min"
                                               " waiting for other work to leave the CPUs")]
    text = report.markdown(results)
    print(text)
    args.results.write_text(text, encoding="utf-8")
    _say(f"wrote {args.results.relative_to(ROOT) if args.results.is_relative_to(ROOT) else args.results}")
    return 0


def _say(message: str) -> None:
    print(f"[bench] {message}", file=sys.stderr, flush=True)


def _guide(size: int, seed: int, sources: Path, work: Path) -> Path:
    """The guide project of ``size`` articles, made unless an earlier step left it."""
    project = work / f"n{size}" / "guide"
    if not project.is_dir():
        content = synth.generate(size, seed, *synth.linked_slugs(sources / "docs"))
        projects.guide_project(project, content, sources)
    return project


def _compare(size: int, runs: int, seed: int, sources: Path, work: Path, warm_up: bool) -> report.SizeResult:
    """Build the baseline and the guide of ``size`` articles ``runs`` times each, alternating."""
    folder = work / f"n{size}"
    content = synth.generate(size, seed, *synth.linked_slugs(sources / "docs"))
    baseline = projects.baseline_project(folder / "baseline", content, sources)
    guide = projects.guide_project(folder / "guide", content, sources)
    env = runner.build_env(GUIDE_PDFS="0")
    result = report.SizeResult(size, len(content.topics), len(content.worksheets),
                               len(content.situations), len(content.messages),
                               runner.Series(f"baseline N={size:,}"), runner.Series(f"guide N={size:,}"),
                               words=round(content.words() / size))
    builds = (("baseline", baseline, result.baseline), ("guide", guide, result.guide))
    if warm_up:
        for name, project, _ in builds:
            _say(f"N={size:,}: warm-up {name} build")
            runner.mkdocs_build(project, folder / f"site-{name}", folder / f"warm-up-{name}.log", env)
    for run in range(runs):
        for name, project, series in builds:
            site = folder / f"site-{name}"
            measured = runner.mkdocs_build(project, site, folder / f"{name}-{run}.log", env)
            series.runs.append(measured)
            _say(f"N={size:,} run {run + 1}/{runs} {name}: {measured.wall:.2f} s wall,"
                 f" {measured.cpu:.2f} s CPU, {measured.peak_kb / 1024:.0f} MiB")
    for name, _, _ in builds:
        site = folder / f"site-{name}"
        result.pages[name] = sum(1 for _ in site.rglob("*.html")) - (site / "404.html").exists()
        shutil.rmtree(site)
    return result


def _disturbed(results: report.Results) -> list[str]:
    """A note for each measurement that other work on the machine competed with."""
    series = [s for size in results.sizes for s in (size.baseline, size.guide)]
    series += [s for s in (results.cold, results.warm) if s]
    notes = []
    for one in series:
        for index, run in enumerate(one.runs):
            if run.stall is not None and run.stall > 0.10:
                notes.append(f"{one.label} run {index + 1} ({run.wall:.2f} s wall, {run.cpu:.2f} s CPU):"
                             f" another task waited for a CPU during {run.stall:.0%} of it,"
                             " so its wall time is inflated")
    return notes


def _clean(work: Path) -> None:
    """Remove the generated projects and sites, keeping logs and the profile."""
    for folder in [work / "sources", work / "real" / "project", *work.glob("n*/baseline"),
                   *work.glob("n*/guide"), *work.glob("n*/site*")]:
        shutil.rmtree(folder, ignore_errors=True)


def _real_site(results: report.Results, sources: Path, work: Path, runs: int, edits: int) -> None:
    folder = work / "real"
    project = projects.real_project(folder / "project", sources)
    _say(f"real site: {runs} cold and warm PDF-cache builds")
    results.cold, results.warm = real.cold_and_warm(project, folder, runs)
    _say("real site: first and repeat visits in Chromium")
    results.weight = weight.measure(folder / "site")
    results.own_code = weight.own_code(folder / "site")
    _say("real site: the offline copy, the worksheets on top, and a one-article redeployment")
    env = runner.build_env(GUIDE_PDFS="1")
    results.offline_copy = weight.offline_copy(
        folder / "site", project,
        lambda: runner.mkdocs_build(project, folder / "site", folder / "redeploy.log", env))
    _say("real site: the applications log with 500 applications, CPU slowed 4×")
    results.applog = applog.measure(folder / "site")
    _say(f"real site: {edits} edit(s) under mkdocs serve")
    results.serve = real.serve_rebuilds(project, folder, edits)
    shutil.rmtree(folder / "site", ignore_errors=True)


if __name__ == "__main__":
    sys.exit(main())
