#!/usr/bin/env python3
"""Time the reader's first frame in a pseudo-terminal: from starting the process to the
last byte of its first complete frame, then quit it with `q`.

    python3 scripts/first-frame.py [--runs N] [--cols C] [--rows R] ANNALS [FILE]

A frame is complete when the reader has written to the screen's last row (the status
line, drawn last) and then written nothing more for a quiet spell (--quiet, 150 ms); the
time is that of the frame's last byte, so the quiet spell is not counted. Prints one line
per run (milliseconds, and the process's peak memory) and then the median; with --csv
only the median and the largest peak, as `median_s,peak_kib`.
Only the standard library is used.
"""

import argparse
import fcntl
import os
import re
import select
import shutil
import statistics
import struct
import subprocess
import sys
import termios
import time


def one_run(cmd, cols, rows, quiet, timeout):
    master, slave = os.openpty()
    fcntl.ioctl(slave, termios.TIOCSWINSZ, struct.pack("HHHH", rows, cols, 0, 0))
    env = dict(os.environ, TERM="xterm-256color", NO_COLOR="1")
    # The reader keeps its place in a state file: a fresh folder each run, so every run
    # opens the same way.
    state = os.path.join(os.environ.get("TMPDIR", "/tmp"), f"annals-first-frame-{os.getpid()}")
    shutil.rmtree(state, ignore_errors=True)
    env["ANNALS_STATE_DIR"] = state
    start = time.perf_counter()
    proc = subprocess.Popen(
        cmd, stdin=slave, stdout=slave, stderr=slave, env=env, close_fds=True,
        start_new_session=True,
    )
    os.close(slave)
    # The status line is drawn by a cursor move to the last row: ESC [ rows ; col H.
    last_row = re.compile(rb"\x1b\[%d;\d+H" % rows)
    seen = b""
    done_at = None
    last_byte = None
    deadline = start + timeout
    while time.perf_counter() < deadline:
        wait = quiet if done_at is not None else max(0.0, deadline - time.perf_counter())
        ready, _, _ = select.select([master], [], [], wait)
        if not ready:
            if done_at is not None:
                break
            continue
        try:
            chunk = os.read(master, 1 << 16)
        except OSError:
            break
        if not chunk:
            break
        last_byte = time.perf_counter()
        seen = seen[-64:] + chunk
        if done_at is None and last_row.search(seen):
            done_at = last_byte
        elif done_at is not None:
            done_at = last_byte
    elapsed = None if done_at is None else done_at - start
    # Quit, and take the process's own peak memory from its resource usage.
    maxrss_kb = None
    try:
        os.write(master, b"q")
    except OSError:
        pass
    end = time.perf_counter() + 5
    while True:
        pid, _, usage = os.wait4(proc.pid, os.WNOHANG)
        if pid:
            maxrss_kb = usage.ru_maxrss
            proc.returncode = 0
            break
        if time.perf_counter() > end:
            proc.kill()
            _, _, usage = os.wait4(proc.pid, 0)
            proc.returncode = -9
            break
        time.sleep(0.005)
    # Drain what is left, then close.
    try:
        while select.select([master], [], [], 0)[0] and os.read(master, 1 << 16):
            pass
    except OSError:
        pass
    os.close(master)
    shutil.rmtree(state, ignore_errors=True)
    if elapsed is None:
        sys.exit(f"first-frame: no complete frame within {timeout} s (last byte at "
                 f"{None if last_byte is None else round(last_byte - start, 3)} s)")
    return elapsed, maxrss_kb


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--runs", type=int, default=10)
    ap.add_argument("--warmup", type=int, default=2)
    ap.add_argument("--cols", type=int, default=120)
    ap.add_argument("--rows", type=int, default=40)
    ap.add_argument("--quiet", type=float, default=0.15)
    ap.add_argument("--timeout", type=float, default=60.0)
    ap.add_argument("--csv", action="store_true")
    ap.add_argument("cmd", nargs="+")
    a = ap.parse_args()
    for _ in range(a.warmup):
        one_run(a.cmd, a.cols, a.rows, a.quiet, a.timeout)
    times, peaks = [], []
    for _ in range(a.runs):
        t, kb = one_run(a.cmd, a.cols, a.rows, a.quiet, a.timeout)
        times.append(t)
        peaks.append(kb or 0)
        if not a.csv:
            print(f"{t * 1000:.1f} ms, peak memory {kb} KiB")
    med = statistics.median(times)
    peak = max(peaks)
    if a.csv:
        print(f"median_s,peak_kib\n{med:.6f},{peak}")
    else:
        print(f"median {med * 1000:.1f} ms over {len(times)} runs, peak memory {peak} KiB")


if __name__ == "__main__":
    main()
