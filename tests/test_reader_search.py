"""Readers search in their own words: the built search index finds the page meant for them.

The ranking is an approximation of what Material for MkDocs does in the browser, from
the index's own settings (``search/search_index.json``): the query is split on spaces and
hyphens, each word gets a trailing wildcard (Material's default query transform), English
stop words are dropped, and each section document is scored with lunr's BM25 (k1 1.2,
b 0.75, lunr's idf) per field times the field's boost (title 1000, text 1). A page ranks by
its best section. It is not a byte-for-byte port of lunr: stemming is off in this index, so
prefix matching is what a reader's browser does too; ties and tiny rounding differ.
"""

from __future__ import annotations

import html
import json
import math
import re
from collections import Counter
from pathlib import Path

import pytest

READER_TERMS = {
    "ghosted": {"situations/heard-nothing/", "situations/heard-nothing-after-applying/"},
    "ghosting": {"situations/heard-nothing/", "articles/when-you-hear-nothing-after-an-interview/"},
    "rescinded": {"situations/offer-withdrawn/", "articles/when-an-offer-is-withdrawn/"},
    "resume": {"articles/after-an-application-stage-no/", "articles/decide-what-to-change/"},
    "overqualified": {"articles/what-the-words-of-a-no-usually-mean/"},
    "visa": {"situations/turned-down-over-right-to-work/", "articles/turned-down-over-right-to-work/"},
    "anxiety": {"articles/lean-on-the-right-people/"},
    "unemployment": {"articles/when-the-nos-pile-up/", "situations/many-rejections-in-a-row/"},
    "rejected": {"situations/after-an-interview/", "situations/automated-rejection/"},
    "sponsorship": {"situations/turned-down-over-right-to-work/", "articles/turned-down-over-right-to-work/"},
    "headhunter": {"situations/news-from-an-agency/"},
    "discrimination": {"articles/was-this-fair/"},
    "burnout": {"situations/many-rejections-in-a-row/", "articles/when-the-nos-pile-up/"},
    "culture fit": {"articles/what-the-words-of-a-no-usually-mean/"},
    "take-home assignment": {"situations/after-a-trial-shift-or-task/", "articles/after-a-trial-shift-or-task/"},
    "trial shift": {"situations/after-a-trial-shift-or-task/", "articles/after-a-trial-shift-or-task/"},
    "promotion": {"situations/passed-over-for-promotion/", "articles/passed-over-for-a-promotion/"},
    "background check": {"articles/when-an-offer-is-withdrawn/"},
    "second choice": {"situations/they-called-back/", "articles/when-they-call-you-back/"},
    "permit": {"situations/turned-down-over-right-to-work/", "articles/turned-down-over-right-to-work/"},
    "self-doubt": {"articles/it-is-not-a-verdict-on-you/"},
    "unfair": {"articles/was-this-fair/"},
    "kept on file": {"articles/what-the-words-of-a-no-usually-mean/"},
    "ATS": {"articles/what-the-words-of-a-no-usually-mean/", "articles/after-an-application-stage-no/", "situations/automated-rejection/"},
}  # fmt: skip
"""What a reader types → the pages meant for them (any one in the first three will do)."""

STOP_WORDS = set(
    "a able about across after all almost also am among an and any are as at be because been but"
    " by can cannot could dear did do does either else ever every for from get got had has have"
    " he her hers him his how however i if in into is it its just least let like likely may me"
    " might most must my neither no nor not of off often on only or other our own rather said"
    " say says she should since so some than that the their them then there these they this tis"
    " to too twas us wants was we were what when where which while who whom why will with would"
    " yet you your".split()
)
"""lunr's English stop words (lunr.stopWordFilter)."""
K1, B = 1.2, 0.75


def tokens(text: str, separator: re.Pattern[str]) -> list[str]:
    words = (w.lower() for w in separator.split(html.unescape(re.sub(r"<[^>]+>", " ", text))))
    trimmed = (re.sub(r"^\W+|\W+$", "", w) for w in words)
    return [w for w in trimmed if w and w not in STOP_WORDS]


class Index:
    def __init__(self, path: Path) -> None:
        data = json.loads(path.read_text(encoding="utf-8"))
        self.separator = re.compile(data["config"]["separator"])
        self.boosts = {name: f["boost"] for name, f in data["config"]["fields"].items()}
        self.docs = [
            (
                doc["location"],
                {f: Counter(tokens(doc.get(f, ""), self.separator)) for f in ("title", "text")},
            )
            for doc in data["docs"]
        ]
        self.average = {
            f: sum(sum(fields[f].values()) for _, fields in self.docs) / len(self.docs)
            for f in ("title", "text")
        }

    def idf(self, term: str) -> float:
        df = sum(1 for _, fields in self.docs if term in fields["title"] or term in fields["text"])
        return math.log(1 + abs((len(self.docs) - df + 0.5) / (df + 0.5)))

    def pages(self, query: str) -> list[str]:
        """Page addresses, best first, for ``query`` as a reader types it."""
        words = tokens(query, self.separator)
        vocabulary = {t for _, fields in self.docs for f in fields.values() for t in f}
        expanded = {t for w in words for t in vocabulary if t.startswith(w)}
        idf = {t: self.idf(t) for t in expanded}
        best: dict[str, float] = {}
        for location, fields in self.docs:
            score = 0.0
            for name, counts in fields.items():
                length = sum(counts.values())
                for term in expanded & counts.keys():
                    tf = counts[term]
                    norm = K1 * (1 - B + B * length / (self.average[name] or 1)) + tf
                    score += self.boosts[name] * idf[term] * (K1 + 1) * tf / norm
            page = location.split("#")[0]
            if score > best.get(page, 0.0):
                best[page] = score
        return sorted(best, key=lambda page: -best[page])


@pytest.fixture(scope="module")
def index(built_site: Path) -> Index:
    return Index(built_site / "search" / "search_index.json")


def test_there_are_at_least_twenty_reader_terms() -> None:
    assert len(READER_TERMS) >= 20


@pytest.mark.parametrize("term", list(READER_TERMS))
def test_a_reader_term_finds_its_page_in_the_first_three(index: Index, term: str) -> None:
    top = index.pages(term)[:3]
    assert READER_TERMS[term] & set(top), f"{term!r} → {top}, none of {sorted(READER_TERMS[term])}"


def test_also_called_is_shown_on_the_page(built_site: Path) -> None:
    page = (built_site / "situations" / "heard-nothing" / "index.html").read_text(encoding="utf-8")
    assert "Also called:" in page and "ghosted" in page
