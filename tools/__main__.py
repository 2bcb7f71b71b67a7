"""Command line: `python -m tools VERB [options]`; `python -m tools VERB --help` explains each."""
import argparse
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
    p.add_argument("--dest", type=Path, default=course_config.EXPORT_DIR, help="export folder (default: %(default)s)")
    p.add_argument("--no-zip", action="store_true", help="write the folder only")

    p = verbs.add_parser("autograde", help="autograde submitted/<student>/<step>/ for one or more steps",
                         description="Autograde every submission in submitted/<student>/<assignment>/ of the course "
                                     "(nbgrader's autograde, one process for the batch). A missing, misnamed or "
                                     "corrupt notebook is reported in one line and skipped; the batch goes on.")
    p.add_argument("assignments", nargs="*", help="assignment ids (default: all)")
    p.add_argument("--student", action="append", help="only this student (repeatable)")
    p.add_argument("--jobs", type=int, default=1, help="assignments graded at once, one process each (default: %(default)s)")
    p.add_argument("--root", type=Path, default=course_config.ROOT, help="course root (default: this repository)")

    p = verbs.add_parser("feedback", help="generate HTML feedback for graded submissions (hidden tests never shown)",
                         description="Generate feedback/<student>/<assignment>/*.html for every autograded "
                                     "submission, with hidden tests removed and hidden failures reported as one line.")
    p.add_argument("assignments", nargs="*", help="assignment ids (default: all)")
    p.add_argument("--root", type=Path, default=course_config.ROOT, help="course root (default: this repository)")

    p = verbs.add_parser("gradebook", help="write the per-step gradebook CSVs and the course summary",
                         description="Read nbgrader's gradebook and write gradebooks/<step>.csv (student x graded "
                                     "cell, total, max, percent, late, flags) and gradebooks/course_summary.csv "
                                     "(student x step percent, weighted total; step 7 counts the best track).")
    p.add_argument("--root", type=Path, default=course_config.ROOT, help="course root (default: this repository)")

    p = verbs.add_parser("demo", help="run the whole course pipeline on a simulated class (scratch course)",
                         description="In build/demo/ (its own gradebook), regenerate every release, build a simulated "
                                     "class from the course's own material (full, blank, partial, common mistakes, "
                                     "late, corrupt, misnamed, alternative answers), autograde, write feedback and "
                                     "gradebooks, and print a summary.")
    p.add_argument("--students", type=int, default=8, help="class size, at least 8 (default: %(default)s)")
    p.add_argument("--seed", type=int, default=0, help="seed for the mixed students beyond the first eight")
    p.add_argument("--jobs", type=int, default=2, help="assignments graded at once, one process each (default: %(default)s)")

    p = verbs.add_parser("bench", help="time each solution notebook under autograde against the budgets",
                         description="Autograde each step's solution notebook in a scratch course and print its wall "
                                     "time, the mean time per submission and the process start-up, against the "
                                     "budgets (most under 15 s, none over 45 s, whole course under 150 s).")
    p.add_argument("assignments", nargs="*", help="assignment ids (default: all)")

    args = parser.parse_args(argv)
    try:
        return run(args)
    except (RuntimeError, ValueError) as e:
        print(f"error: {e}", file=sys.stderr)
        return 1


def run(args):
    from tools import course

    if args.verb == "release":
        from tools import release
        paths = release.regenerate(args.assignments or None)
        print(f"released {len(paths)} assignment(s) into {course_config.ROOT / course_config.RELEASE_DIR}; no leaks")
    elif args.verb == "export":
        from tools import export
        export.export(args.dest, make_zip=not args.no_zip)
    elif args.verb == "autograde":
        from tools import autograde
        ids = args.assignments or course.available_assignments(args.root)
        graded, problems = autograde.autograde(args.root, ids, students=args.student, jobs=args.jobs)
        print(f"graded {len(graded)} submission(s); {len(problems)} could not be graded")
        return 1 if problems and not graded else 0
    elif args.verb == "feedback":
        from tools import autograde, feedback
        ids = args.assignments or course.available_assignments(args.root)
        pairs = [(s, a) for a in ids for s in autograde.submissions(args.root, a)
                 if (args.root / course_config.AUTOGRADED_DIR / s / a).is_dir()]
        print(f"wrote feedback for {feedback.generate(args.root, pairs)} submission(s)")
    elif args.verb == "gradebook":
        from tools import gradebook
        for path in gradebook.write(args.root):
            print(path)
    elif args.verb == "demo":
        from tools import demo
        if args.students < len(demo.PROFILES):
            raise ValueError(f"--students must be at least {len(demo.PROFILES)} (one per simulated situation)")
        demo.run(args.students, seed=args.seed, jobs=args.jobs)
    elif args.verb == "bench":
        from tools import bench
        bench.run(args.assignments or None)
    return 0


if __name__ == "__main__":
    sys.exit(main())
