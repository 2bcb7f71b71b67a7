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
import json
import multiprocessing
import os
import threading
import time
from concurrent.futures import ProcessPoolExecutor, as_completed
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from types import SimpleNamespace

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


_API, _GRADEBOOK, _ENGINES, _VALIDATORS = {}, {}, {}, {}
_ONE_AT_A_TIME = threading.Lock()


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


@contextmanager
def _nbgrader_per_worker():
    """While a submission is graded, what nbgrader remakes for every submission is made once per
    worker process (a forked worker makes its own, never using its parent's connections):

    * its Gradebook makes a new SQLAlchemy engine each time it is opened, nine times per
      submission (its own steps and its preprocessors, one each), and each new engine connects,
      reads the tables and compiles every query afresh: ~0.1 s of a submission. Here its
      Gradebooks share one engine per database.
    * its CheckCellMetadata validates each graded cell's metadata with `jsonschema.validate`,
      which first checks the schema itself, every cell, twice per submission: ~50 ms for step 1.
      Here the schema is checked once (the same validation, the same errors)."""
    import jsonschema
    import nbgrader.api
    import nbgrader.nbgraderformat.common as metadata

    make = nbgrader.api.create_engine

    def create_engine(url, **kw):
        key = (os.getpid(), str(url), tuple(sorted(kw.items())))
        if key not in _ENGINES:
            _ENGINES[key] = make(url, **kw)
        return _ENGINES[key]

    def validate(instance, schema):
        key = json.dumps(schema, sort_keys=True)
        if key not in _VALIDATORS:
            cls = jsonschema.validators.validator_for(schema)
            cls.check_schema(schema)
            _VALIDATORS[key] = cls(schema)
        error = jsonschema.exceptions.best_match(_VALIDATORS[key].iter_errors(instance))
        if error is not None:
            raise error

    nbgrader.api.create_engine = create_engine
    metadata.jsonschema = SimpleNamespace(validate=validate)
    try:
        yield
    finally:
        nbgrader.api.create_engine = make
        metadata.jsonschema = jsonschema


def _forget(root):
    """After a batch graded in the calling process (which lives on, and may wipe or replace the
    course folder): close its gradebook session and its engines."""
    gb = _GRADEBOOK.pop(root, None)
    if gb is not None:
        gb.close()
    for key in [k for k in _ENGINES if k[0] == os.getpid()]:
        _ENGINES.pop(key).dispose()


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
    records. Returns an Outcome; never raises for a problem of the submission itself.
    Submissions are graded one at a time per process (a Dask worker started with several
    threads would otherwise share one gradebook session between them)."""
    with _ONE_AT_A_TIME, _nbgrader_per_worker():
        return _grade(str(Path(root).resolve()), assignment_id, student)


def _grade(root, assignment_id, student):
    t0 = time.perf_counter()
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
        try:
            return _collect((grade_submission(root, a, s) for s, a in todo), on_outcome)
        finally:
            _forget(root)
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
