"""Stage 1 of autograde (check -> grade -> flag -> record): what is there to grade.

Before nbgrader sees a submission, each one is checked: every notebook of the release must be
there under its own name and be a readable, non-empty notebook. A submission that fails a check
is reported in one line naming the file and the fix, and skipped; the rest of the batch goes on.
A submission already graded whose files have not changed since is not graded again (unless
forced), so an interrupted batch resumes where it stopped."""
import hashlib
import json
from dataclasses import dataclass
from pathlib import Path

import nbformat

import course_config

STATE_DIR = ".kit"   # autograded/.kit/<assignment>/<student>.json: what was graded (outside any kernel's reach)


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
    expected = expected_notebooks(root, assignment_id)
    found = sorted(p.name for p in folder.glob("*.ipynb"))
    for name in expected:
        path = folder / name
        rel = path.relative_to(root)
        if not path.exists():
            others = [f for f in found if f not in expected]
            hint = f"found {', '.join(others)}; rename it to {name}" if others else "no notebook submitted"
            return Problem(student, assignment_id, f"{rel} is missing ({hint}), then autograde again")
        if path.stat().st_size == 0:
            return Problem(student, assignment_id, f"{rel} is empty (0 bytes); ask the student to save the "
                           "notebook in JupyterLab and resubmit")
        try:
            nb = nbformat.read(str(path), as_version=4)
            nbformat.validate(nb)
        except Exception as e:  # not JSON, not a notebook, not valid nbformat: all unreadable
            return Problem(student, assignment_id, f"{rel} is not a readable notebook "
                           f"({type(e).__name__}); ask the student to re-save it in JupyterLab and resubmit")
        if not nb.cells:
            return Problem(student, assignment_id, f"{rel} has no cells; ask the student to submit the "
                           f"release's notebook with their answers")
    return None


def submission_hash(root, student, assignment_id):
    """A hash of everything in submitted/<student>/<assignment>/ (names and bytes; the time
    stamp's text normalized), to tell whether a submission changed since it was graded."""
    folder = Path(root) / course_config.SUBMITTED_DIR / student / assignment_id
    h = hashlib.sha256()
    for path in sorted(p for p in folder.rglob("*") if p.is_file() and ".ipynb_checkpoints" not in p.parts):
        h.update(path.relative_to(folder).as_posix().encode() + b"\0")
        data = path.read_bytes()
        if path.name == "timestamp.txt":
            data = data.strip()
        h.update(hashlib.sha256(data).digest())
    return h.hexdigest()


def state_path(root, student, assignment_id):
    return Path(root) / course_config.AUTOGRADED_DIR / STATE_DIR / assignment_id / f"{student}.json"


def graded_state(root, student, assignment_id):
    """What record.py wrote when this submission was last graded ({} if never)."""
    try:
        return json.loads(state_path(root, student, assignment_id).read_text())
    except (OSError, ValueError):
        return {}


def is_current(root, student, assignment_id):
    """True when the submission was graded and has not changed since."""
    state = graded_state(root, student, assignment_id)
    return bool(state) and state.get("hash") == submission_hash(root, student, assignment_id) and \
        (Path(root) / course_config.AUTOGRADED_DIR / student / assignment_id).is_dir()


def fingerprint(root, assignment_id):
    """A hash of the instructor's files for one assignment (source and release): a student's code
    must never change them (the sandbox prevents it; without one, this catches it)."""
    h = hashlib.sha256()
    for top in (course_config.SOURCE_DIR, course_config.RELEASE_DIR):
        for path in sorted((Path(root) / top / assignment_id).rglob("*")):
            h.update(str(path.relative_to(root)).encode())
            if path.is_file():
                h.update(path.read_bytes())
    return h.hexdigest()


def plan(root, assignment_ids, students=None, force=False):
    """(todo, problems, current): the (student, assignment) pairs to grade, the submissions that
    cannot be graded (one Problem each), and those already graded and unchanged (skipped
    unless force)."""
    todo, problems, current = [], [], []
    for a in assignment_ids:
        for s in submissions(root, a):
            if students is not None and s not in students:
                continue
            # a folder name starting with "." could alias the kit's own state (autograded/.kit/)
            problem = Problem(s, a, f"{course_config.SUBMITTED_DIR}/{s}/ is not a student id (it starts with '.'); "
                                    "rename the folder to the student's id") if s.startswith(".") \
                else check_submission(root, s, a)
            if problem:
                problems.append(problem)
            elif not force and is_current(root, s, a):
                current.append((s, a))
            else:
                todo.append((s, a))
    return todo, problems, current
