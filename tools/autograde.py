"""Autograde submissions through nbgrader's API, one process for the whole batch.

Before nbgrader sees a submission, each one is checked: every notebook of the release must be
there under its own name and must be a readable notebook. A submission that fails a check is
reported in one line and skipped; the rest of the batch goes on."""
import hashlib
import multiprocessing
import time
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass
from pathlib import Path

import nbformat

import course_config
from tools import course, late, manual, notebooks


@dataclass
class Problem:
    student: str
    assignment: str
    message: str

    def __str__(self):
        return f"{self.student}/{self.assignment}: {self.message}"


def expected_notebooks(root, assignment_id):
    return sorted(p.name for p in (Path(root) / course_config.RELEASE_DIR / assignment_id).glob("*.ipynb"))


def submissions(root, assignment_id):
    """Student ids with a folder submitted/<student>/<assignment>/."""
    sub = Path(root) / course_config.SUBMITTED_DIR
    return sorted(p.parent.name for p in sub.glob(f"*/{assignment_id}") if p.is_dir())


def check_submission(root, student, assignment_id):
    """None if the submission can be graded, else a one-line Problem naming the file and the fix."""
    folder = Path(root) / course_config.SUBMITTED_DIR / student / assignment_id
    found = sorted(p.name for p in folder.glob("*.ipynb"))
    for name in expected_notebooks(root, assignment_id):
        path = folder / name
        if not path.exists():
            others = [f for f in found if f not in expected_notebooks(root, assignment_id)]
            hint = f"found {', '.join(others)}; rename it to {name}" if others else "no notebook submitted"
            return Problem(student, assignment_id, f"{path.relative_to(root)} is missing ({hint}), then autograde again")
        try:
            nbformat.validate(nbformat.read(str(path), as_version=4))
        except Exception as e:  # not JSON, not a notebook, not valid nbformat: all unreadable
            return Problem(student, assignment_id, f"{path.relative_to(root)} is not a readable notebook "
                           f"({type(e).__name__}); ask the student to re-save it in JupyterLab and resubmit")
    return None


def deleted_tests(root, student, assignment_id):
    """(notebook name, grade id) of the release's test cells that the student's notebooks no
    longer hold: nbgrader cannot run them and leaves them waiting for a manual grade, which the
    formgrader cannot take either (it shows no cell to grade)."""
    folder = Path(root) / course_config.SUBMITTED_DIR / student / assignment_id
    missing = []
    for name in expected_notebooks(root, assignment_id):
        release_nb = notebooks.read(Path(root) / course_config.RELEASE_DIR / assignment_id / name)
        have = {notebooks.grade_id(c) for c in notebooks.read(folder / name).cells}
        missing += [(name, notebooks.grade_id(c)) for c in release_nb.cells
                    if notebooks.is_test(c) and notebooks.grade_id(c) not in have]
    return missing


def score_deleted_tests(root, student, assignment_id, missing):
    """A deleted test cell earns what an unanswered one does: 0, as the autograder's score (a
    resubmission that has the cell again is graded normally)."""
    if not missing:
        return
    with course.gradebook(root) as gb:
        for name, grade_id in missing:
            grade = gb.find_grade(grade_id, Path(name).stem, assignment_id, student)
            grade.auto_score, grade.needs_manual_grade = 0.0, False
        gb.db.commit()


def timed_out_cells(root, student, assignment_id):
    """Graded cells that nbgrader stopped at the per-cell time limit (it interrupts the kernel)."""
    folder = Path(root) / course_config.AUTOGRADED_DIR / student / assignment_id
    return [f"{path.name}: {notebooks.grade_id(c) or 'a cell'}" for path in sorted(folder.glob("*.ipynb"))
            for c in notebooks.read(path).cells if c.cell_type == "code"
            and any(o.get("ename") in notebooks.TIMEOUT_ERRORS for o in c.get("outputs", []))]


