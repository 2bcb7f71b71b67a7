"""Benchmark, figures printed (never asserted):

1. each solution notebook's wall time and its grading kernel's peak memory under autograde,
   against the budgets of COURSE_SPEC (most notebooks under 15 s, none over 45 s);
2. a class of one step graded three ways in one run, side by side: plain serial nbgrader (its
   API's autograde, one submission after another) with and without the sandbox, and the kit's
   parallel autograde (one worker per core); their throughput ratio, and that the grades agree
   cell by cell;
3. the kit's overhead per submission above a grading kernel's own start and stop;
4. what a course of 1,000 students x every assignment costs on 2, 16 and 64 cores, sized from
   the figures above."""
import asyncio
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

import nbformat
import psutil

import course_config
from tools import check, course, notebooks, release

SCRATCH = course_config.ROOT / "build" / "bench"   # one scratch folder per run below it
BUDGET_S, MOST_UNDER_S = 45.0, 15.0
CLASS_STEP = "01_linear_algebra"
TOY = course_config.ROOT / "tests" / "fixtures" / "toy.ipynb"


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


def solution_class(root, assignment_ids, students=("solution",)):
    """Submissions of every assignment: 'solution' (every answer), 'blank' (the release),
    'wrong' (each recorded wrong answer's first variant)."""
    for a in assignment_ids:
        for student in students:
            folder = root / course_config.SUBMITTED_DIR / student / a
            folder.mkdir(parents=True)
            for src in notebooks.source_notebooks(a, root):
                rel = notebooks.read(root / course_config.RELEASE_DIR / a / src.name)
                kind = student.rsplit("_", 1)[-1]
                if kind == "blank":
                    nb = rel
                elif kind == "wrong":
                    wrong, _ = notebooks.load_variants(a, src.stem)
                    nb = notebooks.fill(rel, notebooks.read(src), {g: v[0]["code"] for g, v in wrong.items() if v})
                else:
                    nb = notebooks.fill(rel, notebooks.read(src))
                nbformat.write(nb, str(folder / src.name))


def run(assignment_ids=None, class_size=16, log=print):
    t_start = time.perf_counter()
    assignment_ids = assignment_ids or course.available_assignments()
    SCRATCH.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(dir=SCRATCH) as tmp:
        rows = per_notebook(Path(tmp) / "steps", assignment_ids, log)
        if CLASS_STEP in assignment_ids and class_size:
            scale = class_throughput(Path(tmp), class_size, log)
            overhead(Path(tmp) / "toy", log)
            sizing(rows, scale, log)
    log(f"whole benchmark {time.perf_counter() - t_start:.0f} s")
    return rows


def per_notebook(root, assignment_ids, log):
    root = course.new_scratch_course(root, assignment_ids)
    release.generate(root, assignment_ids, log=lambda *_: None)
    solution_class(root, assignment_ids)
    startup = process_startup(root)
    nb_api = course.api(root)
    rows, total = [], 0.0
    for a in assignment_ids:
        t0 = time.perf_counter()
        with KernelMemory() as memory:
            ok = nb_api.autograde(a, "solution", force=True)["success"]
        dt = time.perf_counter() - t0
        total += dt
        names = ", ".join(p.name for p in notebooks.source_notebooks(a, root))
        rows.append((a, names, dt, memory.peak / 2**20, ok))
    sandbox = "in the sandbox" if course_config.sandbox_on() else "WITHOUT the sandbox"
    log(f"1. Each solution notebook under nbgrader's autograde ({sandbox}, one BLAS thread)")
    log(f"{'assignment':26s} {'notebook(s)':34s} {'autograde s':>11s} {'kernel MiB':>10s}  budget")
    for a, names, dt, mib, ok in rows:
        verdict = "FAILED" if not ok else ("over 45 s" if dt > BUDGET_S else ("ok" if dt <= MOST_UNDER_S else "ok (>15 s)"))
        log(f"{a:26s} {names:34s} {dt:11.1f} {mib:10.0f}  {verdict}")
    under = sum(dt <= MOST_UNDER_S for _, _, dt, _, _ in rows)
    log(f"total {total:.1f} s for {len(rows)} solution submissions (course budget 150 s); "
        f"{under}/{len(rows)} under {MOST_UNDER_S:.0f} s; mean {total / max(len(rows), 1):.1f} s per submission; "
        f"process start-up (API + gradebook) {startup:.1f} s")
    return rows


