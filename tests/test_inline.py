"""Inline Markdown from front matter: formatting works, markup never runs."""

from __future__ import annotations

import html

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from after_the_no.inline import _converter, is_safe_href, render_inline

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
