"""The demo: a whole course run end to end in a scratch course (build/demo/).

Lays out a course root as a fresh clone has it (source/ and the committed release/; no
gradebook: collect and autograde register the steps themselves, as in the instructor's own
root), builds a simulated class from the course's own material
(roster, an extension, submissions in a folder and, for one step, a Canvas download zip),
collects, autogrades, enters manual grades as a grader in the formgrader would, regrades one
step, writes feedback (checked for hidden-test lines) and every report, and prints a
one-screen summary. It has its own gradebook and never touches the instructor's."""
import csv
import random
import shutil
import time
import zipfile
from datetime import timedelta
from pathlib import Path

import nbformat

import course_config
from tools import autograde, collect, course, feedback, gradebook, manual, notebooks, regrade

# The first eight students, one per situation an instructor meets; more are random mixes.
PROFILES = ["full", "blank", "partial", "mistakes", "late", "corrupt", "misnamed", "alternatives"]
FIRST = ["Ada", "Alan", "Grace", "Emmy", "Kurt", "Sofia", "John", "Hedy", "Claude", "Ruth", "Carl", "Mary"]
LAST = ["Byron", "Turing", "Hopper", "Noether", "Goedel", "Kovalevskaya", "Neumann", "Lamarr", "Shannon",
        "Moufang", "Gauss", "Somerville"]


def student_ids(n):
    return [f"s{i + 1:02d}_{PROFILES[i]}" if i < len(PROFILES) else f"s{i + 1:02d}_mixed" for i in range(n)]


def submission_time(assignment_id, profile):
    due = course.due_date(assignment_id)
    return due + (timedelta(days=2, hours=3) if profile == "late" else -timedelta(days=1))


