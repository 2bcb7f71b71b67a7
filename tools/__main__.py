"""Command line: `python -m tools VERB [options]`; `python -m tools VERB --help` explains each."""
import argparse
import os
import sys
from pathlib import Path

import course_config


def main(argv=None):
    parser = argparse.ArgumentParser(prog="python -m tools", description=__doc__.split(";")[0] +
                                     ". The AI Math -> ML course kit over nbgrader's Python API.")
    verbs = parser.add_subparsers(dest="verb", required=True, metavar="VERB")

    p = verbs.add_parser("release", help="regenerate release/ from source/ and check it for leaks",
                         description="Regenerate the student release of each step (release/<assignment>/) "
                                     "from source/ with nbgrader's generate_assignment, then check that no "
                                     "solution or hidden-test line reached it. Uses a scratch course, never "
                                     "the instructor's gradebook.")
    p.add_argument("assignments", nargs="*", help="assignment ids (default: every step with a source folder)")

    p = verbs.add_parser("export", help="export what students may have (releases, lessons, data)",
                         description="Copy release/, lessons/ and data/ into a student export folder and a zip, "
                                     "after checking that no solution, hidden test or recorded wrong answer is in it.")
    p.add_argument("steps", nargs="*", help="only these steps (step names or assignment ids; default: every step "
                                            "except a release that gives another step's solutions as read-only "
                                            "code, i.e. the step-7 tracks, which give step 2's and step 5's: name "
                                            "them, e.g. 07_advanced_topics, once those steps are graded)")
    p.add_argument("--dest", type=Path, default=course_config.EXPORT_DIR, help="export folder (default: %(default)s)")
    p.add_argument("--no-zip", action="store_true", help="write the folder only")

    p = verbs.add_parser("autograde", help="autograde submitted/<student>/<step>/ for one or more steps",
                         description="Autograde every submission in submitted/<student>/<assignment>/ of the course: "
                                     "check -> grade (nbgrader's autograde, in a pool of worker processes, or on a Dask "
                                     "cluster with --scheduler) -> flag -> record. The assignment is registered in the "
                                     "course's gradebook from source/ first. A missing, misnamed or corrupt notebook is "
                                     "reported in one line and skipped; the batch goes on. A submission already graded "
                                     "and unchanged is not graded again (an interrupted run resumes where it stopped).")
    p.add_argument("assignments", nargs="*", help="step names or assignment ids (default: all)")
    p.add_argument("--student", action="append", help="only this student (repeatable)")
    p.add_argument("--jobs", type=int, default=course_config.GRADING_JOBS,
                   help="grading worker processes on this machine (default: one per core, %(default)s)")
    p.add_argument("--scheduler", help="grade on a Dask cluster: its scheduler's address, tcp://HOST:PORT")
    p.add_argument("--force", action="store_true", help="grade again submissions already graded and unchanged")
    p.add_argument("--no-sandbox", action="store_true", help=NO_SANDBOX_HELP)
    p.add_argument("--root", type=Path, default=course_config.ROOT, help="course root (default: this repository)")

    p = verbs.add_parser("feedback", help="generate HTML feedback for graded submissions (hidden tests never shown)",
                         description="Generate feedback/<student>/<assignment>/*.html for every autograded "
                                     "submission, with hidden tests removed and hidden failures reported as one line. "
                                     "A page whose written answers are not graded yet says so at the top (the "
                                     "default: students get their autograded results while you grade); math renders "
                                     "offline (feedback/mathjax/).")
    p.add_argument("assignments", nargs="*", help="step names or assignment ids (default: all)")
    p.add_argument("--student", action="append", help="only this student (repeatable)")
    p.add_argument("--hold-ungraded", action="store_true",
                   help="write no page for a submission whose written answers are not graded yet (an older page "
                        "is removed); default: write it with a notice at the top that it is not final")
    p.add_argument("--root", type=Path, default=course_config.ROOT, help="course root (default: this repository)")

    p = verbs.add_parser("gradebook", help="write the gradebooks, reports, course summary and Canvas export",
                         description="Read nbgrader's gradebook and write, in gradebooks/: <step>.csv and <step>.html "
                                     "(student x graded cell, raw total, late penalty, final score, percent, flags; "
                                     "histogram, per-exercise means, item analysis), course_summary.csv/.html "
                                     "(student x step percent, weighted total, letter; step 7 counts the best track; "
                                     "roster students who submitted nothing are missing) and canvas.csv (Canvas's "
                                     "gradebook import). Extensions and late penalties are brought up to date first; "
                                     "no grade is changed.")
    p.add_argument("--root", type=Path, default=course_config.ROOT, help="course root (default: this repository)")

    # --- issue 6: collect, regrade -------------------------------------------------------
    p = verbs.add_parser("collect", help="collect submissions from a folder or a Canvas download zip",
                         description="Copy submissions into submitted/<student>/<assignment>/: from a folder of "
                                     "<student>/<step>/*.ipynb, or from the zip of Canvas's 'Download Submissions' "
                                     "(nbgrader's zip_collect; Canvas user ids mapped to students by the roster's "
                                     "lms_user_id). Misnamed notebooks and files that could not be placed are "
                                     "reported in one line each; an earlier, different submission is kept unless "
                                     "--replace (then it is moved to downloaded/replaced/).")
    p.add_argument("source", type=Path, help="a folder of <student>/<step>/, or a Canvas submissions .zip")
    p.add_argument("--assignment", help="the assignment a Canvas zip belongs to (e.g. 01_linear_algebra)")
    p.add_argument("--times", type=Path, help="CSV of submission times for a Canvas zip: columns id "
                                              "(Canvas user id or student id), submitted_at (ISO 8601)")
    p.add_argument("--replace", action="store_true", help="replace earlier, different submissions (kept aside)")
    p.add_argument("--root", type=Path, default=course_config.ROOT, help="course root (default: this repository)")

    p = verbs.add_parser("regrade", help="regrade everyone on one step after correcting its tests in source/",
                         description="After correcting a test (a hidden test, its points) in source/<step>/: record "
                                     "the corrected tests in nbgrader's gradebook (generate_assignment; cells may "
                                     "change, not be added or removed), autograde every submission of the step again, "
                                     "rewrite their feedback and the reports. Manual grades and other steps are "
                                     "untouched, and this is checked.")
    p.add_argument("step", help="a step name (07_advanced_topics regrades every track) or an assignment id")
    p.add_argument("--student", action="append", help="only this student (repeatable)")
    p.add_argument("--no-sandbox", action="store_true", help=NO_SANDBOX_HELP)
    p.add_argument("--jobs", type=int, default=course_config.GRADING_JOBS,
                   help="grading worker processes (default: one per core, %(default)s)")
    p.add_argument("--scheduler", help="grade on a Dask cluster: its scheduler's address, tcp://HOST:PORT")
    p.add_argument("--root", type=Path, default=course_config.ROOT, help="course root (default: this repository)")
    # --- end issue 6 ---------------------------------------------------------------------

    # --- issue 7: self-study -------------------------------------------------------------
    p = verbs.add_parser("selfgrade", help="grade your own notebook with the real autograder (self-study)",
                         description="Self-study: autograde a notebook you completed (e.g. "
                                     "release/01_linear_algebra/linear_algebra.ipynb) in a scratch course with "
                                     "nbgrader, every test from source/ included (visible and hidden), and print a "
                                     "score per exercise and which checks failed (test, line, error). The "
                                     "instructor's gradebook is never touched.")
    p.add_argument("notebook", type=Path, help="your notebook (its step is found from its folder or file name)")
    p.add_argument("--assignment", help="the step's assignment id, if the notebook is not in release/<step>/")
    # --- end issue 7 ---------------------------------------------------------------------

    # --- issue 11: untrusted code ---------------------------------------------------------
    p = verbs.add_parser("restore-gradebook", help="put back a gradebook backup (one is made before every batch)",
                         description="Replace the course's gradebook.db by a backup from gradebook_backups/ (made "
                                     "before every autograde and regrade batch); the gradebook it replaces is backed "
                                     "up first, so a restore is undone the same way.")
    p.add_argument("backup", nargs="?", type=Path, help="the backup file (default: the newest)")
    p.add_argument("--root", type=Path, default=course_config.ROOT, help="course root (default: this repository)")

    p = verbs.add_parser("release-hold", help="count a submission held for review again, after looking at it",
                         description="A submission whose code tampered with the grader (or looked like it) is held "
                                     "for review: the reports show the reason and do not count its autograded "
                                     "points. After looking at it, release it; without arguments, list the held "
                                     "submissions and those listed for review.")
    p.add_argument("student", nargs="?")
    p.add_argument("step", nargs="?", help="the assignment id")
    p.add_argument("--root", type=Path, default=course_config.ROOT, help="course root (default: this repository)")
    # --- end issue 11 --------------------------------------------------------------------

    p = verbs.add_parser("demo", help="run the whole course pipeline on a simulated class (scratch course)",
                         description="In build/demo/ (its own gradebook), regenerate every release, build a simulated "
                                     "class from the course's own material (full, blank, partial, common mistakes, "
                                     "late, corrupt, misnamed, alternative answers), autograde, write feedback and "
                                     "gradebooks, and print a summary.")
    p.add_argument("--students", type=int, default=8, help="class size, at least 8 (default: %(default)s)")
    p.add_argument("--seed", type=int, default=0, help="seed for the mixed students beyond the first eight")
    p.add_argument("--jobs", type=int, default=course_config.GRADING_JOBS,
                   help="grading worker processes (default: one per core, %(default)s)")

    p = verbs.add_parser("bench", help="time each solution notebook, and a class graded serially and in parallel",
                         description="Autograde each step's solution notebook in a scratch course and print its wall "
                                     "time and kernel memory against the budgets (most under 15 s, none over 45 s, whole "
                                     "course under 150 s); then grade a class of step-1 submissions with plain serial "
                                     "nbgrader (with and without the sandbox) and the kit's parallel autograde side by "
                                     "side; the kit's overhead per submission above a kernel's start; and the cost of "
                                     "1,000 students on 2, 16 and 64 cores.")
    p.add_argument("assignments", nargs="*", help="assignment ids (default: all)")
    p.add_argument("--class-size", type=int, default=16,
                   help="submissions of step 1 graded serially and in parallel side by side (default: %(default)s; 0: skip)")

    # --- issue 13: mutation audit of the hidden tests ---------------------------------------
    p = verbs.add_parser("audit", help="mutation-test the hidden tests: how many mutated solutions they catch",
                         description="Mutate each solution (operators, comparisons, constants, axes, off-by-one "
                                     "ranges and slices, dropped terms, swapped arguments, removed transforms; "
                                     "Python's ast), grade every mutant with the real autograder in a scratch "
                                     "course, and print per exercise the mutants killed (their tests lost points), "
                                     "survived (diff shown: a weak hidden test, or an equivalent mutant for a person "
                                     "to judge), equivalent (recognized by a syntactic rule, not graded) and "
                                     "stillborn (the answer cell itself raised). Reports in build/audit/.")
    p.add_argument("steps", nargs="*", help="step names or assignment ids (default: every step)")
    p.add_argument("--per-cell", type=int, default=None, metavar="N",
                   help="at most N mutants per answer cell, a deterministic sample (default: all)")
    p.add_argument("--seed", type=int, default=0, help="seed of the --per-cell sample (default: %(default)s)")
    p.add_argument("--jobs", type=int, default=1, help="grading processes (default: %(default)s)")
    p.add_argument("--timeout", type=int, default=60, help="seconds a cell of a mutant may run (default: %(default)s)")
    p.add_argument("--exercise", action="append", help="only this answer cell (its grade id; repeatable)")
    # --- end issue 13 --------------------------------------------------------------------

    args = parser.parse_args(argv)
    try:
        return run(args)
    except KeyboardInterrupt:
        print("stopped (Ctrl-C); what was graded is recorded: run the same command again to go on", file=sys.stderr)
        return 130
    except (RuntimeError, ValueError, KeyError, FileNotFoundError) as e:
        print(f"error: {e.args[0] if isinstance(e, KeyError) and e.args else e}", file=sys.stderr)
        return 1


