#!/usr/bin/env python3
"""Whole-process load time: `dossier check FILE` against a program that only parses the
file with `ron::from_str` (examples/parse_only.rs), alternating runs, medians.

    cargo build --release --examples
    cargo run --release --example gen -- --actions 100000 --seed 7 > /tmp/big.ron
    python3 benches/process-load.py target/release/dossier target/release/examples/parse_only /tmp/big.ron
"""
import statistics
import subprocess
import sys
import time

RUNS = 7


def once(command):
    start = time.perf_counter()
    subprocess.run(command, check=True, stdout=subprocess.DEVNULL)
    return time.perf_counter() - start


def main():
    dossier, parse_only, path = sys.argv[1:4]
    check, parse = [], []
    for _ in range(RUNS):
        check.append(once([dossier, "check", path]))
        parse.append(once([parse_only, path]))
    check_ms = statistics.median(check) * 1000
    parse_ms = statistics.median(parse) * 1000
    print(f"dossier check: median {check_ms:.0f} ms")
    print(f"parse only:    median {parse_ms:.0f} ms")
    print(f"ratio:         {check_ms / parse_ms:.2f}")


if __name__ == "__main__":
    main()
