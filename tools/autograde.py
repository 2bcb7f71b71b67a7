"""Autograde: every submission of the given assignments, through four stages, one module each:

    check  (tools/check.py)   what is there to grade: readable notebooks under the release's names;
                              unchanged submissions already graded are skipped (resume after Ctrl-C)
    grade  (tools/grade.py)   nbgrader's autograde, in a pool of worker processes or on a Dask cluster;
                              each kernel in the sandbox (tools/sandbox.py), checked for tampering
                              (tools/tamper.py); the gradebook backed up first (tools/backup.py)
    flag   (tools/flag.py)    deleted test cells, cells stopped at the time limit, kernels that died,
                              submissions held for review
    record (tools/record.py)  extensions, manual grades kept, what was graded remembered

Before the stages, the assignments are registered in the course's gradebook from source/
(tools/course.py: `register`), so a fresh course root needs no nbgrader command first.
A submission that cannot be graded is reported in one line naming the file and the fix; the
batch goes on."""
import sys
import time
from pathlib import Path

import course_config
from tools import backup, check, course, grade, record, sandbox
from tools.check import Problem


class Progress:
    """`autograde [#####.....] 12/40  ok 11, not graded 1; 1.80/s, 0:16 left`: redrawn in place
    on a terminal; elsewhere (a log, a test) one line per submission with the same figures."""

    def __init__(self, total, log, live=None):
        self.total, self.done, self.ok, self.t0, self.log = total, 0, 0, time.perf_counter(), log
        self.live = sys.stderr.isatty() if live is None else live

    def figures(self):
        elapsed = time.perf_counter() - self.t0
        rate = self.done / elapsed if elapsed > 0 else 0.0
        left = (self.total - self.done) / rate if rate > 0 else None
        eta = "--:--" if left is None else f"{int(left) // 60}:{int(left) % 60:02d}"
        return f"ok {self.ok}, not graded {self.done - self.ok}; {rate:.2f}/s, {eta} left"

    def line(self):
        bar = "#" * round(20 * self.done / max(self.total, 1))
        return f"autograde [{bar:<20}] {self.done}/{self.total}  {self.figures()}"

    def update(self, o):
        self.done += 1
        self.ok += bool(o.graded)
        status = "ok" if o.graded else "NOT GRADED"
        if self.live:
            sys.stderr.write("\r" + self.line())
            sys.stderr.flush()
        else:
            self.log(f"  autograde [{self.done}/{self.total}] {o.assignment} {o.student}: {status} "
                     f"({o.seconds:.1f} s; {self.figures()})")

    def interrupt(self, text):
        if self.live:
            sys.stderr.write("\n")
        self.log(text)

    def close(self):
        if self.live and self.total:
            sys.stderr.write("\r" + self.line() + "\n")


def autograde(root, assignment_ids, students=None, jobs=1, force=False, scheduler=None, log=print):
    """Autograde every (or the given) student's submission of each assignment.

    jobs: grading worker processes (one per core: course_config.GRADING_JOBS); scheduler: a
    Dask scheduler address instead of the local pool. force: grade again submissions already
    graded and unchanged. Returns (graded, problems): the (student, assignment) pairs graded
    now, and one Problem per submission that could not be graded."""
    root = Path(root).resolve()
    if course_config.sandbox_on() and not sandbox.available()[0]:
        raise RuntimeError(f"refusing to grade untrusted code: {sandbox.available()[1]}")
    todo, problems, current = check.plan(root, assignment_ids, students, force)
    # the workers start (nbgrader's imports) while this process registers and backs up
    pool = grade.warm_pool(root, jobs, len(todo)) if todo and not scheduler else None
    try:
        course.register(root, assignment_ids, log)
        for p in problems:
            log(f"  ! {p}")
        if current:
            log(f"  {len(current)} submission(s) already graded and unchanged: not graded again (--force grades them)")
        if not todo:
            return [], problems
        backup.backup(root)  # restore with `python -m tools restore-gradebook`
        with course.gradebook(root) as gb:
            record.extensions(gb, root, todo)
    except BaseException:
        if pool:
            pool.shutdown(wait=False, cancel_futures=True)
        raise
    progress = Progress(len(todo), log)
    graded = []

    def on_outcome(o):
        progress.update(o)
        for note in o.notes:
            log(f"  ! {note}")
        if o.graded:
            graded.append((o.student, o.assignment))
        elif o.problem:
            problem = Problem(o.student, o.assignment, o.problem)
            problems.append(problem)
            log(f"  ! {problem}")

    try:
        outcomes = grade.run(root, todo, jobs=jobs, scheduler=scheduler, on_outcome=on_outcome, pool=pool)
    except KeyboardInterrupt:
        progress.interrupt(f"interrupted: {len(graded)} of {len(todo)} graded and recorded; run autograde again "
                           f"to grade the rest")
        raise
    progress.close()
    fatal = next((o.fatal for o in outcomes if o.fatal), None)
    if fatal:
        raise RuntimeError(fatal)
    return graded, problems
