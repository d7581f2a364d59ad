#!/usr/bin/env python3
"""Whole-process diff time: `dossier diff OLD NEW` against `dossier check OLD NEW`, which
loads both files one after the other and does nothing else, alternating runs, medians.
NEW is OLD with 1% of its items differing, made as benches/diff.rs makes it.

    cargo build --release --bin dossier --example gen
    cargo run --release --example gen -- --actions 100000 --seed 7 > /tmp/diff-old.ron
    python3 benches/process-diff.py target/release/dossier /tmp/diff-old.ron
"""
import statistics
import subprocess
import sys
import time

RUNS = 11
EVERY = 300


def later_version(text):
    """One action in EVERY changed (status and summary), one removed, one added."""
    at = text.index("Action(\n")
    indent = text[text.rindex("\n", 0, at) + 1 : at]
    opening, closing = f"\n{indent}Action(\n", f"\n{indent}),"
    blocks = text.split(opening)
    out = [blocks[0]]
    for n, block in enumerate(blocks[1:]):
        m = n % EVERY
        if m == 0:
            changed = block.replace("status: ", "status: Cancelled, // was ", 1)
            out += [opening, changed.replace('summary: "', 'summary: "Amended. ', 1)]
        elif m == EVERY // 3:
            out.append(block[block.find(closing) + len(closing) :])
        elif m == 2 * EVERY // 3:
            out += [opening, block, opening, block.replace('",\n', '-added",\n', 1)]
        else:
            out += [opening, block]
    return "".join(out)


def once(command, expected):
    start = time.perf_counter()
    code = subprocess.run(command, stdout=subprocess.DEVNULL).returncode
    elapsed = time.perf_counter() - start
    assert code == expected, f"{command}: exit {code}"
    return elapsed


def main():
    dossier, old = sys.argv[1:3]
    new = old.removesuffix(".ron") + "-later.ron"
    with open(old, encoding="utf-8") as source, open(new, "w", encoding="utf-8") as later:
        later.write(later_version(source.read()))
    diff, check = [], []
    for _ in range(RUNS):
        diff.append(once([dossier, "diff", old, new], 1))
        check.append(once([dossier, "check", old, new], 0))
    diff_ms = statistics.median(diff) * 1000
    check_ms = statistics.median(check) * 1000
    print(f"dossier diff:  median {diff_ms:.0f} ms")
    print(f"dossier check: median {check_ms:.0f} ms (loads both)")
    print(f"ratio:         {diff_ms / check_ms:.2f}")


if __name__ == "__main__":
    main()