NO_SANDBOX_HELP = ("run the students' code WITHOUT the bubblewrap sandbox, with your rights (said in the "
                   "output and flagged in the gradebooks); only for trusted code or where bwrap cannot run")


def sandbox_or_refuse(no_sandbox):
    """Grading untrusted code needs the sandbox: refuse in one line when bubblewrap cannot run,
    unless --no-sandbox (then said, and inherited by worker processes)."""
    from tools import sandbox

    if no_sandbox:
        os.environ[course_config.NO_SANDBOX_ENV] = "1"
        print("! grading WITHOUT the sandbox (--no-sandbox): the students' code runs with your rights; "
              "these submissions are flagged in the gradebooks")
        return
    ok, why = sandbox.available() if course_config.sandbox_on() else (True, "")
    if not ok:
        raise RuntimeError(f"refusing to grade untrusted code: {why}")


def known_assignments(ids):
    """Assignment ids for the step names or assignment ids given, checked against
    course_config.STEPS before any work starts (one line if one is unknown)."""
    unknown = [a for a in ids or [] if not course_config.assignments_of(a)]
    if unknown:
        steps = [s.name for s in course_config.STEPS]
        raise ValueError(f"{', '.join(unknown)}: not a step or assignment of course_config.STEPS; use one of "
                         f"{', '.join(dict.fromkeys(steps + course_config.assignments()))}")
    return list(dict.fromkeys(a for name in ids or [] for a in course_config.assignments_of(name)))