def _cells(root, a):
    with course.gradebook(root) as gb:
        return {(s.student.id, nb.name, g.name): (g.auto_score, g.needs_manual_grade)
                for s in gb.find_assignment(a).submissions for nb in s.notebooks for g in nb.grades}


def _class_course(root, students):
    root = course.new_scratch_course(root, [CLASS_STEP])
    shutil.copytree(course_config.ROOT / course_config.RELEASE_DIR / CLASS_STEP, root / course_config.RELEASE_DIR / CLASS_STEP)
    solution_class(root, [CLASS_STEP], students)
    course.register(root, [CLASS_STEP], log=lambda *_: None)
    return root


def _serial_nbgrader(root, students, sandbox):
    """Plain nbgrader, as `nbgrader autograde` runs: one process (its start-up included), its
    API's autograde for one submission after another. Wall seconds of the whole command."""
    env = dict(os.environ, **({} if sandbox else {course_config.NO_SANDBOX_ENV: "1"}))
    code = (f"from tools import course; api = course.api({str(root)!r})\n"
            f"for s in {list(students)!r}: assert api.autograde({CLASS_STEP!r}, s, force=True, create=True)['success'], s")
    t0 = time.perf_counter()
    subprocess.run([sys.executable, "-c", code], cwd=course_config.ROOT, env=env, check=True, capture_output=True)
    return time.perf_counter() - t0


def _kit_autograde(root, jobs):
    """The kit's `autograde` command (start-up included), wall seconds."""
    t0 = time.perf_counter()
    subprocess.run([sys.executable, "-m", "tools", "autograde", CLASS_STEP, "--jobs", str(jobs), "--root", str(root)],
                   cwd=course_config.ROOT, check=True, capture_output=True)
    return time.perf_counter() - t0


def class_throughput(base, n, log, rounds=4):
    """Serial nbgrader and the kit's autograde on the same class, `rounds` times each, in the
    order serial-kit, kit-serial, serial-kit, ... (this machine's speed drifts by tens of percent
    within minutes: alternating, and reversing the order every round, puts both under the same
    drift); plain nbgrader without the sandbox once. Throughput = the serial seconds summed
    over rounds / the kit's summed."""
    kinds = ["solution", "blank", "wrong", "solution"]
    students = [f"s{k:03d}_{kinds[k % len(kinds)]}" for k in range(n)]
    jobs = course_config.GRADING_JOBS
    serial, kit, same, graded = [], [], True, n
    for r in range(rounds):
        serial_root = _class_course(base / f"serial{r}", students)
        kit_root = _class_course(base / f"kit{r}", students)
        for how in (("serial", "kit") if r % 2 == 0 else ("kit", "serial")):
            if how == "serial":
                serial.append(_serial_nbgrader(serial_root, students, sandbox=True))
            else:
                kit.append(_kit_autograde(kit_root, jobs))
        same = same and _cells(kit_root, CLASS_STEP) == _cells(serial_root, CLASS_STEP)
        graded = min(graded, sum(check.is_current(kit_root, s, CLASS_STEP) for s in students))
    plain = _serial_nbgrader(_class_course(base / "plain", students), students, sandbox=False)
    s_serial, s_kit = sum(serial) / rounds, sum(kit) / rounds
    log("")
    log(f"2. A class of {n} submissions of {CLASS_STEP} ({', '.join(sorted(set(kinds)))}): serial nbgrader and the "
        f"kit alternately, {rounds} rounds each (order reversed every round), in one run")
    log(f"{'how':52s} {'wall s (mean)':>13s} {'rounds':>14s} {'s/submission':>12s} {'throughput':>10s}")
    for how, t, ts in ((f"plain nbgrader, serial, no sandbox", plain, [plain]),
                       (f"plain nbgrader, serial, sandbox", s_serial, serial),
                       (f"kit autograde, {jobs} workers, sandbox", s_kit, kit)):
        log(f"{how:52s} {t:13.1f} {' / '.join(f'{x:.1f}' for x in ts):>14s} {t / n:12.2f} {s_serial / t:9.2f}x")
    log(f"sandbox cost: {(s_serial - plain) / n:+.2f} s per submission ({100 * (s_serial / plain - 1):+.0f}%); "
        f"kit / serial nbgrader throughput {s_serial / s_kit:.2f}x on {jobs} workers (round by round: "
        f"{', '.join(f'{a / b:.2f}x' for a, b in zip(serial, kit))}); grades cell by cell "
        f"{'identical' if same else 'DIFFERENT'} to serial nbgrader in every round; {graded} of {n} graded (whole "
        f"commands, start-up included)")
    return dict(speedup=s_serial / s_kit, jobs=jobs, per_submission=s_kit / n)


