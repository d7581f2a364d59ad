#!/usr/bin/env python3
"""Size and start-up time of one or more builds of dossier: runs `--version` (the process
and argument parsing alone) and `check` on the bundled dossier (parse, validate and index
it too), RUNS times each, every build in turn so that load on the machine falls on all
alike, and prints the median and the 90th percentile of the wall time from spawn to exit.

    python3 benches/startup.py [--runs N] BINARY...
"""

import os
import statistics
import subprocess
import sys
import time

args = sys.argv[1:]
runs = 200
if args[:1] == ["--runs"]:
    runs = int(args[1])
    args = args[2:]
binaries = args
commands = {"--version": ["--version"], "check": ["check"]}
env = {k: v for k, v in os.environ.items() if k not in ("DOSSIER_FILE", "DOSSIER_CONFIG")}
env["XDG_CONFIG_HOME"] = "/nonexistent"
times = {(binary, name): [] for binary in binaries for name in commands}
for _ in range(runs):
    for binary in binaries:
        for name, arguments in commands.items():
            start = time.perf_counter()
            subprocess.run([binary, *arguments], stdout=subprocess.DEVNULL, env=env, check=True)
            times[(binary, name)].append((time.perf_counter() - start) * 1000)
for binary in binaries:
    size = os.path.getsize(binary)
    print(f"{binary}: {size} bytes ({size / 1e6:.2f} MB)")
    for name in commands:
        samples = sorted(times[(binary, name)])
        p90 = samples[int(len(samples) * 0.9)]
        median = statistics.median(samples)
        print(f"  {name}: median {median:.2f} ms, p90 {p90:.2f} ms ({runs} runs)")
