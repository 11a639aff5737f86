"""Child processes of the demo: the embedded servers, the worker and the dispatcher.

Each runs in its own session (a terminal Ctrl-C reaches only the demo, which then stops its
children in order), writes its output to a log file, and gets a parent-death signal, so a
killed demo leaves nothing behind.
"""

from __future__ import annotations

import contextlib
import ctypes
import logging
import os
import pwd
import signal
import subprocess
import sys
import time
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO, Any

log = logging.getLogger(__name__)

_PR_SET_PDEATHSIG = 1  # <linux/prctl.h>


def pdeathsig_preexec(sig: signal.Signals) -> Callable[[], None] | None:
    """preexec_fn giving the child `sig` when the parent thread dies (Linux only)."""
    if not sys.platform.startswith("linux"):
        return None
    libc = ctypes.CDLL(None, use_errno=True)  # loaded before fork: nothing to import in child
    parent = os.getpid()

    def preexec() -> None:
        # Runs after subprocess has switched uid/gid, which would otherwise clear the setting.
        libc.prctl(_PR_SET_PDEATHSIG, int(sig), 0, 0, 0)
        if os.getppid() != parent:  # parent died between fork and prctl
            os._exit(1)

    return preexec


def popen(
    argv: Sequence[str],
    *,
    stdout: IO[bytes] | int,
    death_signal: signal.Signals,
    env: Mapping[str, str] | None = None,
    cwd: Path | None = None,
    account: pwd.struct_passwd | None = None,
) -> subprocess.Popen[bytes]:
    """Start `argv` in its own session, stdin closed, stderr into `stdout`, with
    `death_signal` when this thread dies; as `account` (uid, gid, no other groups) if given."""
    kwargs: dict[str, Any] = {}
    if account is not None:
        kwargs.update(user=account.pw_uid, group=account.pw_gid, extra_groups=[])
    return subprocess.Popen(
        list(argv),
        cwd=cwd,
        env=None if env is None else dict(env),
        stdin=subprocess.DEVNULL,
        stdout=stdout,
        stderr=subprocess.STDOUT,
        # Own session: a terminal Ctrl-C reaches only the demo, which then stops us in order.
        start_new_session=True,
        preexec_fn=pdeathsig_preexec(death_signal),
        **kwargs,
    )


@dataclass
class ChildProcess:
    """A started child: its output appended to `log_path`, stopped with `stop_signal` (also
    its parent-death signal), then SIGKILL of its whole process group on timeout."""

    name: str
    proc: subprocess.Popen[bytes]
    log_path: Path
    log_file: IO[bytes]
    stop_signal: signal.Signals
    _signalled: bool = field(default=False, init=False, repr=False)

    @classmethod
    def start(
        cls,
        name: str,
        argv: Sequence[str],
        log_path: Path,
        *,
        stop_signal: signal.Signals = signal.SIGTERM,
        env: Mapping[str, str] | None = None,
        cwd: Path | None = None,
        account: pwd.struct_passwd | None = None,
    ) -> ChildProcess:
        log_file = open(log_path, "ab")  # noqa: SIM115 - owned by the returned ChildProcess
        try:
            proc = popen(
                argv, stdout=log_file, death_signal=stop_signal, env=env, cwd=cwd, account=account
            )
        except BaseException:
            log_file.close()
            raise
        return cls(name, proc, log_path, log_file, stop_signal)

    def signal_stop(self) -> None:
        """Send the stop signal, once, without waiting (see `stop_all`)."""
        if self.proc.poll() is None and not self._signalled:
            self._signalled = True
            with contextlib.suppress(ProcessLookupError):
                self.proc.send_signal(self.stop_signal)

    def stop(self, timeout: float) -> None:
        """Send the stop signal and wait; SIGKILL the process group after `timeout` seconds.
        Idempotent; closes the log file."""
        proc = self.proc
        if proc.poll() is None:
            self.signal_stop()
            try:
                proc.wait(timeout)
            except subprocess.TimeoutExpired:
                log.warning(
                    "%s (pid %d) did not stop in %.0fs, killing it", self.name, proc.pid, timeout
                )
                with contextlib.suppress(ProcessLookupError):
                    os.killpg(proc.pid, signal.SIGKILL)
                proc.wait()
        self.log_file.close()


def stop_all(children: Sequence[ChildProcess], timeout: float) -> None:
    """Stop children together: every stop signal first, then one shared deadline, so Ctrl-C
    waits for the slowest child rather than the sum of them (a worker mid-batch and a
    dispatcher mid-poll each take seconds). Later children are signalled first, as they
    depend on the earlier ones."""
    for child in reversed(children):
        child.signal_stop()
    deadline = time.monotonic() + timeout
    for child in reversed(children):
        child.stop(max(0.0, deadline - time.monotonic()))
