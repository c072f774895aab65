"""One build at a time, each in its own staging folder, published by one atomic swap.

- :class:`BuildLock` holds an exclusive ``flock`` on ``<reports>.lock`` for the whole build. A second build
  waits, or with ``wait=False`` fails at once naming the running build's pid. The kernel releases a flock
  when its holder dies, so a build killed with SIGKILL never leaves a lock behind; the pid file left by it is
  reported as stale and overwritten.
- :func:`swap_in` publishes a staging folder by exchanging it with ``reports/`` in one ``renameat2(
  RENAME_EXCHANGE)`` call: at every instant ``reports/index.html`` belongs to the old complete site or to
  the new one. Where the system lacks that call, two renames are used and the gap is said in the log.
- :func:`die_with_parent` makes a worker process end when the build that started it is killed.
"""
from __future__ import annotations

import ctypes
import ctypes.util
import errno
import fcntl
import os
import shutil
import signal
import time
from pathlib import Path

RENAME_EXCHANGE = 2
AT_FDCWD = -100


class LockBusy(RuntimeError):
    """Another build holds the lock and we were told not to wait."""


class BuildLock:
    """An exclusive lock on ``<reports>.lock`` for the duration of a build."""

    def __init__(self, reports_dir: Path, wait: bool = True, log=print):
        self.path = Path(reports_dir).with_name(Path(reports_dir).name + ".lock")
        self.wait = wait
        self.log = log
        self.fd: int | None = None

    def __enter__(self) -> "BuildLock":
        self.path.parent.mkdir(parents=True, exist_ok=True)
        self.fd = os.open(self.path, os.O_RDWR | os.O_CREAT, 0o644)
        try:
            fcntl.flock(self.fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            holder = self._holder()
            if not self.wait:
                os.close(self.fd)
                self.fd = None
                raise LockBusy(f"another build is running (pid {holder}, lock {self.path}); "
                               f"try again later, or run without --no-wait to wait for it") from None
            self.log(f"waiting for the build running as pid {holder} to finish")
            fcntl.flock(self.fd, fcntl.LOCK_EX)
        previous = self._holder()
        if previous and previous != str(os.getpid()) and not _alive(previous):
            self.log(f"a build (pid {previous}) was killed before it finished; its lock is cleared")
        os.ftruncate(self.fd, 0)
        os.write(self.fd, str(os.getpid()).encode())
        os.fsync(self.fd)
        return self

    def _holder(self) -> str:
        try:
            return self.path.read_text().strip()
        except OSError:
            return ""

    def __exit__(self, *exc) -> None:
        if self.fd is not None:
            os.ftruncate(self.fd, 0)
            fcntl.flock(self.fd, fcntl.LOCK_UN)
            os.close(self.fd)
            self.fd = None


def _alive(pid: str) -> bool:
    try:
        os.kill(int(pid), 0)
    except (OSError, ValueError):
        return False
    return True


def _renameat2_exchange(a: Path, b: Path) -> bool:
    """Atomically exchange two paths; False when the system cannot."""
    libc_name = ctypes.util.find_library("c")
    if not libc_name:
        return False
    libc = ctypes.CDLL(libc_name, use_errno=True)
    if not hasattr(libc, "renameat2"):
        return False
    res = libc.renameat2(AT_FDCWD, os.fsencode(str(a)), AT_FDCWD, os.fsencode(str(b)), RENAME_EXCHANGE)
    if res != 0:
        err = ctypes.get_errno()
        if err in (errno.ENOSYS, errno.EINVAL, errno.EXDEV):
            return False
        raise OSError(err, os.strerror(err), str(a))
    return True


def swap_in(staging: Path, reports_dir: Path, log=print) -> None:
    """Publish ``staging`` as ``reports_dir`` in one atomic step; the old site is removed afterwards."""
    staging, reports_dir = Path(staging), Path(reports_dir)
    for keep in (".gitignore", "README.md"):  # the tracked files of reports/ stay
        src = reports_dir / keep
        if src.exists() and not (staging / keep).exists():
            shutil.copy2(src, staging / keep)
    if reports_dir.exists():
        if _renameat2_exchange(staging, reports_dir):
            shutil.rmtree(staging)  # now the old site
            return
        log("this system cannot swap folders atomically; publishing with two renames")
        old = reports_dir.with_name(reports_dir.name + f".old-{os.getpid()}")
        os.replace(reports_dir, old)
        os.replace(staging, reports_dir)
        shutil.rmtree(old)
    else:
        os.replace(staging, reports_dir)


def die_with_parent() -> None:
    """In a worker process: end when the build process dies (even by SIGKILL), so no worker runs on."""
    try:
        libc = ctypes.CDLL(ctypes.util.find_library("c") or "libc.so.6", use_errno=True)
        PR_SET_PDEATHSIG = 1
        libc.prctl(PR_SET_PDEATHSIG, signal.SIGKILL)
    except (OSError, AttributeError):  # not Linux: workers end when they next find the pool gone
        pass
    if os.getppid() == 1:  # the parent died before we got here
        os._exit(1)


def staging_for(reports_dir: Path) -> Path:
    """A new staging folder for one build, beside ``reports_dir`` (same filesystem, so the swap is a rename)."""
    reports_dir = Path(reports_dir)
    reports_dir.parent.mkdir(parents=True, exist_ok=True)
    stamp = time.strftime("%Y%m%dT%H%M%S")
    path = reports_dir.with_name(f"{reports_dir.name}.staging-{stamp}-{os.getpid()}")
    path.mkdir()
    return path
