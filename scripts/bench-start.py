#!/usr/bin/env python3
"""Start-up and idle memory of Dingbind's app against an empty Tauri app, in one run.

Usage (under scripts/headless.sh, which `make bench` does):
    scripts/bench-start.py DINGBIND_APP EMPTY_APP [ROUNDS]

Each app gets a HOME and data folder of its own for the run, with no binding (so Dingbind opens on
its start screen), kept from launch to launch as a computer keeps them (WebKit's caches, the
settings), and `DINGBIND_READY_MARK=1`. Both pages call a command once
their first screen is drawn: Dingbind's start screen after React committed it with the list of
bindings read (ui/src/ready.ts), the empty app's page after one IPC round trip painted its div
(bench/empty-tauri); in both, the call is made from a timer queued in the next animation frame,
i.e. after WebKit ran that frame's rendering update and the main thread was free again. The
command prints `dingbind-ready` on stdout. "Start" is from just before exec to that line.

The page also sends its milestones (ms since it began loading; printed as ms from exec):
`page` the page began loading, `script` its first script ran, `modules` (Dingbind) every module
of the first chunk has run, `boot` the start-up IPC calls answered, `drawn` the mark itself.

Then, 3 s later, the proportional set size (PSS, /proc/PID/smaps_rollup) of the whole process
tree: the app and every descendant (WebKit's web and network processes). Then the app is closed.

One warm-up launch of each, then ROUNDS rounds that alternate the order (Dingbind first in odd
rounds, the empty app first in even ones). Prints medians, min–max and the ratios.
"""
import ctypes
import os
import select
import shutil
import signal
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import zlib

READY = b"dingbind-ready"
TIMEOUT = 60.0
SETTLE = 3.0


class XImage(ctypes.Structure):
    _fields_ = [
        ("width", ctypes.c_int), ("height", ctypes.c_int), ("xoffset", ctypes.c_int), ("format", ctypes.c_int),
        ("data", ctypes.c_void_p), ("byte_order", ctypes.c_int), ("bitmap_unit", ctypes.c_int),
        ("bitmap_bit_order", ctypes.c_int), ("bitmap_pad", ctypes.c_int), ("depth", ctypes.c_int),
        ("bytes_per_line", ctypes.c_int), ("bits_per_pixel", ctypes.c_int),
    ]


class Screen:
    """Watches what the X display shows: the whole screen, grabbed every ~15 ms from launch on.

    "Visually complete" is the first grab from which the screen never changes again until the
    settle time is over: the moment the final picture was on screen (WebKit paints after the
    page's frame has run, so the pixels can lag the mark; this sees them)."""

    def __init__(self):
        self.x = ctypes.CDLL("libX11.so.6")
        self.x.XOpenDisplay.restype = ctypes.c_void_p
        self.x.XOpenDisplay.argtypes = [ctypes.c_char_p]
        self.x.XDefaultRootWindow.restype = ctypes.c_ulong
        self.x.XDefaultRootWindow.argtypes = [ctypes.c_void_p]
        self.x.XGetImage.restype = ctypes.POINTER(XImage)
        self.x.XGetImage.argtypes = [ctypes.c_void_p, ctypes.c_ulong] + [ctypes.c_int] * 2 + [ctypes.c_uint] * 2 + [ctypes.c_ulong, ctypes.c_int]
        self.x.XDestroyImage.argtypes = [ctypes.POINTER(XImage)]
        self.x.XDisplayWidth.argtypes = self.x.XDisplayHeight.argtypes = [ctypes.c_void_p, ctypes.c_int]
        self.display = self.x.XOpenDisplay(None)
        if not self.display:
            sys.exit("bench-start: no X display (run under scripts/headless.sh)")
        self.root = self.x.XDefaultRootWindow(self.display)
        self.size = (self.x.XDisplayWidth(self.display, 0), self.x.XDisplayHeight(self.display, 0))

    def grab(self):
        # Not the last 58 columns: the windows are 1200 px wide and centred, and WebKitGTK's
        # overlay scroll bar (x ≈ 1225–1240) fades in and out by itself after a page is drawn.
        img = self.x.XGetImage(self.display, self.root, 0, 0, self.size[0] - 58, self.size[1], 0xFFFFFFFF, 2)
        data = ctypes.string_at(img.contents.data, img.contents.bytes_per_line * img.contents.height)
        self.x.XDestroyImage(img)
        return zlib.crc32(data)

    def watch(self, t0, stop, frames):
        while not stop.is_set():
            h = self.grab()
            frames.append((time.monotonic() - t0, h))
            stop.wait(0.015)


