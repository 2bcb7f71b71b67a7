"""Manual grades across re-autograding.

nbgrader never erases a manual grade: re-autograding keeps every `manual_score` (and it
takes precedence over the autograder's score). But it marks every manually graded cell as
needing grading again, so after a regrade the formgrader would ask to re-grade every written
answer. `snapshot` (before autograde) and `settle` (after) put back the "graded" state of a
cell whose manual grade still holds: the student's answer is the one that was graded and the
autograder's score for it did not change. A cell whose answer or autograder score changed
stays flagged for review, and is reported."""
from contextlib import nullcontext
from dataclasses import dataclass
from pathlib import Path

from nbgrader.api import MissingEntry

import course_config
from tools import course, notebooks


@dataclass(frozen=True)
class Held:
    notebook: str
    grade_id: str
    manual_score: float
    extra_credit: object
    auto_score: object
    reviewed: bool      # graded in the formgrader and not waiting for review
    answer: str         # the graded answer cell's source ("" if unknown)


def _answers(root, assignment_id, student, notebook):
    """{grade_id: source} of the solution cells of the autograded notebook (what was graded)."""
    path = Path(root) / course_config.AUTOGRADED_DIR / student / assignment_id / f"{notebook}.ipynb"
    if not path.exists():
        return {}
    try:
        nb = notebooks.read(path)
    except Exception:
        return {}
    return {notebooks.grade_id(c): c.source for c in nb.cells if notebooks.nbgrader_meta(c).get("solution")}


def snapshot(root, assignment_id, student, gb=None):
    """The manual grades of one submission, before it is autograded again."""
    held = []
    with (nullcontext(gb) if gb is not None else course.gradebook(root)) as gb:
        try:
            sub = gb.find_submission(assignment_id, student)
        except MissingEntry:
            return held
        for nb in sub.notebooks:
            answers = _answers(root, assignment_id, student, nb.name)
            for g in nb.grades:
                if g.manual_score is not None:
                    held.append(Held(nb.name, g.name, g.manual_score, g.extra_credit, g.auto_score,
                                     not g.needs_manual_grade, answers.get(g.name, "")))
    return held


def settle(root, assignment_id, student, held, gb=None):
    """After autograde: check every manual grade survived, and clear the review flag nbgrader
    set where nothing the grader saw has changed. Returns one-line notes for the cells left
    to review. Raises RuntimeError if a manual grade was lost (it never should be)."""
    notes = []
    with (nullcontext(gb) if gb is not None else course.gradebook(root)) as gb:
        for h in held:
            g = gb.find_grade(h.grade_id, h.notebook, assignment_id, student)
            if g.manual_score != h.manual_score or g.extra_credit != h.extra_credit:
                raise RuntimeError(f"{student}/{assignment_id}: the manual grade of {h.notebook}:{h.grade_id} "
                                   f"changed from {h.manual_score} to {g.manual_score} during autograde")
            answer = _answers(root, assignment_id, student, h.notebook).get(h.grade_id, "")
            if h.reviewed and answer == h.answer and g.auto_score == h.auto_score:
                g.needs_manual_grade = False
            elif h.reviewed:
                why = "the answer changed" if answer != h.answer else \
                    f"the autograder now gives {_num(g.auto_score)} (was {_num(h.auto_score)})"
                notes.append(f"{student}/{assignment_id}: {h.notebook}:{h.grade_id} keeps its manual grade "
                             f"{_num(h.manual_score)}, but {why}: review it in the formgrader")
        gb.db.commit()
    return notes


def _num(x):
    return "none" if x is None else f"{x:g}"


def enter(root, assignment_id, student, notebook, grade_id, score, extra_credit=None):
    """Enter a manual grade exactly as the formgrader's API does (nbgrader's GradeHandler.put):
    used by the demo's simulated grader and the tests."""
    with course.gradebook(root) as gb:
        g = gb.find_grade(grade_id, notebook, assignment_id, student)
        g.manual_score = score
        g.extra_credit = extra_credit
        g.needs_manual_grade = g.manual_score is None and g.auto_score is None
        gb.db.commit()
