#!/usr/bin/env python3
"""Presenter key → follower frame: the release binary presents the bundled dossier's
`nl-partnership` briefing with `--share`, N followers run `dossier follow` in their own
pseudo-terminals, and the presenter is sent Space and Backspace in turn. For each key,
the time from writing it to the presenter's terminal until each follower has finished
drawing the new stop (the end of its synchronized-output frame, `ESC [ ? 2026 l`).
Prints the median and 99th percentile over every (key, follower) pair.

    cargo build --release
    python3 benches/follow-latency.py target/release/dossier 1 10 50
"""
import fcntl
import os
import pty
import select
import statistics
import struct
import sys
import tempfile
import termios
import time

KEYS = int(os.environ.get("KEYS", "100"))
FRAME_END = b"\x1b[?2026l"


def spawn(argv, rows, cols):
    """Runs argv in a new pseudo-terminal; returns (pid, master fd)."""
    pid, fd = pty.fork()
    if pid == 0:
        fcntl.ioctl(0, termios.TIOCSWINSZ, struct.pack("HHHH", rows, cols, 0, 0))
        os.environ.update(TERM="xterm-256color", LANG="C.UTF-8", COLORFGBG="15;0")
        os.execv(argv[0], argv)
    return pid, fd


def drain(fds, until, timeout):
    """Reads every fd until `until(fd, bytes so far)` holds for all; returns the time
    each one took, or None for a follower that never got there."""
    start = time.perf_counter()
    seen = {fd: b"" for fd in fds}
    done = {}
    while len(done) < len(fds) and time.perf_counter() - start < timeout:
        waiting = [fd for fd in fds if fd not in done]
        ready, _, _ = select.select(waiting, [], [], 0.05)
        now = time.perf_counter()
        for fd in ready:
            try:
                seen[fd] += os.read(fd, 65536)
            except OSError:
                done[fd] = None
                continue
            if until(fd, seen[fd]):
                done[fd] = now - start
    return [done.get(fd) for fd in fds]


def quiet(fds, for_seconds):
    """Reads and discards output until every fd has been silent for a while."""
    last = time.perf_counter()
    while time.perf_counter() - last < for_seconds:
        ready, _, _ = select.select(fds, [], [], 0.01)
        for fd in ready:
            try:
                os.read(fd, 65536)
                last = time.perf_counter()
            except OSError:
                pass


def measure(binary, followers):
    work = tempfile.mkdtemp()
    socket = os.path.join(work, "briefing.sock")
    presenter, presenter_fd = spawn(
        [binary, "present", "--share", socket, "nl-partnership"], 40, 120
    )
    drain([presenter_fd], lambda _, seen: b"6 stops" in seen, 30)
    children, fds = [], []
    for _ in range(followers):
        pid, fd = spawn([binary, "follow", socket], 24, 80)
        children.append(pid)
        fds.append(fd)
    ready = drain(fds, lambda _, seen: b"6 stops" in seen, 60)
    assert all(t is not None for t in ready), "a follower never showed the briefing"
    quiet(fds + [presenter_fd], 0.3)

    times = []
    for key in range(KEYS):
        os.write(presenter_fd, b" " if key % 2 == 0 else b"\x7f")
        took = drain(fds, lambda _, seen: FRAME_END in seen, 10)
        assert all(t is not None for t in took), "a follower missed a stop"
        times.extend(took)
        quiet(fds + [presenter_fd], 0.05)

    os.write(presenter_fd, b"q")
    for pid in [presenter] + children:
        os.waitpid(pid, 0)
    return times


def main():
    binary = sys.argv[1]
    counts = [int(n) for n in sys.argv[2:]] or [1, 10, 50]
    print("| followers | median | p99 | max |")
    print("|---:|---:|---:|---:|")
    for followers in counts:
        times = sorted(measure(binary, followers))
        p99 = times[min(len(times) - 1, int(len(times) * 0.99))]
        print(
            f"| {followers} | {statistics.median(times) * 1000:.1f} ms "
            f"| {p99 * 1000:.1f} ms | {times[-1] * 1000:.1f} ms |",
            flush=True,
        )


if __name__ == "__main__":
    main()
