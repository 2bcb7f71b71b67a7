"""Collect submissions into submitted/<student>/<assignment>/, ready for autograde.

Two sources:
- a folder of <student>/<step>/*.ipynb (an LMS export, a shared drive; a timestamp.txt beside
  the notebooks is kept, so lateness is computed): `from_folder`;
- a Canvas "Download Submissions" zip, through nbgrader's zip_collect mechanism
  (`ZipCollectApp` with its `ExtractorPlugin` and `CanvasCollector`, a `FileNameCollectorPlugin`
  for Canvas's file names): `from_canvas`. Canvas names the user but gives no submission time,
  only a `LATE` mark; pass the times (e.g. from Canvas's API) as a CSV to compute lateness.

Nothing is lost or silently overwritten. Every file that could not be placed is reported in
one line and stays where it was (the Canvas zip's files stay extracted under downloaded/).
When the only notebook of a submission bears a copy's name of the release's notebook (a
browser's `name (1).ipynb`, JupyterLab's `name-Copy1.ipynb`, Canvas's `name-1.ipynb` of a
resubmission), it is collected under the release's name, with a note. Any other notebook
under another name is collected as it is and reported, and autograde names the fix again.
A student's earlier, different submission is kept unless `replace` is given; then it is moved
to downloaded/replaced/<student>/<assignment>/<n>/. "Different" compares the files' bytes,
except timestamp.txt, which is compared as a time (the same time written in another format is
the same submission).

A Canvas zip names students by Canvas user id only: without a roster that has `lms_user_id`,
collecting one stops with one line (it would create students named after Canvas logins)."""
import csv
import re
import shutil
from dataclasses import dataclass, field
from pathlib import Path

from nbgrader.plugins import FileNameCollectorPlugin
from traitlets import Dict, List, Unicode

import course_config
from tools import course
from tools.check import expected_notebooks
from tools.gradebook import read_roster, read_timestamp

SKIP = shutil.ignore_patterns(".ipynb_checkpoints", "__pycache__", ".DS_Store")


@dataclass
class Report:
    collected: list = field(default_factory=list)   # (student, assignment) written to submitted/
    unchanged: list = field(default_factory=list)   # already there, identical
    problems: list = field(default_factory=list)    # one line each: what and the fix
    notes: list = field(default_factory=list)       # one line each: what was done on the way

    def __str__(self):
        return (f"collected {len(self.collected)} submission(s), {len(self.unchanged)} unchanged, "
                f"{len(self.problems)} problem(s)")


def resolve(name):
    """The assignment id a <step> folder name stands for, or raise ValueError with the fix."""
    if name in course_config.assignments():
        return name
    for step in course_config.STEPS:
        if name == step.name:
            if len(step.assignments) == 1:
                return step.assignments[0]
            raise ValueError(f"step {name!r} has tracks; name the folder after the track: {', '.join(step.assignments)}")
    raise ValueError(f"unknown step {name!r}; name the folder after a step or assignment id "
                     f"(e.g. {course_config.STEPS[0].name})")


COPY_NAME = re.compile(r"^(?P<stem>.+?)(?: \(\d+\)|-Copy\d+|-\d+)(?P<ext>\.ipynb)$")


def copy_name_fix(names, expected):
    """{found name: release name} when the only notebook in `names` is a copy's name of the
    release's only notebook (`toy (1).ipynb`, `toy-Copy1.ipynb`, `toy-1.ipynb`); else {}."""
    notebooks = [n for n in names if n.endswith(".ipynb")]
    if len(notebooks) != 1 or len(expected) != 1 or notebooks[0] in expected:
        return {}
    m = COPY_NAME.match(notebooks[0])
    return {notebooks[0]: expected[0]} if m and m["stem"] + m["ext"] == expected[0] else {}


def _tree(folder, renames=None):
    """{relative path: content} of a submission folder, as it is compared: names after
    `renames`, timestamp.txt as the time it says (its text if it says none)."""
    folder = Path(folder)
    tree = {}
    for p in sorted(folder.rglob("*")):
        if p.is_file() and not any(part in (".ipynb_checkpoints", "__pycache__") for part in p.parts):
            rel = p.relative_to(folder).as_posix()
            content = p.read_bytes()
            if rel == "timestamp.txt":
                content = read_timestamp(folder) or content.strip()
            tree[(renames or {}).get(rel, rel)] = content
    return tree


