"""Start and talk to the child process that runs one submission.

The child (``_child.py``, run by path in a fresh ``python -I``) gets:

- a scratch copy of the submission's folder as its working directory;
- a scrubbed environment (no ``PYTHONPATH``, no home, one thread per library);
- resource limits: address space, CPU time, file size, open files and, when it
  runs under a user of its own, processes;
- on Linux, when the grader runs as root: new mount, network and pid
  namespaces, a read-only file system with the course's solutions, the other
  submissions and the home folders hidden, and a user id of its own with no
  privileges; when not root, the same through an unprivileged user namespace if
  the system allows one; otherwise resource limits only (reported).

Its stdout and stderr are drained through pipes and truncated; its answers come
back on a pipe of their own, one JSON document per line, and are read with a
deadline and a size cap. :meth:`Child.close` ends the whole process group and,
under a dedicated user, every process that user still owns.
"""

from __future__ import annotations

import itertools
import json
import os
import select
import shutil
import signal
import subprocess
import sys
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path

CHILD_SCRIPT = Path(__file__).with_name("_child.py")
WIRE_SOURCE = Path(__file__).resolve().parents[1] / "_wire.py"

# A range of user ids assumed unused on the machine; each child gets its own.
UID_BASE = 0x3F000000
_uid_counter = itertools.count()
_uid_lock = threading.Lock()

MESSAGE_CAP = 64 * 1024 * 1024


class ChildDied(Exception):
    """The child closed its answer pipe (exited, crashed or was killed)."""


class ChildTimeout(Exception):
    """The child did not answer before the deadline."""


class ChildGarbage(Exception):
    """The child sent something that is not a JSON document of acceptable size."""


@dataclass
class Limits:
    """Resource limits for one child."""

    timeout: float = 10.0
    memory_mb: int = 1024
    file_mb: int = 64
    processes: int = 64
    output_chars: int = 20000


@dataclass
class SandboxPolicy:
    """What to hide from the child, and how to isolate it.

    ``mode`` is ``"auto"`` (as root: namespaces and a user of its own; otherwise an
    unprivileged user namespace if the system allows it; otherwise limits only),
    ``"userns"`` (the user-namespace route even as root) or ``"none"`` (resource
    limits only).
    """

    mode: str = "auto"  # "auto": as root, or in a user namespace; "userns": the latter only; "none"
    hide_roots: list[str] = field(default_factory=list)
    hide: list[str] = field(default_factory=list)
    keep: list[str] = field(default_factory=list)


def default_policy(extra_hidden: list[Path] = (), mode: str = "auto") -> SandboxPolicy:
    """Hide the course's solutions, the grader, home folders and ``extra_hidden``.

    The interpreter, its libraries and the ``curriculum`` package (minus
    ``exercises`` and ``grading``) stay visible, read-only.
    """
    import curriculum

    package = Path(curriculum.__file__).resolve().parent
    keep = {Path(sys.prefix).resolve(), Path(sys.base_prefix).resolve(), package.parent}
    for entry in sys.path:
        if entry and Path(entry).is_dir() and "site-packages" in entry:
            keep.add(Path(entry).resolve())
    # /run holds the sockets of local services, reachable even on a read-only mount.
    hide_roots = {Path("/root"), Path("/home"), Path("/srv"), Path("/mnt"), Path("/media"), Path("/run")}
    repo = package.parent.parent
    if (repo / "pyproject.toml").exists():
        hide_roots.add(repo)  # notebooks/, _build/, tests/, .git/: the instructor's material
    for path in extra_hidden:
        path = Path(path).resolve()
        hide_roots.add(path if path.is_dir() else path.parent)
    # A folder that holds the interpreter cannot be hidden whole: its kept parts are bound back.
    keep_list = sorted({str(p) for p in keep if p.is_dir()})
    keep_list = [p for p in keep_list if not any(p != q and p.startswith(q + "/") for q in keep_list)]
    roots = sorted(str(r) for r in hide_roots if r.is_dir() and str(r) != "/")
    # Only the outermost roots: a nested root is hidden with its parent already.
    roots = [r for r in roots if not any(r != q and r.startswith(q + "/") for q in roots)]
    if mode not in ("auto", "userns", "none"):
        raise ValueError(f"mode must be 'auto', 'userns' or 'none', got {mode!r}")
    return SandboxPolicy(
        mode=mode,
        hide_roots=roots,
        hide=[str(package / "exercises"), str(package / "grading")],
        keep=keep_list,
    )