def students_with_submissions(root, ids, students):
    """--student names checked against submitted/: asking for a student with nothing
    submitted for these assignments is an error, said in one line."""
    from tools import check

    if not students:
        return None
    have = {s for a in ids for s in check.submissions(root, a)}
    missing = [s for s in students if s not in have]
    if missing:
        raise ValueError(f"{', '.join(missing)}: nothing submitted for {', '.join(ids)} in "
                         f"{root / course_config.SUBMITTED_DIR}/<student>/<assignment>/; check the student id "
                         f"(the folder name) or collect their submission first")
    return students


def run(args):
    from tools import course

    if getattr(args, "assignments", None):
        args.assignments = known_assignments(args.assignments)
    if args.verb in ("autograde", "regrade"):
        sandbox_or_refuse(args.no_sandbox)

    if args.verb == "release":
        from tools import release
        paths = release.regenerate(args.assignments or None)
        print(f"released {len(paths)} assignment(s) into {course_config.ROOT / course_config.RELEASE_DIR}; no leaks")
    elif args.verb == "export":
        from tools import export
        export.export(args.dest, make_zip=not args.no_zip, steps=args.steps)
    elif args.verb == "autograde":
        from tools import autograde, check
        ids = args.assignments or course.available_assignments(args.root)
        students = students_with_submissions(args.root, ids, args.student)
        graded, problems = autograde.autograde(args.root, ids, students=students, jobs=args.jobs, force=args.force,
                                               scheduler=args.scheduler)
        print(f"graded {len(graded)} submission(s); {len(problems)} could not be graded")
        if not graded and not problems and not any(check.submissions(args.root, a) for a in ids):
            print(f"no submissions found in {args.root / course_config.SUBMITTED_DIR}/<student>/<assignment>/; "
                  f"put them there with `.venv/bin/python -m tools collect`")
        return 1 if problems and not graded else 0
    elif args.verb == "feedback":
        from tools import check, feedback
        ids = args.assignments or course.available_assignments(args.root)
        students = students_with_submissions(args.root, ids, args.student)
        pairs = [(s, a) for a in ids for s in check.submissions(args.root, a)
                 if (args.root / course_config.AUTOGRADED_DIR / s / a).is_dir() and (students is None or s in students)]
        print(f"wrote feedback for {feedback.generate(args.root, pairs, hold_ungraded=args.hold_ungraded)} "
              "submission(s)")
    elif args.verb == "gradebook":
        from tools import gradebook
        for path in gradebook.write(args.root):
            print(path)
    # --- issue 6: collect, regrade ---
    elif args.verb == "collect":
        from tools import collect
        if args.source.suffix == ".zip":
            if not args.assignment:
                raise ValueError(f"{args.source}: a Canvas zip holds one assignment; say which with --assignment")
            report = collect.from_canvas(args.root, args.assignment, args.source, args.replace, args.times)
        else:
            report = collect.from_folder(args.root, args.source, args.replace)
        # the collected steps are registered in the course's gradebook (from source/), as autograde does
        course.register(args.root, sorted({a for _, a in report.collected}), log=lambda line: print(line))
        for line in report.notes:
            print(f"  {line}")
        for line in report.problems:
            print(f"  ! {line}")
        print(report)
    elif args.verb == "regrade":
        from tools import regrade
        students = students_with_submissions(args.root, regrade.assignments_of(args.step, args.root), args.student)
        r = regrade.regrade(args.root, args.step, jobs=args.jobs, students=students, scheduler=args.scheduler)
        for line in r.changes:
            print(f"  {line}")
        print(f"regraded {len(r.graded)} submission(s) of {', '.join(r.assignments)}: {len(r.changes)} total(s) "
              f"changed, {len(r.problems)} could not be graded; manual grades and other steps untouched; "
              f"reports in {args.root / course_config.GRADEBOOKS_DIR}")
        return 1 if r.problems and not r.graded else 0
    # --- end issue 6 ---
    # --- issue 7: self-study ---
    elif args.verb == "selfgrade":
        from tools import selfgrade
        report = selfgrade.grade(args.notebook, args.assignment)
        print(selfgrade.format_report(report, args.notebook))
    # --- end issue 7 ---
    # --- issue 13 ---
    elif args.verb == "audit":
        from tools import audit
        ids = [a for name in args.steps for a in course_config.assignments_of(name)] or course.available_assignments()
        unknown = [name for name in args.steps if not course_config.assignments_of(name)]
        if unknown:
            raise ValueError(f"{', '.join(unknown)}: not a step or assignment; use one of "
                             f"{', '.join(course.available_assignments())}")
        audit.audit(ids, per_cell=args.per_cell, seed=args.seed, jobs=args.jobs, timeout=args.timeout,
                    exercises=args.exercise)
    # --- end issue 13 ---
    # --- issue 11 ---
    elif args.verb == "restore-gradebook":
        from tools import backup
        restored, replaced = backup.restore(args.root, args.backup)
        print(f"restored {restored} as {args.root / course_config.GRADEBOOK_FILE}"
              + (f"; the replaced gradebook is in {replaced}" if replaced else ""))
    elif args.verb == "release-hold":
        from tools import tamper
        if args.student and args.step:
            released = tamper.release_hold(args.root, args.student, args.step)
            print(f"released {args.student}/{args.step} ({'; '.join(released)})" if released
                  else f"{args.student}/{args.step} is not held")
        else:
            for (student, a), reason in tamper.held(args.root).items():
                print(f"held {student}/{a}: {reason}")
            for (student, a), notes in tamper.for_review(args.root).items():
                print(f"review {student}/{a}: {'; '.join(notes)}")
    # --- end issue 11 ---
    elif args.verb == "demo":
        from tools import demo
        if args.students < len(demo.PROFILES):
            raise ValueError(f"--students must be at least {len(demo.PROFILES)} (one per simulated situation)")
        demo.run(args.students, seed=args.seed, jobs=args.jobs)
    elif args.verb == "bench":
        from tools import bench
        bench.run(args.assignments or None, class_size=args.class_size)
    return 0


if __name__ == "__main__":
    sys.exit(main())