def deliver(root, student, assignment_id, src, report, replace=False, origin=None):
    """Copy the folder `src` to submitted/<student>/<assignment>/ under the rules above."""
    root = Path(root)
    dest = root / course_config.SUBMITTED_DIR / student / assignment_id
    rel = dest.relative_to(root)
    origin = origin or src
    expected = expected_notebooks(root, assignment_id)
    renames = copy_name_fix([p.name for p in Path(src).glob("*.ipynb")], expected)
    if dest.exists():
        if _tree(dest) == _tree(src, renames):
            report.unchanged.append((student, assignment_id))
            return
        if not replace:
            report.problems.append(f"{rel} already holds a different submission, kept; collect again with "
                                   f"--replace to take the one in {origin} (the old one is then kept aside)")
            return
        n = 1
        aside = root / course_config.COLLECT_DIR / "replaced" / student / assignment_id
        while (aside / str(n)).exists():
            n += 1
        aside.mkdir(parents=True, exist_ok=True)
        shutil.move(str(dest), str(aside / str(n)))
        report.notes.append(f"{rel}: replaced; the previous submission is in {(aside / str(n)).relative_to(root)}")
    shutil.copytree(src, dest, ignore=SKIP)
    report.collected.append((student, assignment_id))
    for old, new in renames.items():
        (dest / old).rename(dest / new)
        report.notes.append(f"{rel}/{new}: submitted as {old!r} (a browser's or JupyterLab's copy name), "
                            f"collected as {new}")
    found = sorted(p.name for p in dest.glob("*.ipynb"))
    for name in found:
        if name not in expected:
            fix = f"rename it to {expected[0]}" if len(expected) == 1 else f"it must be one of {', '.join(expected)}"
            report.problems.append(f"{rel}/{name}: misnamed notebook (collected as it is); {fix} and autograde again")
    if not found:
        report.problems.append(f"{rel}: no notebook in the submission from {origin}")


def from_folder(root, folder, replace=False):
    """Collect <folder>/<student>/<step>/ for every student and step found."""
    root, folder = Path(root), Path(folder)
    if not folder.is_dir():
        raise ValueError(f"{folder} is not a folder; give the folder holding <student>/<step>/ sub-folders")
    report = Report()
    roster = read_roster(root)
    available = course.available_assignments(root)
    for student_dir in sorted(p for p in folder.iterdir() if p.name not in (".ipynb_checkpoints", ".DS_Store")):
        if not student_dir.is_dir():
            report.problems.append(f"{student_dir}: a file outside any <student>/<step>/ folder, not collected")
            continue
        student = student_dir.name
        before, delivered = len(report.collected) + len(report.unchanged), False
        for step_dir in sorted(student_dir.iterdir()):
            if step_dir.name in (".ipynb_checkpoints", ".DS_Store"):
                continue
            if not step_dir.is_dir():
                report.problems.append(f"{step_dir}: a file outside any step folder, not collected; move it into "
                                       f"{student_dir}/<step>/")
                continue
            try:
                a = resolve(step_dir.name)
            except ValueError as e:
                report.problems.append(f"{step_dir}: {e}; not collected")
                continue
            if a not in available:
                report.problems.append(f"{step_dir}: {a} has no source in this course; not collected")
                continue
            deliver(root, student, a, step_dir, report, replace)
            delivered = True
        if roster and student not in roster and len(report.collected) + len(report.unchanged) > before:
            report.notes.append(f"{student_dir}: {student} is not on the roster ({course_config.ROSTER_FILE}); "
                                "collected anyway, add them to the roster")
        elif not delivered:   # no <step>/ folder of this course: say it once for the student
            report.problems.append(f"{student_dir}: nothing collected for {student}"
                                   + ("" if not roster or student in roster else
                                      f" (not on the roster {course_config.ROSTER_FILE} either)")
                                   + "; see the lines above, or put the notebooks in <student>/<step>/")
    return report


# --- Canvas ---------------------------------------------------------------------------------

class CanvasCollector(FileNameCollectorPlugin):
    """nbgrader zip_collect plugin for Canvas's submission file names.

    Maps the Canvas user id to the student id through the roster (`lms_user_id`), strips
    Canvas's resubmission suffix ("-1") when that gives a release notebook's name, and keeps
    what it could not match in `skipped` (reported by from_canvas, never dropped silently)."""

    named_regexp = Unicode(course_config.CANVAS_FILENAME).tag(config=True)
    students = Dict(help="Canvas user id -> student id").tag(config=True)
    notebooks = List(help="the release's notebook names").tag(config=True)
    times = Dict(help="student id or Canvas user id -> submission time (ISO 8601)").tag(config=True)

    def __init__(self, **kwargs):
        super().__init__(**kwargs)
        self.skipped, self.notes, self.late_without_time, self.seen = [], [], [], {}

    def collect(self, submitted_file):
        name = Path(submitted_file).name
        m = re.fullmatch(self.named_regexp, name)
        if not m:
            self.skipped.append((submitted_file, "not a Canvas submission file name "
                                 "(<name>_<user id>_<submission id>_<file>)"))
            return None
        info = m.groupdict()
        if not name.endswith(".ipynb"):
            self.skipped.append((submitted_file, "not a notebook"))
            return None
        student = self.students.get(info["canvas_id"])
        if student is None:
            student = info["login"]
            self.notes.append(f"Canvas user {info['canvas_id']} ({info['login']}) is not on the roster "
                              f"(lms_user_id); collected as {student}")
        file_id = info["file_id"]
        base = re.sub(r"-\d+(\.ipynb)$", r"\1", file_id)
        if file_id not in self.notebooks and base in self.notebooks:
            self.notes.append(f"{name}: Canvas's resubmission name, collected as {base}")
            file_id = base
        if (student, file_id) in self.seen:
            self.skipped.append((submitted_file, f"a second {file_id} from {student} (kept {self.seen[(student, file_id)]})"))
            return None
        self.seen[(student, file_id)] = name
        when = self.times.get(student) or self.times.get(info["canvas_id"])
        if info["late"] and not when:
            self.late_without_time.append(student)
        return {"student_id": student, "file_id": file_id, "timestamp": when or None}


