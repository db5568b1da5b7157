#!/usr/bin/env python3
"""Time the reader's first frame in a pseudo-terminal: from starting the process to the
last byte of its first complete frame, then quit it with `q`.

    python3 scripts/first-frame.py [--runs N] [--cols C] [--rows R] ANNALS [FILE]

The first frame is complete when the reader has written to the screen's last row (the
status line, drawn last) and the write has ended (no byte for --burst, 3 ms); its time is
that of the frame's last byte. A big book's first frame shows its first part while the
whole is segmented, and the screen is drawn again when the whole arrives: the screen is
settled when nothing more is written for a quiet spell (--quiet, 150 ms), at the time of
the last byte before it (the quiet spell not counted). Prints one line per run (both
times in milliseconds, and the process's peak memory) and then the medians; with --csv
only the medians and the largest peak, as `median_s,settled_s,peak_kib`.
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


# What the status line says while only the book's first part is segmented.
PARTIAL = "reading the rest".encode()


def one_run(cmd, cols, rows, quiet, burst, timeout):
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
    frame = b""
    done_at = None
    first_at = None
    # Whether the first frame shows only the book's first part (its status line says so):
    # then the screen settles only after the frame drawn when the whole arrives.
    partial = False
    last_byte = None
    deadline = start + timeout
    while time.perf_counter() < deadline:
        if done_at is None or (partial and done_at == first_at):
            wait = max(0.0, deadline - time.perf_counter())
        elif first_at is None:
            wait = burst
        else:
            wait = quiet
        ready, _, _ = select.select([master], [], [], wait)
        if not ready:
            if done_at is not None and first_at is None:
                # The write of the first complete frame has ended.
                first_at = done_at
                partial = PARTIAL in frame
                continue
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
        if first_at is None:
            frame += chunk
        seen = seen[-64:] + chunk
        if done_at is None and last_row.search(seen):
            done_at = last_byte
        elif done_at is not None:
            done_at = last_byte
    elapsed = None if done_at is None else done_at - start
    first = None if done_at is None else (first_at or done_at) - start
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
    return first, elapsed, maxrss_kb


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--runs", type=int, default=10)
    ap.add_argument("--warmup", type=int, default=2)
    ap.add_argument("--cols", type=int, default=120)
    ap.add_argument("--rows", type=int, default=40)
    ap.add_argument("--quiet", type=float, default=0.15)
    ap.add_argument("--burst", type=float, default=0.003)
    ap.add_argument("--timeout", type=float, default=60.0)
    ap.add_argument("--csv", action="store_true")
    ap.add_argument("cmd", nargs="+")
    a = ap.parse_args()
    for _ in range(a.warmup):
        one_run(a.cmd, a.cols, a.rows, a.quiet, a.burst, a.timeout)
    firsts, times, peaks = [], [], []
    for _ in range(a.runs):
        f, t, kb = one_run(a.cmd, a.cols, a.rows, a.quiet, a.burst, a.timeout)
        firsts.append(f)
        times.append(t)
        peaks.append(kb or 0)
        if not a.csv:
            print(f"first frame {f * 1000:.1f} ms, settled {t * 1000:.1f} ms, "
                  f"peak memory {kb} KiB")
    med_first = statistics.median(firsts)
    med = statistics.median(times)
    peak = max(peaks)
    if a.csv:
        print(f"median_s,settled_s,peak_kib\n{med_first:.6f},{med:.6f},{peak}")
    else:
        print(f"median: first frame {med_first * 1000:.1f} ms, settled {med * 1000:.1f} ms, "
              f"over {len(times)} runs, peak memory {peak} KiB")


if __name__ == "__main__":
    main()