def child_environment(scratch: Path) -> dict:
    """The only environment variables the child gets."""
    return {
        "PATH": "/usr/local/bin:/usr/bin:/bin",
        "LANG": "C.UTF-8",
        "LC_ALL": "C.UTF-8",
        "HOME": str(scratch),
        "TMPDIR": str(scratch),
        "PYTHONHASHSEED": "0",
        "PYTHONDONTWRITEBYTECODE": "1",
        "PYTHONIOENCODING": "utf-8",
        "OMP_NUM_THREADS": "1",
        "OPENBLAS_NUM_THREADS": "1",
        "MKL_NUM_THREADS": "1",
        "NUMEXPR_NUM_THREADS": "1",
        "MPLBACKEND": "Agg",
        "MPLCONFIGDIR": str(scratch / ".matplotlib"),
        "TQDM_DISABLE": "1",
        "CURRICULUM_SCRATCH": str(scratch),
    }


def _allocate_uid() -> int:
    with _uid_lock:
        return UID_BASE + (os.getpid() % 4096) * 4096 + next(_uid_counter) % 4096


class _Drain(threading.Thread):
    """Read a pipe to its end, keeping the first ``cap`` bytes.

    The thread owns the pipe and closes it at end of file. A grandchild that
    escaped may keep the pipe open for long: the grader then stops waiting for
    this thread (it is a daemon) rather than closing the pipe under it.
    """

    def __init__(self, stream, cap: int):
        super().__init__(daemon=True)
        self.stream, self.cap = stream, cap
        self.fd = stream.fileno()
        self.head = bytearray()
        self.total = 0
        self.lock = threading.Lock()

    def run(self) -> None:
        try:
            while True:
                chunk = os.read(self.fd, 1 << 16)
                if not chunk:
                    break
                with self.lock:
                    self.total += len(chunk)
                    room = self.cap - len(self.head)
                    if room > 0:
                        self.head.extend(chunk[:room])
        except OSError:
            pass
        finally:
            self.stream.close()

    def text(self) -> str:
        with self.lock:
            text = self.head.decode("utf-8", "replace")
            if self.total > len(self.head):
                text += f"\n[... {self.total - len(self.head)} more bytes of output not kept]"
        return text