def read_times(path):
    """{student or Canvas user id: ISO time} from a CSV with columns id, submitted_at."""
    path = Path(path)
    with open(path, newline="") as f:
        reader = csv.DictReader(f)
        if not {"id", "submitted_at"} <= set(reader.fieldnames or []):
            raise ValueError(f"{path}: needs the columns id (Canvas user id or student id) and submitted_at "
                             "(ISO 8601, e.g. 2027-01-23T10:00:00Z)")
        return {row["id"].strip(): row["submitted_at"].strip() for row in reader if row["id"].strip()}


def from_canvas(root, assignment_id, zip_path, replace=False, times=None):
    """Collect a Canvas submissions zip of one assignment through nbgrader's ZipCollectApp."""
    from nbgrader.apps import ZipCollectApp
    from nbgrader.coursedir import CourseDirectory
    from nbgrader.utils import capture_log

    root, zip_path = Path(root).resolve(), Path(zip_path)
    if not zip_path.is_file():
        raise ValueError(f"{zip_path} not found; give the zip Canvas's 'Download Submissions' saved")
    if assignment_id not in course.available_assignments(root):
        raise ValueError(f"{assignment_id!r} is not an assignment of this course; use one of "
                         f"{', '.join(course.available_assignments(root))}")
    roster = read_roster(root)
    if not any(s.lms_user_id for s in roster.values()):
        what = "has no lms_user_id" if roster else "is missing"
        raise ValueError(f"{course_config.ROSTER_FILE} {what}: a Canvas zip names students by Canvas user id only; "
                         "write the roster with an lms_user_id column first (README 'Gradebooks and reports'); "
                         "nothing collected")
    stage = root / course_config.COLLECT_DIR / assignment_id
    for sub in ("archive", "collected"):
        shutil.rmtree(stage / sub, ignore_errors=True)
    (stage / "archive").mkdir(parents=True)
    shutil.copy(zip_path, stage / "archive" / zip_path.name)
    c = course.config(root)
    c.CourseDirectory.submitted_directory = f"{course_config.COLLECT_DIR}/{assignment_id}/collected"
    c.ZipCollectApp.downloaded_directory = course_config.COLLECT_DIR
    c.ZipCollectApp.force = True  # only our staging folders are cleared; submitted/ is deliver()'s
    c.ZipCollectApp.log_level = "ERROR"  # every skipped or misnamed file is in the Report instead
    c.ExtractorPlugin.force = True
    c.ZipCollectApp.collector_plugin = CanvasCollector
    c.CanvasCollector.students = {s.lms_user_id: s.id for s in roster.values() if s.lms_user_id}
    c.CanvasCollector.notebooks = expected_notebooks(root, assignment_id)
    c.CanvasCollector.times = read_times(times) if times else {}
    coursedir = CourseDirectory(config=c)
    coursedir.assignment_id = assignment_id
    app = ZipCollectApp(coursedir=coursedir, config=c)
    result = capture_log(app)
    plugin = app.collector_plugin_inst  # the CanvasCollector that saw every file
    if not result["success"]:
        lines = [l for l in (result.get("log") or "").splitlines() if "[ERROR]" in l] or ["see the log"]
        raise RuntimeError(f"{zip_path}: nbgrader's zip_collect failed: {lines[-1].replace('[ERROR] ', '')}")
    report = Report()
    extracted = (stage / "extracted").relative_to(root)
    for path, why in plugin.skipped:
        report.problems.append(f"{Path(path).relative_to(root)}: {why}; not collected (it stays in {extracted})")
    report.notes += plugin.notes
    collected = stage / "collected"
    for student_dir in sorted(collected.iterdir()) if collected.exists() else []:
        src = student_dir / assignment_id
        deliver(root, student_dir.name, assignment_id, src, report, replace, origin=zip_path.name)
    for student in sorted(set(plugin.late_without_time)):
        report.problems.append(f"{course_config.SUBMITTED_DIR}/{student}/{assignment_id}: Canvas marks it LATE but "
                               "its download has no submission time, so no late penalty is computed; pass the times "
                               "with --times (columns id, submitted_at) and collect again")
    return report