def visually_complete(frames):
    final = frames[-1][1]
    i = len(frames) - 1
    while i > 0 and frames[i - 1][1] == final:
        i -= 1
    return frames[i][0] * 1000


def children_of():
    """ppid -> [pid] for every process now."""
    kids = {}
    for name in os.listdir("/proc"):
        if not name.isdigit():
            continue
        try:
            with open(f"/proc/{name}/stat", "rb") as f:
                stat = f.read()
        except OSError:
            continue
        # The command name is in parentheses and may hold spaces: the ppid follows the last ')'.
        ppid = int(stat[stat.rindex(b")") + 2 :].split()[1])
        kids.setdefault(ppid, []).append(int(name))
    return kids


def tree(pid):
    kids = children_of()
    out, todo = [], [pid]
    while todo:
        p = todo.pop()
        out.append(p)
        todo.extend(kids.get(p, []))
    return out


def comm(pid):
    try:
        with open(f"/proc/{pid}/comm") as f:
            return f.read().strip()
    except OSError:
        return "?"


def pss_kb(pid):
    try:
        with open(f"/proc/{pid}/smaps_rollup") as f:
            for line in f:
                if line.startswith("Pss:"):
                    return int(line.split()[1])
    except OSError:
        pass
    return 0


def launch(binary, label, screen, home):
    env = dict(os.environ)
    env.update(
        HOME=home,
        XDG_CONFIG_HOME=f"{home}/.config",
        XDG_DATA_HOME=f"{home}/.local/share",
        XDG_CACHE_HOME=f"{home}/.cache",
        DINGBIND_DATA_DIR=f"{home}/data",
        DINGBIND_READY_MARK="1",
    )
    frames, stop_watch = [], threading.Event()
    t0 = time.monotonic()
    watcher = threading.Thread(target=screen.watch, args=(t0, stop_watch, frames))
    watcher.start()
    proc = subprocess.Popen(
        [binary], env=env, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, start_new_session=True
    )
    buf = b""
    ready = None
    marks = {}
    while ready is None:
        left = TIMEOUT - (time.monotonic() - t0)
        if left <= 0 or proc.poll() is not None:
            break
        r, _, _ = select.select([proc.stdout], [], [], left)
        if r:
            chunk = os.read(proc.stdout.fileno(), 4096)
            if not chunk:
                break
            buf += chunk
            if READY in buf and b"\n" in buf[buf.index(READY) :]:
                ready = time.monotonic()
                line = buf[buf.index(READY) :].split(b"\n")[0].decode()
                marks = {k: float(v) for k, v in (m.split("=") for m in line.split()[1:])}
    if ready is None:
        stop_watch.set()
        watcher.join()
        stop(proc)
        sys.exit(f"bench-start: {binary} never said it was drawn (no '{READY.decode()}' in {TIMEOUT:.0f} s)")
    start_ms = (ready - t0) * 1000
    # The page's milestones are ms since it began loading: before that, the process started,
    # the window opened and WebKit's processes came up.
    if "drawn" in marks:
        marks = {"page": start_ms - marks["drawn"], **{k: start_ms - marks["drawn"] + v for k, v in marks.items()}}
    marks["mark"] = start_ms
    time.sleep(SETTLE)
    stop_watch.set()
    watcher.join()
    marks["pixels"] = visually_complete(frames)
    # Shown once the mark is there (answers input) and the final picture is on screen.
    start_ms = max(start_ms, marks["pixels"])
    pids = tree(proc.pid)
    per = [(comm(p), pss_kb(p)) for p in pids]
    stop(proc)
    return start_ms, sum(k for _, k in per) / 1024, per, marks


