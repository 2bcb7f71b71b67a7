"""Per-step gradebook CSVs and a course summary, read from nbgrader's Gradebook.

gradebooks/<step>.csv: one row per student: a column per graded cell (`notebook:grade_id`),
total, max, percent, late, and flags (missing, late, needs manual grading, could not be graded).
For step 7 the columns of all three tracks appear and the best track counts.
gradebooks/course_summary.csv: student x step percent, and the weighted total."""
import csv
from pathlib import Path

from nbgrader.api import MissingEntry

import course_config
from tools import course
from tools.autograde import submissions


def _columns(gb, assignment_ids):
    cols = []
    for a in assignment_ids:
        for nb in sorted(gb.find_assignment(a).notebooks, key=lambda n: n.name):
            cells = sorted(nb.grade_cells, key=lambda g: (g.cell_type != "code", g.name))
            cols += [(a, nb.name, g.name) for g in cells]
    return cols


def _assignment_result(gb, root, a, student):
    """dict with score, max, late, cells {(nb, grade_id): score or None}, flags."""
    max_score = gb.find_assignment(a).max_score
    try:
        sub = gb.find_submission(a, student)
    except MissingEntry:
        submitted = student in submissions(root, a)
        return {"score": None, "max": max_score, "late": False, "cells": {},
                "flags": ["could not be graded"] if submitted else ["missing"]}
    cells, manual = {}, False
    for nb in sub.notebooks:
        for g in nb.grades:
            cells[(nb.name, g.name)] = g.score if not g.needs_manual_grade else None
            manual |= bool(g.needs_manual_grade)
    late = bool(sub.total_seconds_late and sub.total_seconds_late > 0)
    flags = (["late"] if late else []) + (["needs manual grading"] if manual else [])
    return {"score": sub.score, "max": max_score, "late": late, "cells": cells, "flags": flags}


def step_table(gb, root, step, students):
    """Header and rows of one step's gradebook."""
    assignment_ids = [a for a in step.assignments if a in course.available_assignments(root)]
    cols = _columns(gb, assignment_ids)
    header = ["student"] + (["track"] if len(assignment_ids) > 1 else []) + \
        [f"{nb}:{gid}" for _, nb, gid in cols] + ["total", "max", "percent", "late", "flags"]
    rows = []
    for student in students:
        results = {a: _assignment_result(gb, root, a, student) for a in assignment_ids}
        graded = [a for a in assignment_ids if results[a]["score"] is not None]
        best = max(graded, key=lambda a: results[a]["score"] / results[a]["max"]) if graded else assignment_ids[0]
        r = results[best]
        row = [student] + ([best if graded else ""] if len(assignment_ids) > 1 else [])
        row += [_fmt(results[a]["cells"].get((nb, gid))) for a, nb, gid in cols]
        percent = 100.0 * r["score"] / r["max"] if r["score"] is not None and r["max"] else None
        flags = sorted({f for a in assignment_ids for f in results[a]["flags"]}) if not graded else r["flags"]
        row += [_fmt(r["score"]), _fmt(r["max"]), _fmt(percent), "yes" if r["late"] else "no", "; ".join(flags)]
        rows.append(row)
    return header, rows


def write(root, out_dir=None):
    """Write one CSV per available step and the course summary; returns the paths written."""
    root = Path(root)
    out_dir = Path(out_dir or root / course_config.GRADEBOOKS_DIR)
    out_dir.mkdir(parents=True, exist_ok=True)
    available = course.available_assignments(root)
    written, summary = [], {}
    with course.gradebook(root) as gb:
        course.sync_assignments(gb, available)
        # students nbgrader never graded (corrupt or misnamed submissions) are listed too
        students = sorted({s.id for s in gb.students} | {s for a in available for s in submissions(root, a)})
        for step in course_config.STEPS:
            if not any(a in available for a in step.assignments):
                continue
            header, rows = step_table(gb, root, step, students)
            path = out_dir / f"{step.name}.csv"
            _write_csv(path, header, rows)
            written.append(path)
            summary[step] = {row[0]: row[header.index("percent")] for row in rows}
    steps = list(summary)
    header = ["student"] + [s.name for s in steps] + ["weighted_total"]
    rows = []
    for student in students:
        percents = [summary[s][student] for s in steps]
        total = sum(float(p or 0) * s.weight for p, s in zip(percents, steps)) / sum(s.weight for s in steps)
        rows.append([student] + percents + [_fmt(total)])
    path = out_dir / "course_summary.csv"
    _write_csv(path, header, rows)
    return written + [path]


def _fmt(x):
    return "" if x is None else f"{float(x):.2f}"


def _write_csv(path, header, rows):
    with open(path, "w", newline="") as f:
        w = csv.writer(f)
        w.writerow(header)
        w.writerows(rows)
