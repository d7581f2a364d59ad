#!/usr/bin/env python3
"""Process start to first complete frame: runs the viewer in a pseudo-terminal (120x40)
30 times and reports the median time until the footer of the first frame arrives.

Usage: cargo build --release && python3 benches/first-frame.py target/release/dossier
"""
import os, pty, time, statistics, sys, select, struct, fcntl, termios, signal
binary = sys.argv[1]
times = []
for i in range(30):
    start = time.perf_counter()
    pid, fd = pty.fork()
    if pid == 0:
        os.environ['TERM'] = 'xterm-256color'
        os.execv(binary, [binary])
    fcntl.ioctl(fd, termios.TIOCSWINSZ, struct.pack('HHHH', 40, 120, 0, 0))
    buf = b''
    while b'Countries 1/5' not in buf:
        r, _, _ = select.select([fd], [], [], 5)
        if not r: break
        try: buf += os.read(fd, 65536)
        except OSError: break
    times.append((time.perf_counter() - start) * 1000)
    os.write(fd, b'q')
    os.waitpid(pid, 0)
    os.close(fd)
print("first frame ms: median %.1f min %.1f max %.1f" % (statistics.median(times), min(times), max(times)))
