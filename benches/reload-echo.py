#!/usr/bin/env python3
"""Keystroke echo while the viewer reloads a big dossier: the release binary in a
pseudo-terminal on a 100 000-action file that is saved again every 300 ms (each save
makes the viewer read, validate and index the whole file off its UI thread), while
one key a time is typed into the finder. Prints the median and 99th percentile of the
time from a key to its echo on screen.

    cargo build --release
    cargo run --release --example gen -- --actions 100000 --seed 7 > /tmp/big.ron
    python3 benches/reload-echo.py target/release/dossier /tmp/big.ron
"""
import fcntl
import os
import struct
import termios
import pty
import select
import shutil
import statistics
import sys
import tempfile
import threading
import time

KEYS = int(os.environ.get("KEYS", "200"))
SAVE_EVERY = float(os.environ.get("SAVE_EVERY", "0.3"))


def read_until(fd, needle, timeout):
    """Reads the terminal until `needle` shows; the time it took, or None."""
    start = time.perf_counter()
    seen = b""
    while time.perf_counter() - start < timeout:
        ready, _, _ = select.select([fd], [], [], 0.01)
        if ready:
            try:
                seen += os.read(fd, 65536)
            except OSError:
                return None
            if needle in seen:
                return time.perf_counter() - start
    return None


def main():
    binary, source = sys.argv[1:3]
    work = tempfile.mkdtemp()
    path = os.path.join(work, "big.ron")
    shutil.copy(source, path)
    with open(path, "rb") as f:
        text = f.read()

    pid, fd = pty.fork()
    if pid == 0:
        # A 120×40 terminal, set before the viewer asks for its size.
        fcntl.ioctl(0, termios.TIOCSWINSZ, struct.pack("HHHH", 40, 120, 0, 0))
        os.environ.update(TERM="xterm-256color", LANG="C.UTF-8", COLORFGBG="15;0")
        os.execv(binary, [binary, path])
    os.set_blocking(fd, True)
    read_until(fd, b"Countries 1/", 30)
    os.write(fd, b"/")
    read_until(fd, b"Find", 5)

    saving = True

    def saver():
        n = 0
        while saving:
            temporary = path + ".tmp"
            with open(temporary, "wb") as f:
                f.write(text + b" " * (n % 2))
            os.rename(temporary, path)
            n += 1
            time.sleep(SAVE_EVERY)

    thread = threading.Thread(target=saver)
    thread.start()
    time.sleep(1.0)  # reloads under way
    echoes = []
    for _ in range(KEYS):
        os.write(fd, "§".encode())
        took = read_until(fd, "§".encode(), 2)
        if took is not None:
            echoes.append(took * 1000)
        time.sleep(0.01)
    saving = False
    thread.join()
    os.write(fd, b"\x03")
    os.waitpid(pid, 0)
    shutil.rmtree(work)
    echoes.sort()
    p99 = echoes[min(len(echoes) - 1, int(len(echoes) * 0.99))]
    print(f"{len(echoes)} keys echoed while reloading every {SAVE_EVERY * 1000:.0f} ms")
    print(f"median {statistics.median(echoes):.2f} ms, p99 {p99:.2f} ms, max {echoes[-1]:.2f} ms")


if __name__ == "__main__":
    main()
