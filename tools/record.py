"""Stage 4 of autograde (check -> grade -> flag -> record): what goes into the gradebook
besides nbgrader's own scores, all through nbgrader's Gradebook API.

- before grading: each submission's extension (nbgrader adds it to the due date when it
  computes lateness) and a snapshot of its manual grades;
- after grading: manual grades settled (tools/manual.py), deleted test cells scored 0, and
  what was graded (the submission's hash) remembered, so an unchanged submission is not
  graded again and an interrupted batch resumes where it stopped."""
import json
import time
from pathlib import Path

from tools import check, late, manual


def extensions(gb, root, todo):
    """Record every submission's extension (or none) before it is graded: one session."""
    ext = late.read_extensions(root)
    for student, a in todo:
        late.apply_extension(root, a, student, ext, gb=gb)
    gb.db.commit()


def snapshot(gb, root, assignment_id, student):
    held = manual.snapshot(root, assignment_id, student, gb=gb)
    gb.db.commit()  # end the read: nbgrader's own session writes next
    return held


def deleted_tests_scored_zero(gb, assignment_id, student, missing):
    """A deleted test cell earns what an unanswered one does: 0, as the autograder's score (a
    resubmission that has the cell again is graded normally)."""
    for name, grade_id in missing:
        grade = gb.find_grade(grade_id, Path(name).stem, assignment_id, student)
        grade.auto_score, grade.needs_manual_grade = 0.0, False
    gb.db.commit()


def graded(root, student, assignment_id, submission_hash, sandboxed, flags=()):
    """Remember what was graded (outside the folder the student's code ran in)."""
    path = check.state_path(root, student, assignment_id)
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps({"hash": submission_hash, "graded_at": time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime()),
                                "sandbox": sandboxed, "flags": list(flags)}))
