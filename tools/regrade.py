"""Regrade one step for everyone, after correcting a test (a hidden test, its points) in source/.

nbgrader's autograde does not read tests from source/: it overwrites each submission's test
cells with the versions recorded in the gradebook when the assignment was generated. So a
regrade (1) records the corrected source in the gradebook with nbgrader's generate_assignment
(course.record_source: into a temporary folder, release/ changes only through `make release`;
nbgrader refuses to add or remove cells once there are submissions, and so does this), (2) autogrades
every submission of the step again, (3) writes their feedback and the reports.

Manual grades and every other step are untouched, and this is checked: the regrade compares
the whole gradebook before and after and stops with an error if anything outside the step's
autograder scores changed."""
from dataclasses import dataclass, field
from pathlib import Path

import course_config
from tools import autograde, course, feedback, gradebook


def assignments_of(target, root):
    """The assignment ids a step name or assignment id stands for in the course at root."""
    available = course.available_assignments(root)
    ids = [a for a in course_config.assignments_of(target) if a in available]
    if ids:
        return ids
    raise ValueError(f"{target!r} is not a step or assignment of this course; use one of "
                     f"{', '.join(sorted({s.name for s in course_config.STEPS} | set(available)))}")


def state(root):
    """Everything a regrade must not change, and the scores it may: {key: value} over every
    grade of every submission, plus each submission's time, extension and penalty."""
    out = {}
    with course.gradebook(root) as gb:
        for a in gb.assignments:
            for sub in a.submissions:
                out[(a.name, sub.student.id, "submission")] = (sub.timestamp, sub.extension)
                for nb in sub.notebooks:
                    out[(a.name, sub.student.id, nb.name, "penalty")] = nb.late_submission_penalty
                    for g in nb.grades:
                        out[(a.name, sub.student.id, nb.name, g.name, "manual")] = (g.manual_score, g.extra_credit)
                        out[(a.name, sub.student.id, nb.name, g.name, "auto")] = g.auto_score
    return out


@dataclass
class Regrade:
    assignments: list
    graded: list = field(default_factory=list)
    problems: list = field(default_factory=list)
    changes: list = field(default_factory=list)      # "student/assignment: 3.00 -> 5.00"
    reports: list = field(default_factory=list)


def regrade(root, target, jobs=1, students=None, scheduler=None, log=print):
    root = Path(root).resolve()
    ids = assignments_of(target, root)
    with course.gradebook(root) as gb:
        course.sync_assignments(gb, ids)
    before = state(root)
    totals_before = _totals(root, ids)
    course.record_source(root, ids)
    for a in ids:
        log(f"  regrade   {a}: corrected source recorded in the gradebook")
    r = Regrade(ids)
    r.graded, r.problems = autograde.autograde(root, ids, students=students, jobs=jobs, force=True,
                                               scheduler=scheduler, log=log)
    after = state(root)
    # A submission graded for the first time (a late one, a replaced one) brings new keys: they
    # may hold autograder scores, never a manual grade.
    touched = [k for k in set(before) | set(after) if before.get(k) != after.get(k)
               and not (k[0] in ids and k[-1] in ("auto", "penalty", "submission"))
               and not (k not in before and k[-1] == "manual" and after[k] == (None, None))]
    if touched:
        raise RuntimeError("the regrade changed grades it must not touch: " +
                           "; ".join(str(k) for k in sorted(touched, key=str)[:5]))
    totals_after = _totals(root, ids)
    r.changes = [f"{s}/{a}: {gradebook.fmt(totals_before.get((a, s)))} -> {gradebook.fmt(v)}"
                 for (a, s), v in sorted(totals_after.items()) if totals_before.get((a, s)) != v]
    feedback.generate(root, r.graded, log)
    r.reports = gradebook.write(root)
    return r


def _totals(root, ids):
    with course.gradebook(root) as gb:
        return {(a, sub.student.id): sub.score for a in ids for sub in gb.find_assignment(a).submissions}
