#!/usr/bin/env python3
"""Peak memory (resident set size, from the OS) of `dossier check FILE` and of the
viewer on FILE, against the file's size. Medians of RUNS runs each.

    cargo build --release
    cargo run --release --example gen -- --actions 100000 --seed 7 > /tmp/big.ron
    python3 benches/memory.py target/release/dossier /tmp/big.ron

`check` is run as is; its peak is the kernel's maximum resident set size for the
process (wait4's ru_maxrss, what `/usr/bin/time -v` reports). The viewer is the real
binary in a pseudo-terminal (120x40): it opens the file, builds the search index in
the background as it always does, and the script opens the finder (`/`), types a
query, waits until the screen has been quiet for QUIET seconds (the index built and
the results drawn), reads VmHWM from /proc/PID/status, and quits with Ctrl-c.
"""
import os
import pty
import select
import statistics
import struct
import subprocess
import sys
import termios
import fcntl
import time

RUNS = 5
QUIET = 2.0
QUERY = b"annual consultation denmark"


def check_peak(binary, path):
    """Peak RSS of `dossier check PATH`, in bytes."""
    process = subprocess.Popen(
        [binary, "check", path], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL
    )
    _, _, usage = os.wait4(process.pid, 0)
    return usage.ru_maxrss * 1024


def drain(fd, quiet, limit):
    """Reads `fd` until nothing has come for `quiet` seconds, or `limit` seconds pass."""
    start = time.monotonic()
    last = start
    while time.monotonic() - start < limit:
        ready, _, _ = select.select([fd], [], [], 0.05)
        if ready:
            try:
                if not os.read(fd, 65536):
                    return
            except OSError:
                return
            last = time.monotonic()
        elif time.monotonic() - last >= quiet:
            return


def status_kb(pid, field):
    with open(f"/proc/{pid}/status") as status:
        for line in status:
            if line.startswith(field + ":"):
                return int(line.split()[1])
    raise RuntimeError(f"no {field} for {pid}")


def viewer_peak(binary, path):
    """Peak RSS of the viewer with the finder's results on screen, in bytes."""
    pid, fd = pty.fork()
    if pid == 0:
        os.environ["TERM"] = "xterm-256color"
        for name in ("NO_COLOR", "COLORFGBG", "TMUX"):
            os.environ.pop(name, None)
        os.execv(binary, [binary, path])
    fcntl.ioctl(fd, termios.TIOCSWINSZ, struct.pack("HHHH", 40, 120, 0, 0))
    drain(fd, QUIET, 60)
    os.write(fd, b"/")
    for key in QUERY:
        os.write(fd, bytes([key]))
        drain(fd, 0.05, 5)
    drain(fd, QUIET, 60)
    peak = status_kb(pid, "VmHWM") * 1024
    os.write(fd, b"\x03")
    drain(fd, 0.2, 5)
    os.waitpid(pid, 0)
    os.close(fd)
    return peak


def main():
    binary, path = sys.argv[1:3]
    size = os.path.getsize(path)
    print(f"{path}: {size / 1e6:.1f} MB")
    for name, measure in (("check", check_peak), ("viewer", viewer_peak)):
        peaks = [measure(binary, path) for _ in range(RUNS)]
        peak = statistics.median(peaks)
        print(
            f"{name:>6}: peak RSS median {peak / 1e6:.1f} MB ({peak / size:.2f}x the file), "
            f"min {min(peaks) / 1e6:.1f}, max {max(peaks) / 1e6:.1f}"
        )


if __name__ == "__main__":
    main()