class Child:
    """One sandboxed child process running one submission."""

    def __init__(self, scratch: Path, limits: Limits, policy: SandboxPolicy):
        self.scratch = Path(scratch)
        self.limits = limits
        self.policy = policy
        self.process: subprocess.Popen | None = None
        self.uid: int | None = None
        self.buffer = b""
        self.drain: _Drain | None = None
        self.token = os.urandom(8).hex()
        self.dead = False  # the child stopped answering: do not send it more work
        self.executed: tuple | None = None  # (report, cell errors) once the notebook ran

    # -- life cycle --------------------------------------------------------------

    def start(self, cells: list[tuple[int, str]], blocked_always: list[str], n_exercises: int) -> None:
        as_root = hasattr(os, "geteuid") and os.geteuid() == 0
        if as_root and self.policy.mode == "auto" and sys.platform.startswith("linux"):
            self.uid = _allocate_uid()
            os.chown(self.scratch, self.uid, self.uid)
            for path in self.scratch.rglob("*"):
                os.lchown(path, self.uid, self.uid)
        req_r, req_w = os.pipe()
        ans_r, ans_w = os.pipe()
        budget = self.limits.timeout
        config = {
            "isolation": {
                "mode": self.policy.mode,
                "scratch": str(self.scratch),
                "uid": self.uid,
                "gid": self.uid,
                "hide_roots": self.policy.hide_roots,
                "hide": self.policy.hide,
                "keep": self.policy.keep,
            },
            "limits": {
                "budget_seconds": budget,
                "memory_bytes": self.limits.memory_mb * 1024 * 1024,
                "cpu_seconds": int(budget * (n_exercises + 3) + 10),
                "file_bytes": self.limits.file_mb * 1024 * 1024,
                "processes": self.limits.processes,
            },
            "output_cap": self.limits.output_chars,
            "wire_source": WIRE_SOURCE.read_text(encoding="utf-8"),
            "blocked_always": blocked_always,
            "cells": cells,
        }
        try:
            self.process = subprocess.Popen(
                [sys.executable, "-I", "-B", str(CHILD_SCRIPT), str(req_r), str(ans_w)],
                cwd=self.scratch,
                env={**child_environment(self.scratch), "CURRICULUM_GRADING_TOKEN": self.token},
                stdin=subprocess.DEVNULL,
                stdout=subprocess.PIPE,
                stderr=subprocess.STDOUT,
                pass_fds=(req_r, ans_w),
                start_new_session=True,
                close_fds=True,
            )
        finally:
            os.close(req_r)
            os.close(ans_w)
        self.req_w, self.ans_r = req_w, ans_r
        self.drain = _Drain(self.process.stdout, self.limits.output_chars)
        self.drain.start()
        self.send(config)

    def send(self, obj) -> None:
        data = (json.dumps(obj, separators=(",", ":")) + "\n").encode("utf-8")
        try:
            view = memoryview(data)
            while view:
                written = os.write(self.req_w, view)
                view = view[written:]
        except (BrokenPipeError, OSError):
            raise ChildDied() from None

    def receive(self, timeout: float):
        """Return the next JSON message, or raise ChildTimeout / ChildDied / ChildGarbage."""
        deadline = time.monotonic() + timeout
        while b"\n" not in self.buffer:
            left = deadline - time.monotonic()
            if left <= 0:
                raise ChildTimeout()
            if not _readable(self.ans_r, left):
                raise ChildTimeout()
            chunk = os.read(self.ans_r, 1 << 20)
            if not chunk:
                raise ChildDied()
            self.buffer += chunk
            if len(self.buffer) > MESSAGE_CAP and b"\n" not in self.buffer:
                raise ChildGarbage(f"an answer larger than {MESSAGE_CAP // (1024 * 1024)} MB")
        line, _, self.buffer = self.buffer.partition(b"\n")
        try:
            message = json.loads(line)
        except (ValueError, RecursionError) as exc:
            raise ChildGarbage(f"an answer that is not valid JSON ({type(exc).__name__})") from None
        if not isinstance(message, dict):
            raise ChildGarbage("an answer that is not a JSON object")
        return message

    def exit_description(self, wait: float = 1.0) -> str:
        """How the child ended, in words ("exit code 0", "killed by SIGKILL")."""
        if self.process is None:
            return "not started"
        try:
            code = self.process.wait(timeout=wait)
        except subprocess.TimeoutExpired:
            return "still running"
        if code < 0:
            try:
                name = signal.Signals(-code).name
            except ValueError:
                name = f"signal {-code}"
            return f"killed by {name}"
        if code > 128:
            try:
                return f"killed by {signal.Signals(code - 128).name}"
            except ValueError:
                pass
        return f"exit code {code}"

    def output(self) -> str:
        return self.drain.text() if self.drain is not None else ""

    def close(self) -> None:
        """End the child, everything it started, and release the pipes."""
        process = self.process
        if process is None:
            return
        try:
            os.killpg(process.pid, signal.SIGKILL)
        except (ProcessLookupError, PermissionError):
            pass
        try:
            process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            pass
        if self.uid is not None:
            _kill_all_of_user(self.uid)
        elif self.policy.mode == "none":
            _kill_by_token(self.token)
        for fd in (self.req_w, self.ans_r):
            try:
                os.close(fd)
            except OSError:
                pass
        if self.drain is not None:
            # A grandchild that escaped may still hold the pipe: do not wait for it long.
            self.drain.join(timeout=2)
        self.process = None


