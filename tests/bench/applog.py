"""The applications log with 500 applications, in Chromium slowed 4× (a mid-range phone).

``python -m tests.bench.applog [site]`` measures a built site (default: site/) and
prints the report's section; ``make bench`` runs it on the real site it builds.
Each figure is the median of several runs in one page: a whole redraw of the log
(read and check every application from storage, sort, build every row, the summary),
a keystroke in Find and a change of Show (each hides or shows rows), and the first
draw after the page loads. A redraw or a keystroke longer than 100 ms is felt as lag
(the RAIL model's response budget), so that is the limit.
"""

from __future__ import annotations

import datetime
import json
import random
import statistics
import sys
from dataclasses import dataclass, field
from pathlib import Path

from tests.support import ROOT, chromium_path, serve_folder

COUNT = 500
THROTTLE = 4
RUNS = 7
LIMIT_MS = 100.0
VIEWPORT = {"width": 360, "height": 780}
PREFIX = "after-the-no@/:v1:"
STAGES = ["applied", "screening", "interview", "interview", "final-round", "offer"]
OUTCOMES = [None, None, "turned-down", "turned-down", "heard-nothing", "accepted", "i-withdrew"]


@dataclass
class LogTiming:
    count: int = COUNT
    throttle: int = THROTTLE
    redraw: list[float] = field(default_factory=list)
    """Milliseconds for a whole redraw, one per run."""
    keystroke: list[float] = field(default_factory=list)
    show: list[float] = field(default_factory=list)
    first_draw: float = 0.0
    """Milliseconds from the start of navigation to the drawn log (first run)."""
    rows: int = 0


def applications(count: int = COUNT, seed: int = 11) -> list[dict]:
    """``count`` applications spread over the stages and outcomes of the real log."""
    pick = random.Random(seed)
    today = datetime.date.today()
    made = []
    for index in range(count):
        start = today - datetime.timedelta(days=pick.randint(0, 180))
        depth = pick.randint(1, len(STAGES))
        stages, day = [], start
        for stage in STAGES[:depth]:
            stages.append({"stage": stage, "date": day.isoformat()})
            day += datetime.timedelta(days=pick.randint(1, 12))
        ending = pick.choice(OUTCOMES)
        outcome = {"id": ending, "date": min(day, today).isoformat()} if ending else None
        made.append({
            "id": f"bench{index}",
            "fields": {"company": f"Company {index}", "role": pick.choice(["Analyst", "Clerk", "Lead"]),
                       "notes": "Met them at a fair. " * pick.randint(0, 5)},
            "stages": stages, "outcome": outcome, "snooze": None, "dismissed": None, "created": index,
        })
    return made


# Each is timed to the end of the layout it causes (reading a size forces it), so the
# figure is the script's work and the browser's; input events run their listeners
# synchronously, so dispatching one does all of its work.
LAID_OUT = "document.querySelector('[data-applog-rows]').getBoundingClientRect();"
REDRAW = """() => {
  const root = document.querySelector('[data-applog]');
  const start = performance.now();
  root.redraw();
  LAID_OUT
  return performance.now() - start;
}""".replace("LAID_OUT", LAID_OUT)
TYPE = """(text) => {
  const find = document.querySelector('[data-applog-find]');
  find.value = text;
  const start = performance.now();
  find.dispatchEvent(new Event('input'));
  LAID_OUT
  return performance.now() - start;
}""".replace("LAID_OUT", LAID_OUT)
SHOW = """(value) => {
  const show = document.querySelector('[data-applog-show]');
  show.value = value;
  const start = performance.now();
  show.dispatchEvent(new Event('change'));
  LAID_OUT
  return performance.now() - start;
}""".replace("LAID_OUT", LAID_OUT)
# The log is drawn when its rows are there: the time since navigation started.
DRAWN = """() => new Promise((resolve) => {
  const check = () => document.querySelectorAll('[data-applog-rows] tr').length
    ? resolve(performance.now()) : requestAnimationFrame(check);
  check();
})"""


def measure(site: Path, count: int = COUNT, runs: int = RUNS) -> LogTiming:
    from playwright.sync_api import sync_playwright

    timing = LogTiming(count=count)
    with serve_folder(site) as url, sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=chromium_path(), headless=True,
                                             args=["--no-sandbox", "--disable-background-networking"])
        page = browser.new_context(viewport=VIEWPORT).new_page()
        page.goto(url + "applications/")
        page.evaluate(
            "([prefix, apps]) => apps.forEach((a) => localStorage.setItem(prefix + 'app:' + a.id, JSON.stringify(a)))",
            [PREFIX, applications(count)],
        )
        cdp = page.context.new_cdp_session(page)
        cdp.send("Emulation.setCPUThrottlingRate", {"rate": THROTTLE})
        page.reload()
        timing.first_draw = page.evaluate(DRAWN)
        timing.rows = page.locator("[data-applog-rows] tr").count()
        for run in range(runs):
            timing.redraw.append(page.evaluate(REDRAW))
            timing.keystroke.append(page.evaluate(TYPE, f"company {run + 1}"))
            page.evaluate(TYPE, "")
            timing.show.append(page.evaluate(SHOW, "open" if run % 2 else "ended"))
        browser.close()
    return timing


def markdown(timing: LogTiming) -> list[str]:
    """The report's section on the applications log."""
    def row(what: str, values: list[float]) -> str:
        median = statistics.median(values)
        met = "yes" if median <= LIMIT_MS else "**no**"
        return (f"| {what} | {median:.1f} | {min(values):.1f}–{max(values):.1f} | ≤ {LIMIT_MS:.0f} | {met} |")

    return [
        f"## Applications log: {timing.count:,} applications", "",
        f"Chromium at {VIEWPORT['width']}×{VIEWPORT['height']} with the CPU slowed {timing.throttle}×"
        " (DevTools' `Emulation.setCPUThrottlingRate`), the real site's `/applications/` with"
        f" {timing.count:,} applications in storage (the first {timing.rows:,} drawn; \"Show more\""
        " draws the next ones, and printing draws every one). Milliseconds, including layout,"
        f" median and range of {len(timing.redraw)} runs in one page.", "",
        "| what | median ms | min–max | limit | met |",
        "|---|---:|---|---|---|",
        row("redraw the log (read and check all, sort, summarise, draw and lay out the first rows)", timing.redraw),
        row("a keystroke in Find (rows hidden or shown)", timing.keystroke),
        row("a change of Show", timing.show),
        "",
        f"The first draw was done {timing.first_draw:,.0f} ms after navigation started (the page, its"
        " theme and every script loaded, throttled).", "",
    ]


def main(argv: list[str]) -> int:
    site = Path(argv[0]) if argv else ROOT / "site"
    if not (site / "applications" / "index.html").is_file():
        print(f"{site} has no applications log: build the site first (make site)", file=sys.stderr)
        return 1
    timing = measure(site)
    print("\n".join(markdown(timing)))
    print(json.dumps({"redraw": timing.redraw, "keystroke": timing.keystroke, "show": timing.show}), file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
