"""Benchmark: each solution notebook's wall time and its grading kernel's peak memory under
autograde, and the pipeline's time per submission, against the budgets of COURSE_SPEC (most
notebooks under 15 s, none over 45 s)."""
import subprocess
import sys
import threading
import time

import nbformat
import psutil

import course_config
from tools import course, notebooks, release

SCRATCH = course_config.ROOT / "build" / "bench"
BUDGET_S, MOST_UNDER_S = 45.0, 15.0


def process_startup(root):
    """Seconds for a fresh Python process to import nbgrader and open the course's API."""
    code = f"from tools import course; course.api({str(root)!r})"
    t0 = time.perf_counter()
    subprocess.run([sys.executable, "-c", code], cwd=course_config.ROOT, check=True)
    return time.perf_counter() - t0


class KernelMemory:
    """Peak resident memory of this process's children (the grading kernel), sampled every
    0.1 s while a notebook is graded: `with KernelMemory() as m: ...; m.peak` in bytes."""

    def __init__(self):
        self.peak = 0
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._watch, daemon=True)

    def _watch(self):
        me = psutil.Process()
        while not self._stop.wait(0.1):
            for child in me.children(recursive=True):
                try:
                    self.peak = max(self.peak, child.memory_info().rss)
                except psutil.Error:  # the kernel ended between listing and reading
                    pass

    def __enter__(self):
        self._thread.start()
        return self

    def __exit__(self, *exc):
        self._stop.set()
        self._thread.join()


def run(assignment_ids=None, log=print):
    t_start = time.perf_counter()
    assignment_ids = assignment_ids or course.available_assignments()
    root = course.new_scratch_course(SCRATCH, assignment_ids)
    release.generate(root, assignment_ids, log=lambda *_: None)
    for a in assignment_ids:
        folder = root / course_config.SUBMITTED_DIR / "solution" / a
        folder.mkdir(parents=True)
        for src in notebooks.source_notebooks(a, root):
            rel = notebooks.read(root / course_config.RELEASE_DIR / a / src.name)
            nbformat.write(notebooks.fill(rel, notebooks.read(src)), str(folder / src.name))
    startup = process_startup(root)
    nb_api = course.api(root)
    with course.gradebook(root) as gb:
        course.sync_assignments(gb, assignment_ids)
    rows, total = [], 0.0
    for a in assignment_ids:
        t0 = time.perf_counter()
        with KernelMemory() as memory:
            ok = nb_api.autograde(a, "solution", force=True)["success"]
        dt = time.perf_counter() - t0
        total += dt
        names = ", ".join(p.name for p in notebooks.source_notebooks(a, root))
        rows.append((a, names, dt, memory.peak / 2**20, ok))
    log(f"{'assignment':26s} {'notebook(s)':34s} {'autograde s':>11s} {'kernel MiB':>10s}  budget")
    for a, names, dt, mib, ok in rows:
        verdict = "FAILED" if not ok else ("over 45 s" if dt > BUDGET_S else ("ok" if dt <= MOST_UNDER_S else "ok (>15 s)"))
        log(f"{a:26s} {names:34s} {dt:11.1f} {mib:10.0f}  {verdict}")
    under = sum(dt <= MOST_UNDER_S for _, _, dt, _, _ in rows)
    log(f"total {total:.1f} s for {len(rows)} solution submissions (course budget 150 s); "
        f"{under}/{len(rows)} under {MOST_UNDER_S:.0f} s; mean {total / max(len(rows), 1):.1f} s per submission; "
        f"process start-up (API + gradebook) {startup:.1f} s; whole benchmark {time.perf_counter() - t_start:.0f} s")
    return rows