def write_submission(folder, root, student, assignment_id, profile, rng, stamp=True):
    """Write one simulated student's submission of one assignment into `folder`."""
    folder.mkdir(parents=True, exist_ok=True)
    if stamp:
        when = submission_time(assignment_id, profile)
        (folder / "timestamp.txt").write_text(when.strftime("%Y-%m-%d %H:%M:%S.%f UTC"))
    for src_path in notebooks.source_notebooks(assignment_id, root):
        source_nb = notebooks.read(src_path)
        release_nb = notebooks.read(Path(root) / course_config.RELEASE_DIR / assignment_id / src_path.name)
        wrong, alternatives = notebooks.load_variants(assignment_id, src_path.stem)
        answer_ids = list(notebooks.exercises(source_nb))
        answers, solve = {}, (lambda gid: True)
        if profile == "blank":
            solve = lambda gid: False  # noqa: E731
        elif profile == "partial":
            first_half = set(answer_ids[: len(answer_ids) // 2])
            solve = lambda gid: gid in first_half  # noqa: E731
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
        name = src_path.stem + "_final.ipynb" if profile == "misnamed" else src_path.name
        path = folder / name
        nbformat.write(nb, str(path))
        if profile == "corrupt":  # a notebook file cut off mid-save
            text = path.read_text()
            path.write_text(text[: len(text) // 2])


def release_source(release_nb, gid):
    return next(c.source for c in release_nb.cells if notebooks.grade_id(c) == gid)


def write_class(root, ids, assignment_ids, canvas_step, rng):
    """Roster, extensions, the folder of submissions and the Canvas download of `canvas_step`."""
    absent = f"s{len(ids) + 1:02d}_absent"   # on the roster, submits nothing
    with open(root / course_config.ROSTER_FILE, "w", newline="") as f:
        w = csv.writer(f)
        w.writerow(["id", "first_name", "last_name", "email", "lms_user_id", "sis_user_id", "sis_login_id", "section"])
        for k, s in enumerate(ids + [absent]):
            w.writerow([s, FIRST[k % len(FIRST)], LAST[k % len(LAST)], f"{s}@example.edu", 1001 + k, f"S{1001 + k}",
                        s, "A" if k % 2 == 0 else "B"])
    late = next((s for s in ids if s.endswith("_late")), None)
    if late:  # the late student has an extension on the first step
        (root / course_config.EXTENSIONS_FILE).write_text(f"student,step,days\n{late},{assignment_ids[0]},3\n")
    inbox = root / "inbox"
    for student in ids:
        profile = student.split("_", 1)[1]
        for a in assignment_ids:
            if a != canvas_step:
                write_submission(inbox / student / a, root, student, a, profile, rng)
    if canvas_step is None:
        return inbox, None, None
    staging = root / "canvas_download"
    zip_path, times = root / f"{canvas_step}_submissions.zip", root / f"{canvas_step}_times.csv"
    with zipfile.ZipFile(zip_path, "w") as z, open(times, "w") as t:
        t.write("id,submitted_at\n")
        for k, student in enumerate(ids):
            profile = student.split("_", 1)[1]
            folder = staging / student
            write_submission(folder, root, student, canvas_step, profile, rng, stamp=False)
            when = submission_time(canvas_step, profile)
            mark = "LATE_" if when > course.due_date(canvas_step) else ""
            for nb in sorted(folder.iterdir()):
                z.write(nb, f"{student.replace('_', '')}_{mark}{1001 + k}_{7001 + k}_{nb.name}")
            t.write(f"{1001 + k},{when.isoformat()}\n")
    return inbox, zip_path, times


def grade_written_answers(root, graded, rng):
    """A grader's manual grades, entered through nbgrader's Gradebook as the formgrader does:
    full marks, half, none, or (the late student's, and some mixed ones) not yet graded."""
    entered = 0
    with course.gradebook(root) as gb:
        todo = [(s, a, nb.name, g.name, g.max_score) for s, a in graded for nb in gb.find_submission(a, s).notebooks
                for g in nb.grades if g.needs_manual_grade and g.manual_score is None]
    for student, a, nb, gid, max_score in todo:
        profile = student.split("_", 1)[1]
        share = {"full": 1.0, "alternatives": 1.0, "partial": 0.5, "mistakes": 0.0}.get(profile)
        if profile == "mixed":
            share = rng.choice([1.0, 0.5, 0.0, None])
        if share is not None:
            manual.enter(root, a, student, nb, gid, round(share * max_score * 2) / 2)
            entered += 1
    return entered


def run(students=8, root=course_config.DEMO_ROOT, seed=0, jobs=course_config.GRADING_JOBS, log=print):
    t0 = time.perf_counter()
    assignment_ids = course.available_assignments()
    log(f"Demo course in {root} ({len(assignment_ids)} assignments, {students} students)")
    root = course.new_scratch_course(root, assignment_ids)
    log("1/8 The course root as a fresh clone has it: source/ and the committed release/, no gradebook")
    for a in assignment_ids:
        shutil.copytree(course_config.ROOT / course_config.RELEASE_DIR / a, root / course_config.RELEASE_DIR / a)

    log("2/8 The simulated class: roster, an extension, a folder of submissions, a Canvas download")
    rng = random.Random(seed)
    ids = student_ids(students)
    canvas_step = assignment_ids[1] if len(assignment_ids) > 1 else None
    inbox, zip_path, times = write_class(root, ids, assignment_ids, canvas_step, rng)

    log("3/8 Collecting")
    reports = [collect.from_folder(root, inbox)]
    if zip_path:
        reports.append(collect.from_canvas(root, canvas_step, zip_path, times=times))
    for r, how in zip(reports, ["folder", "Canvas zip"]):
        log(f"  collect from a {how}: {r}")

    log("4/8 Autograding")
    graded, problems = autograde.autograde(root, assignment_ids, jobs=jobs, log=log)
    log("5/8 Manual grades (a simulated grader, through nbgrader's Gradebook API like the formgrader)")
    entered = grade_written_answers(root, graded, rng)
    log(f"  {entered} written answers graded")

    log(f"6/8 Regrading {assignment_ids[0]} (as after correcting a hidden test)")
    with course.gradebook(root) as gb:
        manual_before = [g.manual_score for a in gb.assignments for s in a.submissions for nb in s.notebooks
                         for g in nb.grades if g.manual_score is not None]
    rg = regrade.regrade(root, assignment_ids[0], jobs=jobs, log=lambda *_: None)
    log(f"  {len(rg.graded)} submissions regraded, {len(rg.changes)} totals changed; "
        f"{len(manual_before)} manual grades and the other steps untouched (checked)")

    log("7/8 Feedback")
    n_feedback = feedback.generate(root, [p for p in graded if p not in rg.graded], log) + len(rg.graded)
    leaks = feedback.find_leaks(root)
    if leaks:
        raise RuntimeError("feedback shows hidden-test lines:\n" + "\n".join(leaks[:20]))
    log("8/8 Gradebooks and reports")
    paths = gradebook.write(root)
    lines = [f"collect: {p}" for r in reports for p in r.problems] + [f"autograde: {p}" for p in problems]
    (root / "problems.txt").write_text("\n".join(lines) + "\n")
    summary(root, dict(reports=reports, canvas_step=canvas_step, graded=graded, problems=problems, entered=entered,
                       regrade=rg, manual=len(manual_before), feedback=n_feedback, paths=paths, students=len(ids),
                       minutes=(time.perf_counter() - t0) / 60), log)
    return root


def summary(root, s, log):
    c = gradebook.load(root)
    out = Path(s["paths"][0]).parent
    n_collect = sum(len(r.problems) for r in s["reports"])
    log("")
    log("=" * 90)
    log(f"Demo summary: {s['students']} students (+1 on the roster who submitted nothing), "
        f"{len(c.tables)} steps, {s['minutes']:.1f} min")
    log(f"Collected {len(s['reports'][0].collected)} from a folder"
        + (f" + {len(s['reports'][1].collected)} from a Canvas zip ({s['canvas_step']})" if len(s["reports"]) > 1 else ""))
    log(f"Problems, one line each in problems.txt: {n_collect} from collect, {len(s['problems'])} from autograde")
    log(f"Graded {len(s['graded'])}; {s['entered']} written answers graded by a simulated grader "
        f"(Gradebook API, as the formgrader); "
        f"{s['feedback']} feedback files, no hidden-test line")
    log(f"Regraded {', '.join(s['regrade'].assignments)}: {len(s['regrade'].changes)} totals changed; "
        f"{s['manual']} manual grades and the other steps untouched (checked)")
    log(f"{'step':26s} {'graded':>6s} {'missing':>7s} {'unread':>6s} {'late':>4s} {'manual':>6s} {'mean %':>6s}  report")
    for t in c.tables:
        rs = [row.result for row in t.rows]
        pct = [r.percent for r in rs if r.status == "graded"]
        mean = f"{sum(pct) / len(pct):.1f}" if pct else "-"
        log(f"{t.step.name:26s} {len(pct):6d} {sum(r.status == 'missing' for r in rs):7d} "
            f"{sum(r.status == 'could not be graded' for r in rs):6d} {sum(r.late for r in rs):4d} "
            f"{sum(r.manual_pending for r in rs if r.status == 'graded'):6d} {mean:>6s}  "
            f"{(out / (t.step.name + '.html')).relative_to(root)}")
    letters = [r[-2] for r in c.summary_rows()]
    log("Letter grades: " + ", ".join(f"{g} {letters.count(g)}" for _, g in course_config.LETTER_GRADES if letters.count(g)))
    t = c.tables[0]
    stats = gradebook.step_item_analysis(t)[t.assignments[0]]
    log(f"Item analysis, {t.assignments[0]} (* nobody / + everybody scored full marks):")
    log(f"  {'exercise':34s} {'pts':>3s} {'n':>2s} {'mean':>5s} {'mean%':>5s} {'full':>5s} {'discr':>6s}")
    for st in stats:
        mark = {"nobody": "*", "everybody": "+"}.get(st.highlight, " ")
        fmt = lambda x, spec: "-" if x is None else format(x, spec)  # noqa: E731
        log(f" {mark}{t.short_label(st.item)[:34]:34s} {st.item.max_score:3g} {st.n:2d} {fmt(st.mean, '5.2f'):>5s} "
            f"{fmt(st.mean_percent, '5.1f'):>5s} {fmt(None if st.full_share is None else 100 * st.full_share, '4.0f'):>4s}% "
            f"{fmt(st.discrimination, '6.2f'):>6s}")
    log(f"In {root}: {out.relative_to(root)}/<step>.csv + .html, course_summary.csv + .html, canvas.csv;")
    log(f"  {course_config.FEEDBACK_DIR}/<student>/<step>/*.html; problems.txt")
    log("=" * 90)
