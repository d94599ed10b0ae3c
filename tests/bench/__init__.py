"""Build benchmark for After the No: the guide against plain Material.

Not part of ``make test``; run it with ``make bench``. See ``__main__`` for
the options and ``RESULTS.md`` for the latest figures.
"""
