"""After the No: the content model and page generators behind the guide's MkDocs hooks.

Nothing in this package imports MkDocs; ``hooks/guide_hooks.py`` is the adapter.
"""

from __future__ import annotations
