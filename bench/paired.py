#!/usr/bin/env python3
"""Paired whole-process timings of two commands: A and B run in turn (A B A B ...), so that a drift in the
machine's speed during the call moves both alike, and the ratio A/B is taken pair by pair.

    bench/paired.py [-n PAIRS] [--warmup W] --vs 'COMMAND_B' -- COMMAND_A [ARG ...]

Each run is timed from outside: wall seconds by a monotonic clock around the child, CPU (user + system) and
peak resident memory from the operating system's accounting of the reaped child (os.wait4; the peak is the
largest single process the command waited for; it cannot read below this script's own, about 15 MB). W warm-up runs of each are not counted. Prints min, median
and max of every figure and of the pair ratios; quote the medians. COMMAND_B is one string split as a shell
splits words; a command that needs a pipe or a redirection is written sh -c '...'. Their output is discarded; a
run that fails (exit status not 0) stops the script with status 1, before any figure is printed.
Standard library only, so anyone can rerun the numbers in BENCHMARKS.md.
"""
import argparse
import os
import shlex
import statistics
import subprocess
import sys
import time


def run_once(argv, what):
    started = time.monotonic()
    child = subprocess.Popen(argv, stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    _, status, usage = os.wait4(child.pid, 0)
    wall = time.monotonic() - started
    code = os.waitstatus_to_exitcode(status)
    if code != 0:
        # a run that failed measured something else: no figure is printed from it
        sys.exit("paired.py: %s exited with %d: %s" % (what, code, " ".join(argv)))
    # ru_maxrss is in KiB on Linux
    return {"wall s": wall, "cpu s": usage.ru_utime + usage.ru_stime, "peak MiB": usage.ru_maxrss / 1024}


def spread(values):
    return "%10.3f %10.3f %10.3f" % (min(values), statistics.median(values), max(values))


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("-n", type=int, default=5, help="pairs counted (default 5)")
    parser.add_argument("--warmup", type=int, default=1, help="uncounted runs of each first (default 1)")
    parser.add_argument("--vs", required=True, help="command B, the baseline, as one string")
    parser.add_argument("command", nargs=argparse.REMAINDER, help="-- command A and its arguments")
    args = parser.parse_args()
    a = args.command[1:] if args.command[:1] == ["--"] else args.command
    if not a or args.n < 1 or args.warmup < 0:
        parser.error("give -n ≥ 1, --warmup ≥ 0 and a command A after --")
    b = shlex.split(args.vs)
    for _ in range(args.warmup):
        run_once(a, "A")
        run_once(b, "B")
    runs = {"A": [], "B": []}
    for i in range(args.n):
        runs["A"].append(run_once(a, "A"))
        runs["B"].append(run_once(b, "B"))
        print("pair %d: A %.3f s, B %.3f s" % (i + 1, runs["A"][-1]["wall s"], runs["B"][-1]["wall s"]), file=sys.stderr)
    print("%-16s %10s %10s %10s   (%d pairs, %d warm-up runs each)" % ("", "min", "median", "max", args.n, args.warmup))
    for side in ("A", "B"):
        for figure in ("wall s", "cpu s", "peak MiB"):
            print("%-16s %s" % (side + " " + figure, spread([r[figure] for r in runs[side]])))
    for figure in ("wall s", "cpu s"):
        ratios = [x[figure] / y[figure] for x, y in zip(runs["A"], runs["B"])]
        print("%-16s %s" % ("A/B " + figure.split()[0], spread(ratios)))


if __name__ == "__main__":
    main()