def stop(proc):
    pids = tree(proc.pid)
    try:
        os.killpg(proc.pid, signal.SIGTERM)
    except ProcessLookupError:
        pass
    try:
        proc.wait(timeout=10)
    except subprocess.TimeoutExpired:
        os.killpg(proc.pid, signal.SIGKILL)
        proc.wait()
    # WebKit's helpers leave with their parent; make sure before the next launch.
    deadline = time.monotonic() + 10
    for p in pids:
        while os.path.exists(f"/proc/{p}") and time.monotonic() < deadline:
            try:
                with open(f"/proc/{p}/stat", "rb") as f:
                    if f.read().split(b") ")[1][:1] == b"Z":
                        break
            except OSError:
                break
            time.sleep(0.05)


def summary(xs):
    return statistics.median(xs), min(xs), max(xs)


def main():
    if len(sys.argv) < 3:
        sys.exit(__doc__)
    apps = {"dingbind": sys.argv[1], "empty": sys.argv[2]}
    # More builds to compare in the same run (e.g. before/after a change): BENCH_ALSO=label=path,…
    for extra in filter(None, os.environ.get("BENCH_ALSO", "").split(",")):
        label, path = extra.split("=", 1)
        apps[label] = path
    rounds = int(sys.argv[3]) if len(sys.argv) > 3 else 10
    screen = Screen()
    homes = {label: tempfile.mkdtemp(prefix=f"bench-{label}-") for label in apps}
    for label, binary in apps.items():
        if not os.access(binary, os.X_OK):
            sys.exit(f"bench-start: {binary} is not built")
        launch(binary, label, screen, homes[label])  # warm-up: page cache, fontconfig, WebKit's first start
    results = {k: {"start": [], "pss": [], "marks": {}} for k in apps}
    last = {}
    for i in range(rounds):
        order = list(apps) if i % 2 == 0 else list(reversed(apps))
        for label in order:
            start, pss, per, marks = launch(apps[label], label, screen, homes[label])
            for k, v in marks.items():
                results[label]["marks"].setdefault(k, []).append(v)
            results[label]["start"].append(start)
            results[label]["pss"].append(pss)
            last[label] = per
        print(
            f"round {i + 1:2}/{rounds}: start "
            + ", ".join(f"{k} {v['start'][-1]:.0f} ms" for k, v in results.items())
            + "; PSS "
            + ", ".join(f"{k} {v['pss'][-1]:.0f} MB" for k, v in results.items()),
            flush=True,
        )
    print()
    for label in apps:
        s, p = summary(results[label]["start"]), summary(results[label]["pss"])
        print(
            f"{label:9} start {s[0]:6.0f} ms [{s[1]:.0f}–{s[2]:.0f}]   idle PSS {p[0]:5.1f} MB [{p[1]:.1f}–{p[2]:.1f}]"
        )
        ms = results[label]["marks"]
        if ms:
            print("          milestones, ms from exec (median): " + ", ".join(f"{k} {statistics.median(v):.0f}" for k, v in ms.items()))
        print("          last round's processes: " + ", ".join(f"{c} {k / 1024:.0f} MB" for c, k in last[label]))
    for home in homes.values():
        shutil.rmtree(home, ignore_errors=True)
    es, ep = statistics.median(results["empty"]["start"]), statistics.median(results["empty"]["pss"])
    for label in apps:
        if label == "empty":
            continue
        ds, dp = statistics.median(results[label]["start"]), statistics.median(results[label]["pss"])
        print(f"ratio {label} / empty: start {ds / es:.2f} × (target ≤ 1.3 ×), idle PSS {dp / ep:.2f} × (target ≤ 1.3 ×)")


if __name__ == "__main__":
    main()
