"""guidekit: a static guide-site generator built on MkDocs and Material for MkDocs.

It reads a guide's content (topics, articles, worksheets, situations and
messages), validates it, and generates the guide's pages, checklists and PDFs.

Nothing in this package imports MkDocs; ``hooks/guide_hooks.py`` is the adapter.
"""

from __future__ import annotations
