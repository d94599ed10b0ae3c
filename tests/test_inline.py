"""Inline Markdown from front matter: formatting works, markup never runs."""

from __future__ import annotations

import html

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from guidekit.inline import _converter, is_absolute_href, is_safe_href, link_targets, render_inline

CASES = [
    ("Send a *short* note", "Send a <em>short</em> note"),
    ("Use `[Name]`", "Use <code>[Name]</code>"),
    ("[Read why](../x/#why)", '<a href="../x/#why">Read why</a>'),
    ("<script>alert(1)</script>", "&lt;script&gt;alert(1)&lt;/script&gt;"),
    ('"><svg onload=alert(1)>', '"&gt;&lt;svg onload=alert(1)&gt;'),
    ("<img src=x onerror=alert(1)>", "&lt;img src=x onerror=alert(1)&gt;"),
    ("[x](javascript:alert(1))", "<a>x</a>"),
    ("[x]( JaVaScRiPt:alert(1))", "<a>x</a>"),
    ("[x](data:text/html,<b>)", "<a>x</a>"),
    ("![tracker](https://evil.example/p.gif)", "<span>tracker</span>"),
    ("{{ config }} {% raw %}", "{{ config }} {% raw %}"),
    ("Fish & chips", "Fish &amp; chips"),
    # A code span shows its text literally: escaped once, not twice.
    ("Type `a<b>`", "Type <code>a&lt;b&gt;</code>"),
    ("`Tom & Jerry` and `&amp;`", "<code>Tom &amp; Jerry</code> and <code>&amp;amp;</code>"),
    ("`<script>alert(1)</script>`", "<code>&lt;script&gt;alert(1)&lt;/script&gt;</code>"),
]


@pytest.mark.parametrize(("source", "html"), CASES)
def test_render_inline(source: str, html: str) -> None:
    assert render_inline(source) == html


@pytest.mark.parametrize(
    ("href", "safe"),
    [("https://example.org/", True), ("mailto:a@example.org", True), ("../a/", True),
     ("#part", True), ("javascript:x", False), ("java\tscript:x", False),
     ("&#106;avascript:x", False), ("vbscript:x", False), ("data:x", False)],
)
def test_is_safe_href(href: str, safe: bool) -> None:
    assert is_safe_href(href) is safe


@given(st.text(alphabet=st.sampled_from("abcXYZ019 .,;:'\"()-?/#%+=~^|{}$\n*_>"), max_size=60))
@settings(max_examples=500, derandomize=True)
def test_plain_text_shortcut_matches_full_markdown(text: str) -> None:
    """Text without Markdown characters skips the converter with the same result."""
    md = _converter()
    md.reset()
    full = md.convert(html.escape(text, quote=False)).removeprefix("<p>").removesuffix("</p>")
    assert render_inline(text) == full


def test_link_targets_are_read_as_the_author_wrote_them() -> None:
    text = "See [a](../a/), [b](https://example.org/?x=1&y=2 'Title') and `[not](a-link)`"
    assert link_targets(text) == ["../a/", "https://example.org/?x=1&y=2"]


@pytest.mark.parametrize(
    ("href", "absolute"),
    [("https://example.org/", True), ("HTTP://example.org", True), ("mailto:a@example.org", True),
     ("../a/", False), ("a.md", False), ("#part", False), ("/root/", False),
     ("//example.org/", False), ("javascript:x", False), ("data:x", False)],
)
def test_only_addresses_that_mean_the_same_on_every_page_count_as_absolute(
    href: str, absolute: bool
) -> None:
    assert is_absolute_href(href) is absolute
