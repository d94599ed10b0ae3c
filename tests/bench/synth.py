"""A deterministic synthetic guide that follows the content contract exactly.

The same seed and size always give the same files. Articles are about 700
words with headings, lists, a code block now and then and links to related
articles; each declares 3–6 actions tied to its own headings. Topics and
worksheets scale with the article count (N/50 and N/20). Situations and
messages keep the real guide's proportions (27 articles, 9 situations, 30
messages): a situation per three articles, up to a cap, each a path of 5–9
of the articles' actions; a message per article, some shown in articles by
marker and some named by an action. Slugs that the hand-written pages in
``docs/`` link to are used first, so a strict build of the real ``docs/``
against synthetic content finds every page it links to.
"""

from __future__ import annotations

import random
import re
from dataclasses import dataclass, field
from pathlib import Path

import yaml
from markdown.extensions.toc import slugify

from guidekit.contract import MAX_STEPS_ON_DAY_ZERO, RECIPIENTS
from guidekit.model import WHEN_ORDER
from tests.support import ROOT

WORDS = (
    "answer application call candidate career change company contact decision email feedback"
    " follow hiring interview job letter manager message network note offer plan promise"
    " question recruiter reply role search skill step team thanks time week work list draft"
    " review record habit goal target week month morning evening friend mentor partner update"
    " summary example detail lesson pattern moment story strength chance door bridge tone"
).split()
"""Nouns the prose is made of."""

VERBS = (
    "ask write send keep check note plan track review share prepare follow thank learn"
    " update choose read practise compare list set schedule call answer pause"
).split()

ADJECTIVES = (
    "short clear kind honest useful specific calm polite practical small steady simple"
    " careful brief warm open realistic"
).split()

HEADINGS = (
    "Why it matters", "How to start", "What to say", "What to avoid", "When to do it",
    "A template you can copy", "Common mistakes", "If you feel stuck", "Keep it short",
    "What good looks like", "Make it a habit", "Check your progress", "Who to ask",
    "What comes next", "Before you send it", "A worked example", "The short version",
    "When it goes quiet", "Small steps first", "Looking back",
)
"""Section titles; an article uses a few, so heading ids repeat across articles as in real ones."""


class _AnyTags(yaml.SafeLoader):
    """Reads mkdocs.yml, whose !ENV and !!python tags mean nothing here."""


_AnyTags.add_multi_constructor("!", lambda loader, suffix, node: None)
_AnyTags.add_multi_constructor("tag:yaml.org,2002:python/", lambda loader, suffix, node: None)


def _required_topics() -> dict[str, str]:
    """The real guide's required topics: the synthetic guide builds with its settings."""
    config = yaml.load((ROOT / "mkdocs.yml").read_text(encoding="utf-8"), Loader=_AnyTags)
    return dict(config["extra"]["guide"].get("required_topics", {}))


REQUIRED_TOPICS = _required_topics()