def overhead(root, log, n=9):
    """The kit's time per submission on a notebook whose cells take milliseconds, against the
    time to start and stop a grading kernel (same kernel manager, same sandbox)."""
    from tools import autograde, grade, sandbox

    root = course.new_scratch_course(root, [])
    (root / course_config.SOURCE_DIR / CLASS_STEP).mkdir(parents=True)
    shutil.copy(TOY, root / course_config.SOURCE_DIR / CLASS_STEP / "toy.ipynb")
    release.generate(root, [CLASS_STEP], log=lambda *_: None)
    blank = notebooks.read(root / course_config.RELEASE_DIR / CLASS_STEP / "toy.ipynb")
    for k in range(n):
        folder = root / course_config.SUBMITTED_DIR / f"t{k}" / CLASS_STEP
        folder.mkdir(parents=True)
        nbformat.write(notebooks.fill(blank, notebooks.read(TOY)), str(folder / "toy.ipynb"))
    # the batch's own work (registering, the gradebook's backup) once, then submission after
    # submission as a worker grades them, kernel start-ups interleaved with them
    autograde.autograde(root, [CLASS_STEP], students=["t0"], jobs=1, log=lambda *_: None)
    cwd = tempfile.mkdtemp(dir=root)
    outcomes, starts = [], []
    for i in range(1, n):
        outcomes.append(grade.grade_submission(root, CLASS_STEP, f"t{i}"))
        starts.append(asyncio.run(_kernel_start_stop(sandbox, cwd)))
    assert all(o.graded for o in outcomes), [o.problem for o in outcomes]
    k = statistics.median(starts)
    p = statistics.median(o.seconds for o in outcomes)
    ng = statistics.median(o.nbgrader_seconds for o in outcomes)
    log("")
    log(f"3. Per submission (toy notebook, cells take milliseconds; medians of {n - 1}): {p:.2f} s through the kit's "
        f"grading stage; a grading kernel's start and stop alone {k:.2f} s; overhead above the kernel {p - k:.2f} s, "
        f"of which inside nbgrader's autograde {ng - k:.2f} s (its conversion passes and gradebook writes, the kit's "
        f"tamper probes) and the kit's check/flag/record stages {p - ng:.3f} s")


async def _kernel_start_stop(sandbox, cwd):
    """Seconds to start a grading kernel (nbgrader's kernel manager here: the sandbox's), wait
    until it answers, and shut it down."""
    km = sandbox.SandboxKernelManager(kernel_name="python3", sandbox=course_config.sandbox_on())
    t0 = time.perf_counter()
    await km.start_kernel(cwd=cwd)
    kc = km.client()
    kc.start_channels()
    await kc.wait_for_ready(timeout=120)
    kc.stop_channels()
    await km.shutdown_kernel(now=True)  # as the grading kernel is stopped (course_config: "immediate")
    return time.perf_counter() - t0


def sizing(rows, scale, log):
    per_student = sum(dt for _, _, dt, _, ok in rows)
    measured = scale["speedup"] / scale["jobs"]
    eff = min(measured, 1.0)
    log("")
    log(f"4. Sizing: one student's submissions of all {len(rows)} assignments take {per_student:.0f} s of one core; "
        f"throughput per worker measured above {measured:.2f} of serial nbgrader's, taken as {eff:.2f} (never more "
        f"than one core's worth of serial nbgrader per worker)")
    log(f"{'cores':>6s} {'1,000 students x ' + str(len(rows)) + ' assignments':>34s} {'one assignment (mean)':>22s}")
    for cores in (2, 16, 64):
        total = 1000 * per_student / (cores * eff)
        log(f"{cores:6d} {total / 3600:30.1f} h {total / len(rows) / 60:19.1f} min")
