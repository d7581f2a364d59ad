#!/usr/bin/env python3
"""Start-up time of a binary: runs each command RUNS times, alternating, and prints the
median and the 90th percentile of the wall time from spawn to exit, in milliseconds.

    python3 benches/startup.py target/release/dossier [RUNS]

Measures `--version` (the process and argument parsing alone) and `check` on the bundled
dossier (parse, validate and index it too), with no config file.
"""

import os
import statistics
import subprocess
import sys
import time

binary = sys.argv[1]
runs = int(sys.argv[2]) if len(sys.argv) > 2 else 200
commands = {"--version": [binary, "--version"], "check": [binary, "check"]}
env = {k: v for k, v in os.environ.items() if k not in ("DOSSIER_FILE", "DOSSIER_CONFIG")}
env["XDG_CONFIG_HOME"] = "/nonexistent"
times = {name: [] for name in commands}
for _ in range(runs):
    for name, command in commands.items():
        start = time.perf_counter()
        subprocess.run(command, stdout=subprocess.DEVNULL, env=env, check=True)
        times[name].append((time.perf_counter() - start) * 1000)
size = os.path.getsize(binary)
print(f"{binary}: {size} bytes ({size / 1e6:.2f} MB)")
for name, samples in times.items():
    samples.sort()
    p90 = samples[int(len(samples) * 0.9)]
    print(f"  {name}: median {statistics.median(samples):.2f} ms, p90 {p90:.2f} ms ({runs} runs)")