@dataclass(frozen=True)
class Sizes:
    """How many of each content file a guide of ``articles`` articles has."""

    articles: int

    @property
    def topics(self) -> int:
        return max(len(REQUIRED_TOPICS), self.articles // 50)

    @property
    def worksheets(self) -> int:
        return max(1, self.articles // 20)

    @property
    def situations(self) -> int:
        return max(1, min(self.articles // 3, MAX_SITUATIONS))

    @property
    def messages(self) -> int:
        return self.articles


MAX_SITUATIONS = 100
"""Situations stop growing here: they are the answers to one question on one page
(/start/), and past a hundred or so a reader could not pick theirs from the list."""

PLACEHOLDERS = ("role", "company", "moment", "promised item", "mutual contact")
"""Placeholders a message may use besides [contact name] and [your name], which all use."""


@dataclass
class Synthetic:
    """The generated guide as plain data, before it is written to disk."""

    topics: list[dict] = field(default_factory=list)
    """Topic records in site order (id, title, summary)."""
    articles: list[dict] = field(default_factory=list)
    """Article records: slug, title, summary, topics, order and the file text."""
    worksheets: list[dict] = field(default_factory=list)
    """Worksheet records: slug and the file text."""
    situations: list[dict] = field(default_factory=list)
    """Situation records: slug, title, summary, order, steps (day, action, note), body and text."""
    messages: list[dict] = field(default_factory=list)
    """Message records: slug, title, summary, to, subject, parts, paragraphs and the file text."""

    def words(self) -> int:
        """Words in the article bodies, to check the 'about 700 words' promise."""
        return sum(len(a["body"].split()) for a in self.articles)


def generate(count: int, seed: int, article_slugs: tuple[str, ...] = (),
             worksheet_slugs: tuple[str, ...] = (), situation_slugs: tuple[str, ...] = (),
             message_slugs: tuple[str, ...] = ()) -> Synthetic:
    """The synthetic guide of ``count`` articles for ``seed``.

    The ``*_slugs`` are used as the first slugs of their kind, so pages that
    link to them by name find them.
    """
    rng = random.Random(f"after-the-no-bench:{seed}:{count}")
    sizes = Sizes(count)
    guide = Synthetic()
    guide.topics = _topics(sizes.topics, rng)
    topic_ids = [t["id"] for t in guide.topics]
    slugs = _slugs(count, rng, article_slugs)
    sheet_slugs = _slugs(sizes.worksheets, rng, worksheet_slugs, suffix="sheet")
    by_topic: dict[str, list[str]] = {t: [] for t in topic_ids}
    primary = {slug: topic_ids[i % len(topic_ids)] for i, slug in enumerate(slugs)}
    for slug, topic in primary.items():
        by_topic[topic].append(slug)
    sheet_topic = {s: topic_ids[i % len(topic_ids)] for i, s in enumerate(sheet_slugs)}
    sheets_of_topic: dict[str, list[str]] = {t: [] for t in topic_ids}
    for sheet, topic in sheet_topic.items():
        sheets_of_topic[topic].append(sheet)
    titles = {slug: _title(slug, rng) for slug in slugs}
    guide.messages = [_message(slug, rng) for slug in _slugs(sizes.messages, rng, message_slugs, "message")]
    for index, slug in enumerate(slugs):
        # Article i owns message i, and now and then shows the next one too.
        mine = guide.messages[index % len(guide.messages)]
        next_one = guide.messages[(index + 1) % len(guide.messages)]
        guide.articles.append(
            _article(slug, primary[slug], topic_ids, by_topic, sheets_of_topic, titles,
                     (mine, next_one), rng)
        )
    for sheet in sheet_slugs:
        guide.worksheets.append(_worksheet(sheet, sheet_topic[sheet], by_topic[sheet_topic[sheet]], rng))
    situation_list = _slugs(sizes.situations, rng, situation_slugs, "situation")
    for index, slug in enumerate(situation_list):
        guide.situations.append(_situation(slug, index, guide.articles, rng))
    return guide


def _topics(count: int, rng: random.Random) -> list[dict]:
    topics = [{"id": key, "title": title} for key, title in REQUIRED_TOPICS.items()]
    for index in range(len(topics), count):
        word = rng.choice(WORDS)
        topics.append({"id": f"{word}-and-more-{index}", "title": f"{word.capitalize()} and more {index}"})
    for topic in topics:
        topic["summary"] = _sentence(rng, 14)
    return topics


def _slugs(count: int, rng: random.Random, reserved: tuple[str, ...], suffix: str = "") -> list[str]:
    slugs = list(reserved[:count])
    for index in range(len(slugs), count):
        words = [rng.choice(VERBS), rng.choice(ADJECTIVES), rng.choice(WORDS)]
        slugs.append("-".join([*words, *([suffix] if suffix else []), str(index)]))
    return slugs


def _title(slug: str, rng: random.Random) -> str:
    words = re.sub(r"-\d+$", "", slug).replace("-", " ")
    return f"{words.capitalize()} {rng.choice(WORDS)}"


def _sentence(rng: random.Random, length: int) -> str:
    words = [rng.choice(WORDS if i % 3 else VERBS + ADJECTIVES) for i in range(length)]
    return " ".join(words).capitalize() + "."


def _paragraph(rng: random.Random, words: int) -> str:
    sentences = []
    while words > 0:
        length = min(words, rng.randint(8, 16))
        sentences.append(_sentence(rng, length))
        words -= length
    if rng.random() < 0.5:
        index = rng.randrange(len(sentences))
        sentences[index] = f"**{sentences[index]}**"
    return " ".join(sentences)


def _article(slug: str, topic: str, topic_ids: list[str], by_topic: dict[str, list[str]],
             sheets_of_topic: dict[str, list[str]], titles: dict[str, str],
             messages: tuple[dict, dict], rng: random.Random) -> dict:
    topics = [topic]
    if rng.random() < 0.3 and len(topic_ids) > 1:
        topics.append(rng.choice([t for t in topic_ids if t != topic]))
    neighbours = [s for s in by_topic[topic] if s != slug]
    related = rng.sample(neighbours, min(len(neighbours), rng.randint(2, 4)))
    headings = rng.sample(HEADINGS, rng.randint(4, 5))
    # As in the real guide: about a quarter of the articles show a message
    # template, a few of them two; about as many have an action that sends one.
    shown: list[dict] = []
    if rng.random() < 0.3:
        shown.append(messages[0])
        if rng.random() < 0.3 and messages[1] is not messages[0]:
            shown.append(messages[1])
    body = _body(headings, related, titles, [m["slug"] for m in shown], rng)
    ids = [slugify(h, "-") for h in headings]
    actions = [
        {
            "id": f"{slug}-step-{i + 1}",
            "text": _action_text(rng),
            "when": rng.choice(WHEN_ORDER),
            "section": rng.choice(ids),
        }
        for i in range(rng.randint(3, 6))
    ]
    if shown or rng.random() < 0.2:
        sent = (shown or messages)[0]
        actions[0].update(to=sent["to"], message=sent["slug"])
    sheets = sheets_of_topic[topic][:1] if rng.random() < 0.3 else []
    title = titles[slug]
    summary = _sentence(rng, rng.randint(14, 24))
    order = rng.choice((10, 20, 30)) if rng.random() < 0.2 else None
    front = [
        "---",
        f"title: {title}",
        f"summary: {summary}",
        f"topics: [{', '.join(topics)}]",
        *([f"order: {order}"] if order is not None else []),
        "actions:",
        *(line for a in actions for line in (
            f"  - id: {a['id']}",
            f"    text: {a['text']}",
            f"    when: {a['when']}",
            f"    section: {a['section']}",
            *([f"    to: {a['to']}", f"    message: {a['message']}"] if "message" in a else []),
        )),
        *([f"related: [{', '.join(related)}]"] if related else []),
        *([f"worksheets: [{', '.join(sheets)}]"] if sheets else []),
        "---",
    ]
    return {
        "slug": slug, "title": title, "summary": summary, "topics": topics,
        "order": 100 if order is None else order, "body": body, "actions": actions,
        "text": "\n".join(front) + "\n" + body,
    }


def _action_text(rng: random.Random) -> str:
    words = [rng.choice(VERBS).capitalize(), "a", rng.choice(ADJECTIVES), rng.choice(WORDS)]
    if rng.random() < 0.3:
        words[2] = f"*{words[2]}*"
    words += [rng.choice(("to", "for", "with")), "the", rng.choice(WORDS)]
    return '"' + " ".join(words) + '"'


def _body(headings: list[str], related: list[str], titles: dict[str, str], shown: list[str],
          rng: random.Random) -> str:
    """About 700 words: an opening, then a section per heading; ``shown`` messages
    each open a section of their own from the third on, by marker line."""
    parts = [_paragraph(rng, 70)]
    per_section = 630 // len(headings)
    for index, heading in enumerate(headings):
        parts.append(f"## {heading}")
        budget = per_section
        if 2 <= index < 2 + len(shown):
            parts += [_paragraph(rng, 25), f"<!-- message: {shown[index - 2]} -->"]
            budget -= 25
        if index == 1 and related:
            link = f"[{titles[related[0]].lower()}]({related[0]}.md)"
            parts.append(f"{_paragraph(rng, 30)} See {link} for more. {_paragraph(rng, 20)}")
            budget -= 55
        kind = rng.random()
        if kind < 0.35:
            items = [f"- **{rng.choice(ADJECTIVES).capitalize()}.** {_sentence(rng, 10)}" for _ in range(4)]
            parts.append("\n".join(items))
            budget -= 48
        elif kind < 0.55:
            items = [f"{n}. {_sentence(rng, 10)}" for n in range(1, 5)]
            parts.append("\n".join(items))
            budget -= 44
        elif kind < 0.65:
            lines = [_sentence(rng, 8) for _ in range(5)]
            parts.append("```text\n" + "\n".join(lines) + "\n```")
            budget -= 40
        while budget > 0:
            size = min(budget, rng.randint(45, 75))
            parts.append(_paragraph(rng, size))
            budget -= size
            if index == 2 and budget > 0:
                parts.append(f"### {rng.choice(HEADINGS)} in practice")
                index = -1
    return "\n\n".join(parts) + "\n"


def _worksheet(slug: str, topic: str, articles: list[str], rng: random.Random) -> dict:
    chosen = rng.sample(articles, min(len(articles), rng.randint(2, 4)))
    lines = [
        "---",
        f"title: {slug.replace('-', ' ').capitalize()}",
        f"summary: {_sentence(rng, 16)}",
        f"topics: [{topic}]",
        *([f"articles: [{', '.join(chosen)}]"] if chosen else []),
        f"minutes: {rng.choice((10, 15, 20, 30))}",
        "fields:",
        *_fields(rng),
        "---",
    ]
    body = f"{_paragraph(rng, 40)}\n\n{_paragraph(rng, 40)}\n"
    return {"slug": slug, "text": "\n".join(lines) + "\n" + body}


def _fields(rng: random.Random) -> list[str]:
    """8–12 fields of every type, in the shapes the real worksheets use."""
    lines: list[str] = []
    kinds = ["heading", "text", "lines", "checklist", "scale", "table"]
    kinds += rng.choices(["heading", "text", "lines", "lines", "checklist", "table"], k=rng.randint(2, 6))
    for index, kind in enumerate(kinds):
        lines += [f"  - id: field-{index + 1}-{kind}", f"    type: {kind}"]
        label = _sentence(rng, 6).rstrip(".")
        if kind == "heading":
            lines.append(f"    text: {label}")
            continue
        lines.append(f"    label: {label}")
        if rng.random() < 0.3:
            lines.append(f"    hint: {_sentence(rng, 10)}")
        if kind == "lines":
            lines.append(f"    lines: {rng.randint(2, 5)}")
        elif kind in ("checklist", "scale"):
            lines.append("    items:")
            lines += [f"      - {_sentence(rng, 7)}" for _ in range(rng.randint(3, 5))]
        if kind == "scale":
            lines += ["    min: 1", "    max: 5", "    low: not at all", "    high: very much"]
        elif kind == "table":
            columns = rng.sample(["Company", "Role", "Date", "Contact", "Next step", "Done"], 3)
            lines += [f"    columns: [{', '.join(columns)}]", f"    rows: {rng.randint(3, 8)}"]
    return lines


def _message(slug: str, rng: random.Random) -> dict:
    """A message of about 120 words to one recipient, a few with parts to tick.

    Every placeholder it declares, it uses, and the other way round.
    """
    extra = rng.sample(PLACEHOLDERS, rng.randint(1, 3))
    subject = f"{rng.choice(ADJECTIVES).capitalize()} {rng.choice(WORDS)}: [{extra[0]}]"
    sentences = [f"{_sentence(rng, rng.randint(6, 10))[:-1]} [{name}]." for name in extra[1:]]
    sentences += [_sentence(rng, rng.randint(8, 16)) for _ in range(rng.randint(6, 8))]
    rng.shuffle(sentences)
    paragraphs = ["Dear [contact name],"]
    while sentences:
        take = rng.randint(2, 3)
        paragraphs.append(" ".join(sentences[:take]))
        del sentences[:take]
    parts = []
    if rng.random() < 0.15:
        parts = [{"id": f"part-{n + 1}", "label": _sentence(rng, 5).rstrip("."),
                  "text": _sentence(rng, rng.randint(12, 24)), "checked": rng.random() < 0.5}
                 for n in range(rng.randint(2, 4))]
        paragraphs.insert(2, "{parts}")
    paragraphs.append("Best wishes,\n[your name]")
    placeholders = ["contact name", *extra, "your name"]
    title, summary, to = _title(slug, rng), _sentence(rng, rng.randint(14, 24)), rng.choice(RECIPIENTS)
    front = [
        "---",
        f"title: {title}",
        f"summary: {summary}",
        f"to: {to}",
        f'subject: "{subject}"',
        f"placeholders: [{', '.join(placeholders)}]",
        *(["parts:"] if parts else []),
        *(line for part in parts for line in (
            f"  - id: {part['id']}",
            f"    label: {part['label']}",
            f'    text: "{part["text"]}"',
            f"    checked: {'true' if part['checked'] else 'false'}",
        )),
        "---",
    ]
    body = "\n\n".join(paragraphs) + "\n"
    return {"slug": slug, "title": title, "summary": summary, "to": to, "subject": subject,
            "parts": parts, "paragraphs": paragraphs, "text": "\n".join(front) + "\n" + body}


def _situation(slug: str, index: int, articles: list[dict], rng: random.Random) -> dict:
    """A path of 5–9 actions drawn from three articles, at most three of them today."""
    pool = [(article["slug"], action) for article in rng.sample(articles, min(3, len(articles)))
            for action in article["actions"]]
    actions = rng.sample(pool, min(len(pool), rng.randint(5, 9)))
    today = rng.randint(1, min(MAX_STEPS_ON_DAY_ZERO, len(actions)))
    later = sorted(rng.choices((1, 2, 3, 5, 7, 9, 14, 16, 21, 30, 60, 90), k=len(actions) - today))
    steps = [
        {"day": day, "action": action["id"], "text": action["text"].strip('"'), "article": article,
         "section": action["section"],
         "note": _sentence(rng, rng.randint(8, 14)) if rng.random() < 0.5 else None}
        for day, (article, action) in zip([0] * today + later, actions)
    ]
    title = f"I heard {rng.choice(ADJECTIVES)} news about the {rng.choice(WORDS)} {index + 1}"
    summary = _sentence(rng, rng.randint(14, 24))
    order = 10 * (index + 1) if rng.random() < 0.5 else 100
    body = "\n\n".join(_paragraph(rng, rng.randint(40, 70)) for _ in range(3)) + "\n"
    front = [
        "---",
        f"title: {title}",
        f"summary: {summary}",
        f"order: {order}",
        "counts_from: the day you heard",
        "steps:",
        *(line for step in steps for line in (
            f"  - day: {step['day']}",
            f"    action: {step['action']}",
            *([f"    note: {step['note']}"] if step["note"] else []),
        )),
        "---",
    ]
    return {"slug": slug, "title": title, "summary": summary, "order": order, "steps": steps,
            "body": body, "text": "\n".join(front) + "\n" + body}


def write(guide: Synthetic, content_dir: Path) -> None:
    """Write ``guide`` as a ``content/`` folder."""
    (content_dir / "articles").mkdir(parents=True, exist_ok=True)
    (content_dir / "worksheets").mkdir(parents=True, exist_ok=True)
    topics = ["# Synthetic topics for the build benchmark."]
    for topic in guide.topics:
        topics += [f"- id: {topic['id']}", f"  title: {topic['title']}", f"  summary: {topic['summary']}"]
    (content_dir / "topics.yml").write_text("\n".join(topics) + "\n", encoding="utf-8")
    for article in guide.articles:
        (content_dir / "articles" / f"{article['slug']}.md").write_text(article["text"], encoding="utf-8")
    for sheet in guide.worksheets:
        (content_dir / "worksheets" / f"{sheet['slug']}.md").write_text(sheet["text"], encoding="utf-8")
    for kind in ("situations", "messages"):
        (content_dir / kind).mkdir(parents=True, exist_ok=True)
        for entry in getattr(guide, kind):
            (content_dir / kind / f"{entry['slug']}.md").write_text(entry["text"], encoding="utf-8")


LINKED_KINDS = ("articles", "worksheets", "situations", "messages")
"""The order of :func:`linked_slugs`' answer, which is the order of :func:`generate`'s arguments."""


def linked_slugs(docs_dir: Path) -> tuple[tuple[str, ...], ...]:
    """Article, worksheet, situation and message slugs the hand-written pages in ``docs_dir`` link to."""
    found: dict[str, list[str]] = {kind: [] for kind in LINKED_KINDS}
    pattern = rf"\(({'|'.join(LINKED_KINDS)})/([a-z0-9-]+)\.md"
    for page in sorted(docs_dir.glob("*.md")):
        for folder, slug in re.findall(pattern, page.read_text("utf-8")):
            if slug != "index" and slug not in found[folder]:
                found[folder].append(slug)
    return tuple(tuple(found[kind]) for kind in LINKED_KINDS)
