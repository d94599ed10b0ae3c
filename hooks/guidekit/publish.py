"""Publishing a build: site/ is replaced in one step, never missing, never half written.

A build goes into a fresh folder beside site/ (``site.build-…``). When it has
succeeded, that folder and site/ trade places in one atomic rename
(``renameat2(RENAME_EXCHANGE)`` on Linux, ``renamex_np(RENAME_SWAP)`` on
macOS), and the old site, now under the build folder's name, is deleted.
A process killed at any point therefore leaves site/ whole, old or new.

An exchange was chosen over making site/ a symlink to versioned folders,
which is atomic too, because site/ stays a plain folder: ``cp -r site``,
``rsync site``, zip, container ``COPY`` and web servers that refuse symlinks
all keep working, and no folder name outside site/ leaks into a deployment.

A build folder left by a killed build is deleted by the next build. Each
live build holds a lock on its folder, so two builds side by side never
delete each other's work.
"""

from __future__ import annotations

import contextlib
import ctypes
import ctypes.util
import errno
import fcntl
import os
import shutil
import sys
import tempfile
from collections.abc import Iterator
from pathlib import Path

MARK = ".build-"
"""Between site/'s name and the random part of a build folder's name."""


@contextlib.contextmanager
def staging(site_dir: Path) -> Iterator[Path]:
    """An empty folder beside ``site_dir`` for one build, deleted when the block ends.

    It gets the mode the user's umask gives a new folder (``mkdtemp`` would
    give 0700, which a web server running as another user cannot read).
    """
    site_dir.parent.mkdir(parents=True, exist_ok=True)
    remove_stale(site_dir)
    folder = Path(tempfile.mkdtemp(prefix=f"{site_dir.name}{MARK}", dir=site_dir.parent))
    handle = os.open(folder, os.O_RDONLY)
    try:
        fcntl.flock(handle, fcntl.LOCK_EX)
        folder.chmod(0o777 & ~_umask())
        yield folder
    finally:
        shutil.rmtree(folder, ignore_errors=True)
        os.close(handle)


def publish(new: Path, site_dir: Path) -> None:
    """Put the folder ``new`` in ``site_dir``'s place; ``new`` then holds the previous site."""
    if not os.path.lexists(site_dir):
        new.rename(site_dir)
        return
    try:
        exchange(new, site_dir)
    except OSError as error:
        if error.errno not in (errno.ENOSYS, errno.EINVAL, errno.ENOTSUP):
            raise
        # A file system without atomic exchange: two renames, with a moment between them.
        print(f"note: {error.strerror}; {site_dir.name}/ is replaced in two steps", file=sys.stderr)
        aside = new.with_name(f"{new.name}.old")
        site_dir.rename(aside)
        new.rename(site_dir)
        aside.rename(new)


def remove_stale(site_dir: Path) -> None:
    """Delete the build folders of builds that were killed (no live build holds their lock)."""
    for folder in site_dir.parent.glob(f"{site_dir.name}{MARK}*"):
        if folder.is_symlink() or not folder.is_dir():
            continue
        handle = os.open(folder, os.O_RDONLY)
        try:
            fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            continue  # another build is writing there right now
        else:
            shutil.rmtree(folder, ignore_errors=True)
        finally:
            os.close(handle)


def exchange(first: Path, second: Path) -> None:
    """Swap two paths in one atomic step; OSError where the system cannot."""
    libc = ctypes.CDLL(ctypes.util.find_library("c"), use_errno=True)
    if sys.platform == "darwin":
        swap_flag = 2  # RENAME_SWAP
        result = libc.renamex_np(os.fsencode(first), os.fsencode(second), swap_flag)
    elif hasattr(libc, "renameat2"):
        at_cwd, exchange_flag = -100, 2  # AT_FDCWD, RENAME_EXCHANGE
        result = libc.renameat2(
            at_cwd, os.fsencode(first), at_cwd, os.fsencode(second), exchange_flag
        )
    else:
        raise OSError(errno.ENOSYS, "this system cannot swap two folders in one step")
    if result != 0:
        code = ctypes.get_errno()
        raise OSError(code, f"cannot swap {first} and {second}: {os.strerror(code)}")


def _umask() -> int:
    mask = os.umask(0o022)
    os.umask(mask)
    return mask
