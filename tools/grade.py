"""Stage 2 of autograde (check -> grade -> flag -> record): nbgrader's autograde of each
submission, in worker processes.

`grade_submission` grades one submission in the calling process, with that process's one
NbGraderAPI and one Gradebook session (nbgrader's start-up is paid once per worker, not per
submission), and runs the flag and record stages for it. `run` spreads submissions over
- this process (jobs=1),
- a local pool of worker processes (jobs>1, one per core by default), or
- a Dask distributed cluster (`scheduler="tcp://HOST:PORT"`): every worker needs the course
  folder (release/, submitted/, autograded/) and the gradebook (course_config.DB_URL, e.g.
  PostgreSQL) under the same paths.
Workers take the next submission as they finish one, so a slow notebook does not hold up a
share of the class. Every worker's kernels use one BLAS thread (course_config.KERNEL_ENV)."""
import multiprocessing
import threading
import time
from concurrent.futures import ProcessPoolExecutor, as_completed
from dataclasses import dataclass, field
from pathlib import Path

import course_config
from tools import check, course, flag, manual, record


@dataclass
class Outcome:
    student: str
    assignment: str
    graded: bool
    problem: str = ""            # could not be graded: why, and the fix (one line)
    notes: list = field(default_factory=list)
    seconds: float = 0.0
    nbgrader_seconds: float = 0.0  # of which inside nbgrader's autograde (its kernel included)
    fatal: str = ""              # stop the batch: nobody else may be graded (instructor files changed)


_API, _GRADEBOOK = {}, {}


def _api(root):
    """This process's NbGraderAPI for the course at root (nbgrader's start-up, paid once)."""
    if root not in _API:
        course_config.pin_blas_threads()
        _API[root] = course.api(root)
    return _API[root]


def _worker(root):
    """This process's NbGraderAPI and its one Gradebook session for the course at root."""
    if root not in _GRADEBOOK:
        _GRADEBOOK[root] = course.gradebook(root)
    return _api(root), _GRADEBOOK[root]


def warm_pool(root, jobs, n):
    """A local pool of min(jobs, n) worker processes, started now, ready to grade while the
    caller registers the assignments and backs up the gradebook. None when one process grades
    (jobs or n at most 1).

    Where this process runs no other thread (the command line), the workers are forked from it
    after it has imported nbgrader and the grading kernel's machinery and built the API: they
    start in milliseconds instead of paying nbgrader's start-up (~2.5 s of CPU, mostly imports)
    each on cores that should be grading. They hold no gradebook connection of this process
    (each opens its own session). With other threads running (a test, a notebook) fork could
    copy a held lock, so the workers are spawned and import nbgrader themselves."""
    size = min(jobs, n)
    if size <= 1:
        return None
    root = str(Path(root).resolve())
    if "fork" in multiprocessing.get_all_start_methods() and threading.active_count() == 1:
        from tools import sandbox, tamper  # noqa: F401  (nbgrader builds them in each worker)
        _api(root)
        context = multiprocessing.get_context("fork")
    else:
        context = multiprocessing.get_context("spawn")
    pool = ProcessPoolExecutor(max_workers=size, mp_context=context)
    for _ in range(size):  # forks (or spawns) the workers now, before this process opens the gradebook
        pool.submit(_api, root)
    return pool


def grade_submission(root, assignment_id, student):
    """Grade one submission here (check has passed it): nbgrader's autograde, then flags and
    records. Returns an Outcome; never raises for a problem of the submission itself."""
    t0 = time.perf_counter()
    root = str(Path(root).resolve())
    nb_api, gb = _worker(root)
    a = assignment_id
    try:
        digest = check.submission_hash(root, student, a)
        held = record.snapshot(gb, root, a, student)
        before = check.fingerprint(root, a)
        t1 = time.perf_counter()
        result = nb_api.autograde(a, student, force=True, create=True)
        t_nbgrader = time.perf_counter() - t1
        if check.fingerprint(root, a) != before:
            return Outcome(student, a, False, fatal=flag.changed_instructor_files(student, a))
        if not result["success"]:
            problem = flag.failure_message(result) + flag.partial_note(root, student, a)
            return Outcome(student, a, False, problem=problem, notes=flag.held_for_review(root, student, a),
                           seconds=time.perf_counter() - t0)
        notes = manual.settle(root, a, student, held, gb=gb)
        missing = flag.deleted_tests(root, student, a)
        record.deleted_tests_scored_zero(gb, a, student, missing)
        notes += flag.after_grading(root, student, a, missing)
        on_hold = flag.held_for_review(root, student, a)
        notes += on_hold
        record.graded(root, student, a, digest, sandboxed=course_config.sandbox_on(), flags=on_hold)
        return Outcome(student, a, True, notes=notes, seconds=time.perf_counter() - t0, nbgrader_seconds=t_nbgrader)
    except Exception as e:  # the gradebook or a file of this submission: said, the batch goes on
        gb.db.rollback()
        return Outcome(student, a, False, problem=f"grading stopped with {type(e).__name__}: {e}"[:300],
                       seconds=time.perf_counter() - t0)


def run(root, todo, jobs=1, scheduler=None, on_outcome=None, pool=None):
    """Grade every (student, assignment) of todo; call on_outcome(outcome) as each finishes
    (in completion order) and return the outcomes. A fatal outcome stops the batch: the
    submissions not started are cancelled."""
    root = str(Path(root).resolve())
    on_outcome = on_outcome or (lambda o: None)
    if scheduler:
        return _run_dask(root, todo, scheduler, on_outcome)
    if pool is None and (jobs <= 1 or len(todo) <= 1):
        return _collect((grade_submission(root, a, s) for s, a in todo), on_outcome)
    pool = pool or warm_pool(root, jobs, len(todo))
    try:
        futures = [pool.submit(grade_submission, root, a, s) for s, a in todo]
        return _collect((f.result() for f in as_completed(futures)), on_outcome)
    finally:
        pool.shutdown(wait=True, cancel_futures=True)


def _run_dask(root, todo, scheduler, on_outcome):
    from distributed import Client, as_completed as dask_completed

    with Client(scheduler, timeout="30s") as client:
        futures = [client.submit(grade_submission, root, a, s, pure=False, key=f"grade-{a}-{s}-{time.time_ns()}")
                   for s, a in todo]
        try:
            return _collect((f.result() for f in dask_completed(futures)), on_outcome)
        finally:
            client.cancel([f for f in futures if not f.done()])


def _collect(results, on_outcome):
    """Outcomes in the order they finish, each reported as it comes; a fatal one stops the batch."""
    outcomes = []
    for o in results:
        outcomes.append(o)
        on_outcome(o)
        if o.fatal:
            break
    return outcomes
