"""The files ``new`` starts for the engine's own content types (``string.Template`` text).

Each is named by its type's declaration (:mod:`.kinds`). ``$title``, ``$slug``,
``$address`` and ``$check`` are filled for every type; the others are the ids
and words of the guide's content (see :func:`.scaffold.render`).
"""

from __future__ import annotations

ARTICLE = """\
---
# A new article. Its file name is its address ($address): keep it once published.
# Run `$check` to see what is still to write.
title: $title
# One sentence on what the reader gets from the article (at most $summary_limit characters).
summary:
# One or more topic ids, like [$first_topic]; the article is listed under the first.
# The topics: $topics
topics:
# Optional keys; remove the '# ' to use one.
# actions:  # things to do, shown in the checklists
#   - id: $slug-first-step  # unique across the site, kept once published: ticks are saved under it
#     text: The first thing to do
#     when: $first_when  # $when
# related: []  # article file names to show first under "Related"
# worksheets: []  # worksheet file names that go with this article
# order: 100  # its place among its topic's articles, lower first
#
# Below the closing '---': the article's text. No '# Title' heading (the title is above);
# use '## ' headings for its sections.
---
"""

WORKSHEET = """\
---
# A new worksheet. Its file name is its address ($address): keep it once published.
# Run `$check` to see what is still to write.
title: $title
# One sentence on what the worksheet is for (at most $summary_limit characters).
summary:
# One or more topic ids, like [$first_topic]. The topics: $topics
topics:
# Optional: article file names this worksheet supports (linked both ways), like [$first_article].
# articles: []
# About how many minutes it takes to fill in.
minutes: 15
# The form, one block after another. Each 'id' is kept once published: answers are saved under it.
# Types: $field_types.
fields:
  - id: first-question
    type: lines
    # The question the reader answers.
    label:
    lines: 4
#
# Below the closing '---': the instructions shown above the form.
---
"""

SITUATION = """\
---
# A new situation: a path of dated steps for a reader in one situation.
# Its file name is its address ($address): keep it once published.
# Run `$check` to see what is still to write.
title: $title
# One sentence on when this path fits (at most $summary_limit characters).
summary:
# What day 0 is, in the reader's words; the date box is labelled with it.
counts_from: the day you heard
# future_start: true  # when day 0 may still be to come (a date the employer gave)
# The steps, in the order of their days (day 0 is the day counted from).
# Each step is an action id from an article's 'actions'.
steps:
  - day: 0
    action: $first_action  # an example: replace it with this situation's first step
    # note: One line shown with the step (optional).
# order: 100  # its place in the list of situations, lower first
#
# Below the closing '---': a few short paragraphs for the reader, shown above the steps.
---
"""

MESSAGE = """\
---
# A new message template. Its file name is its address ($address): keep it once published.
# Run `$check` to see what is still to write.
title: $title
# One sentence on when to send it and what it does (at most $summary_limit characters).
summary:
# Who it goes to: $recipients.
to:
# The email's subject line. Quote it if it holds a colon: "Thank you: [role]".
subject:
# Every [placeholder] the subject and body use, like [your name]. The details a reader
# types once (extra.guide.details in mkdocs.yml) fill theirs in every message.
# placeholders: []
#
# Below the closing '---': the message, in plain paragraphs. Write what the reader fills in
# as lowercase words in square brackets, like [contact name], and list each one above.
---
"""
