"""Stage 3 of autograde (check -> grade -> flag -> record): what the graded notebooks show
that a score alone does not, each said in one line: a test cell the student deleted (nbgrader
cannot run it and would leave it waiting for a manual grade the formgrader cannot take), a cell
stopped at the time limit, a kernel that died, instructor files changed while grading."""
from pathlib import Path

import course_config
from tools import check, notebooks


def deleted_tests(root, student, assignment_id):
    """(notebook name, grade id) of the release's test cells that the student's notebooks no
    longer hold."""
    folder = Path(root) / course_config.SUBMITTED_DIR / student / assignment_id
    missing = []
    for name in check.expected_notebooks(root, assignment_id):
        release_nb = notebooks.read(Path(root) / course_config.RELEASE_DIR / assignment_id / name)
        have = {notebooks.grade_id(c) for c in notebooks.read(folder / name).cells}
        missing += [(name, notebooks.grade_id(c)) for c in release_nb.cells
                    if notebooks.is_test(c) and notebooks.grade_id(c) not in have]
    return missing


def timed_out_cells(root, student, assignment_id):
    """Graded cells that nbgrader stopped at the per-cell time limit (it interrupts the kernel)."""
    folder = Path(root) / course_config.AUTOGRADED_DIR / student / assignment_id
    return [f"{path.name}: {notebooks.grade_id(c) or 'a cell'}" for path in sorted(folder.glob("*.ipynb"))
            for c in notebooks.read(path).cells if c.cell_type == "code"
            and any(o.get("ename") in notebooks.TIMEOUT_ERRORS for o in c.get("outputs", []))]


def changed_instructor_files(student, assignment_id):
    return (f"{student}/{assignment_id}: grading this submission changed {course_config.SOURCE_DIR}/{assignment_id}/ "
            f"or {course_config.RELEASE_DIR}/{assignment_id}/; stopped so no one else is graded against changed "
            f"files. Restore them (git checkout -- {course_config.SOURCE_DIR} {course_config.RELEASE_DIR}), look at "
            f"this submission, and grade it in the sandbox")


def failure_message(result):
    """The most specific line of nbgrader's log for a failed run (its last line only says 'see above')."""
    text = (result.get("log") or "") + "\n" + (result.get("error") or "")
    lines = [l.replace("[ERROR] ", "").strip() for l in text.splitlines() if "[ERROR]" in l or "Error:" in l]
    lines = [l for l in lines if l and "see the" not in l and "above traceback" not in l]
    message = (lines[0] if lines else "see the nbgrader log")[:200]
    if "Kernel died" in message:
        message += " (a cell ended Python: os._exit, a crash, out of memory; Restart & Run All finds it)"
    return "nbgrader could not grade it: " + message


def after_grading(root, student, assignment_id, missing):
    """One-line notes on a graded submission."""
    notes = [f"{student}/{assignment_id}: {name}: test cell {grade_id} was deleted by the student: scored 0"
             for name, grade_id in missing]
    notes += [f"{student}/{assignment_id}: {cell} ran past the {course_config.CELL_TIMEOUT_S} s limit and was "
              f"stopped (scored as failed)" for cell in timed_out_cells(root, student, assignment_id)]
    return notes


def held_for_review(root, student, assignment_id):
    """The submission held for review by the tamper checks (tools/tamper.py), in one line."""
    from tools import tamper

    reason = tamper.held(root).get((student, assignment_id))
    return [f"{student}/{assignment_id}: held for review (its autograded points are not counted until "
            f"`python -m tools release-hold {student} {assignment_id}`): {reason}"] if reason else []


def partial_note(root, student, assignment_id):
    """Where the notebook is as far as it ran, when its kernel died (tools/tamper.py keeps it)."""
    folder = Path(root) / course_config.PARTIAL_DIR / student / assignment_id
    return f"; the notebook as far as it ran is in {folder.relative_to(Path(root))}/" if folder.is_dir() else ""