def _readable(fd: int, timeout: float) -> bool:
    """Wait until ``fd`` has data (or end of file); ``poll`` has no limit on descriptor numbers."""
    if hasattr(select, "poll"):
        poller = select.poll()
        poller.register(fd, select.POLLIN | select.POLLHUP | select.POLLERR)
        return bool(poller.poll(max(0.0, timeout) * 1000))
    ready, _, _ = select.select([fd], [], [], timeout)
    return bool(ready)


def _kill_by_token(token: str) -> None:
    """Best effort without namespaces: kill processes whose environment holds ``token``.

    Every process the child starts inherits ``CURRICULUM_GRADING_TOKEN`` unless
    it clears its environment on purpose.
    """
    needle = f"CURRICULUM_GRADING_TOKEN={token}".encode()
    proc = Path("/proc")
    if not proc.is_dir():
        return
    for entry in proc.iterdir():
        if not entry.name.isdigit() or int(entry.name) == os.getpid():
            continue
        try:
            environ = (entry / "environ").read_bytes()
        except OSError:
            continue
        if needle in environ.split(b"\0"):
            try:
                os.kill(int(entry.name), signal.SIGKILL)
            except OSError:
                pass


def _kill_all_of_user(uid: int) -> None:
    """Kill every process owned by ``uid`` (only ever a child's dedicated user)."""
    if uid < UID_BASE:  # never a real user
        return
    # kill(-1) from a process running as that user reaches every process it owns,
    # in any pid namespace. The program must be executable by that user: the
    # grader's own Python may live in a private folder.
    kill = next((k for k in ("/bin/kill", "/usr/bin/kill") if os.access(k, os.X_OK)), None)
    command = [kill, "-9", "-1"] if kill else [
        sys.executable, "-I", "-S", "-c", "import os, signal; os.kill(-1, signal.SIGKILL)",
    ]
    try:
        subprocess.run(
            command,
            user=uid,
            group=uid,
            extra_groups=[],
            env={},
            stdin=subprocess.DEVNULL,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
            timeout=10,
            check=False,
        )
    except (OSError, subprocess.SubprocessError):
        pass


def make_scratch(notebook: Path, base: Path, max_bytes: int = 100 * 1024 * 1024) -> Path:
    """Copy a submission's folder into a fresh scratch folder under ``base``.

    Only the submission notebook itself and the non-notebook files next to it
    (data files the learner may read) are copied, up to ``max_bytes``: never
    another notebook, which may be another learner's work.
    """
    import tempfile

    scratch = Path(tempfile.mkdtemp(prefix="submission-", dir=base))
    source = notebook.parent
    shutil.copyfile(notebook, scratch / notebook.name)
    budget, files = max_bytes, 0
    for folder, dirs, names in os.walk(source):
        depth = len(Path(folder).relative_to(source).parts)
        dirs[:] = sorted(d for d in dirs if not d.startswith(".")) if depth < 3 else []
        for name in sorted(names):
            path = Path(folder) / name
            if name.startswith(".") or path.suffix == ".ipynb" or path.is_symlink() or not path.is_file():
                continue
            size = path.stat().st_size
            if size > budget or files >= 1000:
                continue
            budget -= size
            files += 1
            target = scratch / path.relative_to(source)
            target.parent.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(path, target)
    _seed_matplotlib_cache(scratch / ".matplotlib")
    return scratch


def _seed_matplotlib_cache(target: Path) -> None:
    """Copy the grader's matplotlib font list, so that a child does not rebuild it (seconds)."""
    candidates = [os.environ.get("MPLCONFIGDIR"), Path.home() / ".cache" / "matplotlib", Path.home() / ".matplotlib"]
    for folder in candidates:
        if not folder or not Path(folder).is_dir():
            continue
        fonts = sorted(Path(folder).glob("fontlist-*.json"))
        if fonts:
            target.mkdir(exist_ok=True)
            for font in fonts:
                shutil.copyfile(font, target / font.name)
            return
