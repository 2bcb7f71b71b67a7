"""Late work: a due date per step, per-student extensions, and the late penalty.

The penalty goes through nbgrader's own mechanism: `CoursePenalty` is the late-submission
plugin (`c.AssignLatePenalties.plugin_class`, set in course_config.apply), which nbgrader's
autograde calls for each late notebook with its score and seconds late. Extensions are
nbgrader's too: the submission's `extension` field, which nbgrader adds to the assignment's
due date (course_config.STEPS) when it computes `total_seconds_late`. So nbgrader's feedback,
`nbgrader export` and the kit's reports all read the same penalty from the gradebook.

The penalty is a share of the points earned, and points change after autograde (a manual
grade entered in the formgrader, an extension granted later): `refresh` recomputes every
penalty of a course with the same rule, through the Gradebook API."""
import csv
import math
from datetime import timedelta
from pathlib import Path

from nbgrader.plugins import LateSubmissionPlugin

import course_config

DAY_S = 86400.0


def penalty_percent(seconds_late, grace_minutes=None, per_day=None, cap=None):
    """Percent of the earned points lost for a submission `seconds_late` after its due date:
    LATE_PENALTY_PER_DAY per started day, at most LATE_PENALTY_MAX, nothing within the grace."""
    grace = course_config.LATE_GRACE_MINUTES if grace_minutes is None else grace_minutes
    per_day = course_config.LATE_PENALTY_PER_DAY if per_day is None else per_day
    cap = course_config.LATE_PENALTY_MAX if cap is None else cap
    if not seconds_late or seconds_late <= grace * 60:
        return 0.0
    return float(min(cap, per_day * math.ceil(seconds_late / DAY_S)))


def penalty(score, seconds_late):
    """Points lost: the percent above of `score`, rounded to 1/1000 point (never below 0)."""
    return round(max(0.0, float(score or 0)) * penalty_percent(seconds_late) / 100.0, 3)


class CoursePenalty(LateSubmissionPlugin):
    """nbgrader late-submission plugin applying course_config's late policy."""

    def late_submission_penalty(self, student_id, score, total_seconds_late):
        return penalty(score, total_seconds_late)


# --- Extensions -------------------------------------------------------------------------

def read_extensions(root):
    """{(student, assignment id): timedelta} from the course's extensions CSV ({} if none).

    Raises ValueError naming the file, the row and the fix for a malformed row."""
    path = Path(root) / course_config.EXTENSIONS_FILE
    if not path.exists():
        return {}
    found = {}
    with open(path, newline="") as f:
        reader = csv.DictReader(f)
        missing = {"student", "step", "days"} - set(reader.fieldnames or [])
        if missing:
            raise ValueError(f"{path}: needs the columns student, step, days (missing {', '.join(sorted(missing))}); "
                             "see README 'Gradebooks and reports'")
        for n, row in enumerate(reader, 2):
            student, step = (row["student"] or "").strip(), (row["step"] or "").strip()
            if not student:
                raise ValueError(f"{path}, line {n}: empty student id; fill it in or delete the row")
            if not course_config.assignments_of(step):
                raise ValueError(f"{path}, line {n}: unknown step {step!r}; use a step name or assignment id "
                                 f"from course_config.STEPS (e.g. {course_config.STEPS[0].name})")
            try:
                days = float(row["days"])
            except (TypeError, ValueError):
                days = -1.0
            if not days > 0:
                raise ValueError(f"{path}, line {n}: days must be a positive number (got {row['days']!r}), "
                                 "e.g. 2 or 0.5")
            for a in course_config.assignments_of(step):
                found[(student, a)] = timedelta(days=days)
    return found


def apply_extension(root, assignment_id, student, extensions=None, gb=None):
    """Record the student's extension (or none) on their submission in nbgrader's gradebook,
    before autograde computes how late it is. Creates nothing when there is no extension."""
    from contextlib import nullcontext

    from nbgrader.api import MissingEntry

    from tools import course

    extensions = read_extensions(root) if extensions is None else extensions
    ext = extensions.get((student, assignment_id))
    with (nullcontext(gb) if gb is not None else course.gradebook(root)) as gb:
        try:
            sub = gb.find_submission(assignment_id, student)
        except MissingEntry:
            if ext is None:
                return
            gb.update_or_create_student(student)
            gb.update_or_create_submission(assignment_id, student, extension=ext)
            return
        if sub.extension != ext:
            gb.update_or_create_submission(assignment_id, student, extension=ext)


def refresh(gb, root, assignment_ids):
    """Bring every submission of these assignments in line with the extensions file and the
    late policy: set its extension and recompute each notebook's penalty from its current
    score (nbgrader's AssignLatePenalties does the same at autograde time, clamped to
    0..score). Grades are never touched. Returns the number of values changed."""
    extensions = read_extensions(root)
    changed = 0
    for a in assignment_ids:
        for sub in gb.find_assignment(a).submissions:
            ext = extensions.get((sub.student.id, a))
            if sub.extension != ext:
                sub.extension = ext
                changed += 1
            seconds = sub.total_seconds_late
            for nb in sub.notebooks:
                new = None
                if seconds > 0:
                    new = min(max(penalty(nb.score, seconds), 0.0), nb.score)
                if (nb.late_submission_penalty or None) != (new or None):
                    nb.late_submission_penalty = new
                    changed += 1
    gb.db.commit()
    return changed
