"""The demo: a whole course run end to end in a scratch course (build/demo/).

Regenerates every step's release, builds a simulated class from the course's own material,
autogrades it, writes feedback and the per-step gradebooks, and prints a one-screen summary.
It has its own gradebook and never touches the instructor's."""
import csv
import random
import time
from datetime import timedelta
from pathlib import Path

import nbformat

import course_config
from tools import autograde, course, feedback, gradebook, notebooks, release

# The first eight students, one per situation an instructor meets; more are random mixes.
PROFILES = ["full", "blank", "partial", "mistakes", "late", "corrupt", "misnamed", "alternatives"]


def student_ids(n):
    return [f"s{i + 1:02d}_{PROFILES[i]}" if i < len(PROFILES) else f"s{i + 1:02d}_mixed" for i in range(n)]


def write_submission(root, student, assignment_id, profile, rng):
    """Write submitted/<student>/<assignment>/ for one simulated student."""
    folder = Path(root) / course_config.SUBMITTED_DIR / student / assignment_id
    folder.mkdir(parents=True, exist_ok=True)
    due = course.due_date(assignment_id)
    when = due + (timedelta(days=2, hours=3) if profile == "late" else -timedelta(days=1))
    (folder / "timestamp.txt").write_text(when.strftime("%Y-%m-%d %H:%M:%S.%f UTC"))
    for src_path in notebooks.source_notebooks(assignment_id, root):
        source_nb = notebooks.read(src_path)
        release_nb = notebooks.read(Path(root) / course_config.RELEASE_DIR / assignment_id / src_path.name)
        wrong, alternatives = notebooks.load_variants(assignment_id, src_path.stem)
        answer_ids = list(notebooks.exercises(source_nb))
        answers, solve = {}, (lambda gid: True)
        if profile == "blank":
            solve = lambda gid: False
        elif profile == "partial":
            first_half = set(answer_ids[: len(answer_ids) // 2])
            solve = lambda gid: gid in first_half
        elif profile == "mistakes":
            answers = {gid: v[0]["code"] for gid, v in wrong.items()}
        elif profile == "alternatives":
            answers = {gid: v[0]["code"] for gid, v in alternatives.items()}
        elif profile == "mixed":
            for gid in answer_ids:
                draw = rng.random()
                if draw < 0.2 and wrong.get(gid):
                    answers[gid] = rng.choice(wrong[gid])["code"]
                elif draw > 0.85:
                    answers[gid] = release_source(release_nb, gid)
        nb = notebooks.fill(release_nb, source_nb, answers, solve)
        name = src_path.name
        if profile == "misnamed":
            name = src_path.stem + "-Copy1.ipynb"
        path = folder / name
        nbformat.write(nb, str(path))
        if profile == "corrupt":  # a notebook file cut off mid-save
            text = path.read_text()
            path.write_text(text[: len(text) // 2])


def release_source(release_nb, gid):
    return next(c.source for c in release_nb.cells if notebooks.grade_id(c) == gid)


def run(students=8, root=course_config.DEMO_ROOT, seed=0, jobs=2, log=print):
    t0 = time.perf_counter()
    assignment_ids = course.available_assignments()
    log(f"Demo course in {root} ({len(assignment_ids)} assignments, {students} students)")
    root = course.new_scratch_course(root, assignment_ids)
    log("1/5 Releasing every step")
    release.generate(root, assignment_ids, log)

    log("2/5 Building the simulated class")
    rng = random.Random(seed)
    ids = student_ids(students)
    for student in ids:
        profile = student.split("_", 1)[1]
        for a in assignment_ids:
            write_submission(root, student, a, profile, rng)
    log(f"  {len(ids)} students x {len(assignment_ids)} assignments written to {root / course_config.SUBMITTED_DIR}")

    log("3/5 Autograding")
    graded, problems = autograde.autograde(root, assignment_ids, jobs=jobs, log=log)
    log("4/5 Feedback")
    n_feedback = feedback.generate(root, graded, log)
    log("5/5 Gradebooks")
    paths = gradebook.write(root)
    summary(root, paths, graded, problems, n_feedback, time.perf_counter() - t0, log)
    return root


def summary(root, paths, graded, problems, n_feedback, seconds, log):
    log("")
    log("=" * 78)
    log(f"Demo summary: {len(graded)} submissions graded, {len(problems)} not gradable, "
        f"{n_feedback} feedback files, {seconds / 60:.1f} min")
    log(f"{'step':28s} {'graded':>7s} {'mean %':>7s}  gradebook")
    for path in paths[:-1]:
        with open(path) as f:
            rows = list(csv.DictReader(f))
        scores = [float(r["percent"]) for r in rows if r["percent"]]
        mean = f"{sum(scores) / len(scores):.1f}" if scores else "-"
        log(f"{path.stem:28s} {len(scores):7d} {mean:>7s}  {path.relative_to(root)}")
    log(f"Course summary: {paths[-1]}")
    log(f"Feedback:       {root / course_config.FEEDBACK_DIR}/<student>/<step>/*.html")
    log(f"Autograded:     {root / course_config.AUTOGRADED_DIR}/<student>/<step>/*.ipynb")
    if problems:
        log("Submissions that could not be graded (the batch went on):")
        for p in problems:
            log(f"  ! {p}")
    log("=" * 78)
