"""Fuzzing the readers' data in Chromium: load files, and stored text with lone surrogates.

Whatever file a reader gives "Load my data", the page's own validation
(``parseData`` in data-file.js) either refuses it with a DataError, or
accepts exactly what the store keeps: nothing else is ever thrown, and
nothing it accepts is dropped or changed later. Whatever text sits in
storage (half an emoji included), reading it, exporting it and building a
mailto: link from it never throws and gives well-formed text. One page, many
``evaluate`` calls; runs are deterministic.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.test_storage_browser import KEYS

pytestmark = pytest.mark.browser

FUZZ = settings(max_examples=300, derandomize=True, deadline=None, database=None,
                suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])

# Runs in the page: the text of a file (sent as JSON, so lone surrogates
# survive the trip) through parseData; each accepted item re-checked with the
# store's own rules.
PARSE = """async (sent) => {
  const file = await import('/assets/javascripts/data-file.js');
  const store = { ...(await import('/assets/javascripts/store.js')), ...(await import('/assets/javascripts/reader-data.js')) };
  try {
    const { items, times } = file.parseData(JSON.parse(sent));
    const bad = [];
    for (const [item, value] of items) {
      const wellFormed = typeof value !== 'string' || value.isWellFormed();
      const [kind, slug, field] = item.split(':');
      const kept = item.startsWith('tick:') ? value === '1' && store.ID.test(item.slice(5))
        : item.startsWith('answers:') ? store.ID.test(slug) && store.isAnswer(field, value)
        : store.isSetting(item, value);
      const time = times.get(item);
      if (!wellFormed || !kept || !Number.isInteger(time) || time < 0) bad.push(item);
    }
    return { accepted: [...items.keys()], bad };
  } catch (error) {
    return { refused: error instanceof file.DataError, message: String(error && error.message) };
  }
}"""

ID = st.from_regex(re.compile(r"[a-z0-9]{1,6}(-[a-z0-9]{1,4}){0,2}", re.ASCII), fullmatch=True)
TEXT = st.text(st.characters(exclude_categories=()), max_size=30)  # surrogates included
JSON = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False, allow_infinity=False) | TEXT,
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(TEXT | ID, inner, max_size=4),
    max_leaves=12,
)
SETTING_NAME = st.sampled_from(["situation", "start:after-an-interview", "detail:your name", "detail:role",
                                "message:feedback-nudge:week", "heard", "detail:Bad", "other"])
# Files shaped like the site's own, with any part possibly wrong.
NEAR = st.fixed_dictionaries(
    {"format": st.just("after-the-no"), "version": st.just(1) | JSON,
     "ticks": st.lists(ID, max_size=5) | JSON,
     "answers": st.dictionaries(ID, st.dictionaries(ID, st.booleans() | TEXT, max_size=4) | JSON, max_size=3) | JSON},
    optional={"exported": st.just("2026-01-05T10:00:00.000Z") | JSON,
              "settings": st.dictionaries(SETTING_NAME, TEXT, max_size=4) | JSON,
              "times": st.dictionaries(TEXT, st.integers(min_value=-1, max_value=2**60), max_size=4) | JSON},
)
# Files that are right in every part: each must be accepted, whole.
VALID = st.fixed_dictionaries(
    {"format": st.just("after-the-no"), "version": st.just(1), "ticks": st.lists(ID, max_size=5),
     "answers": st.dictionaries(ID, st.dictionaries(ID, st.booleans() | TEXT, max_size=4), max_size=3)},
    optional={"settings": st.dictionaries(st.sampled_from(["detail:role", "detail:your name", "situation"]),
                                          TEXT.filter(bool), max_size=3),
              "times": st.dictionaries(st.sampled_from(["detail:role", "tick:a"]), st.integers(0, 2**50), max_size=2)},
)


@pytest.fixture(scope="module")
def tab(browser, site_server: str) -> Iterator[object]:  # type: ignore[no-untyped-def]
    """One page of the real site, shared by every example."""
    context = browser.new_context()
    page = context.new_page()
    page.goto(site_server + "privacy/")
    yield page
    context.close()


def parse(tab, text: str) -> dict:  # type: ignore[no-untyped-def]
    return tab.evaluate(PARSE, json.dumps(text))  # ASCII: lone surrogates travel as escapes


def check(result: dict) -> None:
    if "refused" in result:
        assert result["refused"], f"threw something other than a DataError: {result['message']}"
    else:
        assert result["bad"] == []


@FUZZ
@given(data=JSON | NEAR)
def test_any_json_file_is_refused_or_accepted_exactly_as_stored(tab, data: object) -> None:  # type: ignore[no-untyped-def]
    check(parse(tab, json.dumps(data)))


@FUZZ
@given(text=st.text(max_size=60) | st.binary(max_size=40).map(lambda b: b.decode("latin-1")))
def test_any_text_at_all_is_refused_with_a_data_error(tab, text: str) -> None:  # type: ignore[no-untyped-def]
    check(parse(tab, text))


@FUZZ
@given(data=VALID)
def test_every_valid_file_is_accepted_whole(tab, data: dict) -> None:  # type: ignore[no-untyped-def]
    result = parse(tab, json.dumps(data))
    assert "refused" not in result, result
    assert result["bad"] == []
    expected = {f"tick:{i}" for i in data["ticks"]}
    expected |= {f"answers:{s}:{f}" for s, sheet in data["answers"].items() for f in sheet}
    expected |= set(data.get("settings", {}))
    assert set(result["accepted"]) == expected


# Runs in the page: ``value`` stored under a detail, a worksheet's answers and
# a tick's key, then read back every way the site reads it.
READ_BACK = """async ([keys, sent, max]) => {
  const value = JSON.parse(sent);
  const store = { ...(await import('/assets/javascripts/store.js')), ...(await import('/assets/javascripts/reader-data.js')) };
  const file = await import('/assets/javascripts/data-file.js');
  localStorage.clear();
  localStorage.setItem(keys + 'detail:role', value);
  localStorage.setItem(keys + 'answers:sheet', JSON.stringify({ q: value }));
  localStorage.setItem(keys + 'tick:a', value);
  const texts = [store.read('detail:role') ?? '', ...Object.values(store.readAnswers('sheet')),
                 JSON.stringify(file.exportData())];
  const cut = store.wellFormed(value, max);
  const whole = value.toWellFormed();
  texts.push(cut);
  // encodeURIComponent throws "URI malformed" on a lone surrogate.
  for (const text of texts) encodeURIComponent(text);
  return { wellFormed: texts.every((text) => text.isWellFormed()),
           cutFits: cut.length <= max && whole.startsWith(cut) && cut.length >= Math.min(max, whole.length) - 1 };
}"""


@FUZZ
@given(value=TEXT.filter(bool), max=st.integers(0, 40))
def test_stored_text_with_lone_surrogates_reads_back_well_formed(tab, value: str, max: int) -> None:  # type: ignore[no-untyped-def]
    assert tab.evaluate(READ_BACK, [KEYS, json.dumps(value), max]) == {"wellFormed": True, "cutFits": True}