def fingerprint(root, assignment_id):
    """A hash of the instructor's files for one assignment (source and release): a student's code
    runs with the grader's rights and could change them, and with them everyone's grades."""
    h = hashlib.sha256()
    for top in (course_config.SOURCE_DIR, course_config.RELEASE_DIR):
        for path in sorted((Path(root) / top / assignment_id).rglob("*")):
            h.update(str(path.relative_to(root)).encode())
            if path.is_file():
                h.update(path.read_bytes())
    return h.hexdigest()


def autograde(root, assignment_ids, students=None, jobs=1, log=print):
    """Autograde every (or the given) student's submission of each assignment.

    jobs > 1 grades different assignments in that many processes at once (one kernel each;
    grading kernels use one BLAS thread). Returns (graded, problems): graded lists the
    (student, assignment) pairs nbgrader graded."""
    with course.gradebook(root) as gb:
        course.sync_assignments(gb, assignment_ids)
    if jobs <= 1 or len(assignment_ids) <= 1:
        return _autograde_batch(root, assignment_ids, students, log)
    graded, problems = [], []
    with ProcessPoolExecutor(max_workers=jobs, mp_context=multiprocessing.get_context("spawn")) as pool:
        for g, p in pool.map(_autograde_one, [(str(root), a, students) for a in assignment_ids]):
            graded += g
            problems += p
    return graded, problems


def _autograde_one(args):
    root, a, students = args
    return _autograde_batch(root, [a], students, log=lambda line: print(line, flush=True))


def _autograde_batch(root, assignment_ids, students, log):
    nb_api = course.api(root)
    extensions = late.read_extensions(root)
    todo = [(s, a) for a in assignment_ids for s in submissions(root, a) if students is None or s in students]
    graded, problems = [], []
    t_start = time.perf_counter()
    for k, (student, a) in enumerate(todo, 1):
        t0 = time.perf_counter()
        problem = check_submission(root, student, a)
        if problem is None:
            late.apply_extension(root, a, student, extensions)  # before nbgrader computes lateness
            held = manual.snapshot(root, a, student)             # manual grades survive re-grading
            before = fingerprint(root, a)
            result = nb_api.autograde(a, student, force=True, create=True)
            if fingerprint(root, a) != before:
                raise RuntimeError(
                    f"{student}/{a}: grading this submission changed {course_config.SOURCE_DIR}/{a}/ or "
                    f"{course_config.RELEASE_DIR}/{a}/; stopped so no one else is graded against changed files. "
                    f"Restore them (git checkout -- {course_config.SOURCE_DIR} {course_config.RELEASE_DIR}), "
                    f"look at this submission, and grade as a user who cannot write the course folder")
            if result["success"]:
                graded.append((student, a))
                for note in manual.settle(root, a, student, held):
                    log(f"  ! {note}")
                missing = deleted_tests(root, student, a)
                score_deleted_tests(root, student, a, missing)
                for name, grade_id in missing:
                    log(f"  ! {student}/{a}: {name}: test cell {grade_id} was deleted by the student: scored 0")
                for cell in timed_out_cells(root, student, a):
                    log(f"  ! {student}/{a}: {cell} ran past the {course_config.CELL_TIMEOUT_S} s limit and was "
                        f"stopped (scored as failed)")
            else:
                message = _last_error_line(result)
                if "Kernel died" in message:
                    message += " (a cell ended Python: os._exit, a crash, out of memory; Restart & Run All finds it)"
                problem = Problem(student, a, "nbgrader could not grade it: " + message)
        if problem:
            problems.append(problem)
        status = "ok" if problem is None else "NOT GRADED"
        log(f"  autograde [{k}/{len(todo)}] {a} {student}: {status} ({time.perf_counter() - t0:.1f} s, "
            f"{time.perf_counter() - t_start:.0f} s elapsed)")
        if problem:
            log(f"  ! {problem}")
    return graded, problems


def _last_error_line(result):
    """The most specific line of nbgrader's log for a failed run (its last line only says 'see above')."""
    text = (result.get("log") or "") + "\n" + (result.get("error") or "")
    lines = [l.replace("[ERROR] ", "").strip() for l in text.splitlines() if "[ERROR]" in l or "Error:" in l]
    lines = [l for l in lines if l and "see the" not in l and "above traceback" not in l]
    return (lines[0] if lines else "see the nbgrader log")[:200]
