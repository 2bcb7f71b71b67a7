"""Gradebooks and the instructor's reports, read from nbgrader's Gradebook.

`write(root)` produces, in gradebooks/:
- <step>.csv: one row per student: score, percent and flags first (missing, could not be
  graded, not autograded yet, changed since graded, held for review, late, needs manual
  grading, not on roster), then a column per graded cell (`notebook:grade_id`: a test cell or
  a written answer), raw total, max, late penalty, late, days late. Step 7 holds all three
  tracks and counts the best one.
- <step>.html: the same table, a histogram of scores, per-exercise mean scores and the item
  analysis (tools/report.py).
- course_summary.csv / .html: student x step percent (after late penalties), weighted total
  over the steps that count so far (past due or graded; weights in course_config.STEPS),
  letter grade (course_config.LETTER_GRADES), provisional while a counted step still waits
  (written answers, autograding, a changed submission, a held one).
- canvas.csv: the course summary in Canvas's gradebook-import format (README); not written
  (one line) when no roster student could go in it.

Students come from the roster (course_config.ROSTER_FILE), nbgrader's gradebook and the
submitted/ folder, so nobody is left out: a roster student who submitted nothing is
`missing`; a submission the autograder refused or failed on is `could not be graded`; one
nobody has autograded yet is `not autograded yet`; one whose notebooks differ from what was
graded (a replaced submission) is `changed since graded`; one tools.tamper holds (when that
module is there) is `held for review: <reason>` and its points are not counted. Before
reading, extensions and late penalties are brought up to date (tools/late.py); no grade is
written. The HTML comes from tools/report.py, which renders the objects of this module and
imports nothing from it (no import circle)."""
import csv
import hashlib
import importlib
import importlib.util
import math
from dataclasses import dataclass, field
from datetime import datetime, timezone
from pathlib import Path

from nbgrader.api import MissingEntry

import course_config
from tools import course, late, notebooks, report
from tools.check import check_submission, expected_notebooks, graded_state, submission_hash, submissions

ROSTER_COLUMNS = ("id", "first_name", "last_name")
ROSTER_OPTIONAL = ("email", "lms_user_id", "sis_user_id", "sis_login_id", "section")
CANVAS_FIXED = ["Student", "ID", "SIS User ID", "SIS Login ID", "Section"]


# --- Students and the roster ------------------------------------------------------------

@dataclass
class Student:
    id: str
    first_name: str = ""
    last_name: str = ""
    email: str = ""
    lms_user_id: str = ""
    sis_user_id: str = ""
    sis_login_id: str = ""
    section: str = ""
    on_roster: bool = False

    @property
    def name(self):
        return " ".join(p for p in (self.first_name, self.last_name) if p)

    @property
    def sortable_name(self):
        return ", ".join(p for p in (self.last_name, self.first_name) if p) or self.id


def read_roster(root):
    """{student id: Student} from the roster CSV, in file order ({} if there is none).
    Raises ValueError naming the file, the line and the fix."""
    path = Path(root) / course_config.ROSTER_FILE
    if not path.exists():
        return {}
    roster = {}
    with open(path, newline="", encoding="utf-8-sig") as f:
        reader = csv.DictReader(f)
        missing = [c for c in ROSTER_COLUMNS if c not in (reader.fieldnames or [])]
        if missing:
            raise ValueError(f"{path}: needs the columns {', '.join(ROSTER_COLUMNS)} (missing {', '.join(missing)}; "
                             f"optional: {', '.join(ROSTER_OPTIONAL)}); see README 'Gradebooks and reports'")
        for n, row in enumerate(reader, 2):
            sid = (row.get("id") or "").strip()
            if not sid:
                raise ValueError(f"{path}, line {n}: empty id; give every student the id of their submitted/ folder")
            if sid in roster:
                raise ValueError(f"{path}, line {n}: student id {sid!r} appears twice; keep one row per student")
            values = {k: (row.get(k) or "").strip() for k in ROSTER_COLUMNS[1:] + ROSTER_OPTIONAL}
            roster[sid] = Student(sid, on_roster=True, **values)
    return roster


def import_roster(gb, roster):
    """Names, emails and LMS ids of the roster into nbgrader's gradebook (the formgrader
    shows them); only non-empty fields are written, grades are not touched."""
    for s in roster.values():
        fields = {k: getattr(s, k) for k in ("first_name", "last_name", "email", "lms_user_id") if getattr(s, k)}
        gb.update_or_create_student(s.id, **fields)


# --- One student's result on one assignment ---------------------------------------------

NOT_COUNTED = ("missing", "could not be graded", "not autograded yet", "held for review")


@dataclass
class Result:
    status: str                 # "graded" or one of NOT_COUNTED
    max: float
    cells: dict = field(default_factory=dict)   # (notebook, grade_id) -> score, None while ungraded
    raw: float = None
    penalty: float = 0.0
    seconds_late: float = 0.0
    manual_pending: bool = False
    changed: bool = False       # graded, but the submitted notebooks differ from what was graded
    reason: str = ""            # why a submission is held for review

    @property
    def late(self):
        return self.seconds_late > 0

    @property
    def final(self):
        return None if self.raw is None else max(0.0, self.raw - self.penalty)

    @property
    def percent(self):
        return None if self.final is None or not self.max else 100.0 * self.final / self.max

    @property
    def provisional(self):
        """The score may still change without a new submission: written answers await grading,
        the autograder has not run, the submission changed since it was graded, or it is held."""
        return self.status in ("not autograded yet", "held for review") or \
            (self.status == "graded" and (self.manual_pending or self.changed))

    @property
    def flags(self):
        if self.status == "held for review":
            return [f"held for review: {self.reason}" if self.reason else "held for review"]
        if self.status != "graded":
            return [self.status]
        return ((["changed since graded"] if self.changed else []) + (["late"] if self.late else []) +
                (["needs manual grading"] if self.manual_pending else []))


def held_for_review(root):
    """{(student, assignment): reason} of the submissions tools.tamper holds; {} while that
    module is not part of the kit."""
    if importlib.util.find_spec("tools.tamper") is None:
        return {}
    return dict(importlib.import_module("tools.tamper").held(root))


def answers_digest(folder, names):
    """A hash of what a student wrote in the notebooks `names` of `folder`: the source of every
    cell that nbgrader's autograde keeps as submitted (all but locked and test cells, which it
    restores from the release), so the submitted and the autograded copy agree until the
    student's submission is replaced. None if a notebook is missing or unreadable."""
    h = hashlib.sha256()
    for name in names:
        try:
            nb = notebooks.read(Path(folder) / name)
        except Exception:  # missing, not JSON, not a notebook
            return None
        h.update(name.encode() + b"\0")
        for cell in nb.cells:
            m = notebooks.nbgrader_meta(cell)
            if not (m.get("locked") or notebooks.is_test(cell)):
                h.update(cell.cell_type.encode() + b"\0" + cell.source.encode() + b"\0")
    return h.hexdigest()


def read_timestamp(folder):
    """The submission time in folder/timestamp.txt as a UTC datetime (nbgrader's parser, which
    takes its own format, ISO 8601 and others), None without a readable one."""
    from nbgrader.utils import parse_utc

    path = Path(folder) / "timestamp.txt"
    try:
        return parse_utc(path.read_text().strip()) if path.exists() else None
    except (ValueError, OverflowError):
        return None


def changed_since_graded(root, student, assignment_id):
    """True if submitted/<student>/<assignment>/ is not what was graded. Graded by the kit: its
    files' hash differs from the one recorded when it was graded (the test autograde uses to
    grade it again: flagged here exactly when the next autograde would grade it). Graded by
    nbgrader alone (no record): other answers than autograded/ holds, or another submission
    time (compared as times, not as text)."""
    recorded = graded_state(root, student, assignment_id).get("hash")
    if recorded:
        return recorded != submission_hash(root, student, assignment_id)
    root = Path(root)
    sub = root / course_config.SUBMITTED_DIR / student / assignment_id
    graded = root / course_config.AUTOGRADED_DIR / student / assignment_id
    names = expected_notebooks(root, assignment_id)
    if answers_digest(sub, names) != answers_digest(graded, names):
        return True
    t_sub, t_graded = read_timestamp(sub), read_timestamp(graded)
    return t_sub is not None and t_graded is not None and t_sub != t_graded


def assignment_result(gb, root, assignment_id, student, held=None):
    max_score = gb.find_assignment(assignment_id).max_score
    submitted = student in submissions(root, assignment_id)
    graded_dir = (Path(root) / course_config.AUTOGRADED_DIR / student / assignment_id).is_dir()
    try:
        sub = gb.find_submission(assignment_id, student)
    except MissingEntry:
        sub = None
    if submitted and (student, assignment_id) in (held or {}):
        return Result("held for review", max_score, reason=(held or {})[(student, assignment_id)])
    if not submitted and sub is None:
        return Result("missing", max_score)
    if sub is None or not sub.notebooks or not graded_dir:
        if submitted and sub is None and check_submission(root, student, assignment_id) is None:
            return Result("not autograded yet", max_score)   # gradable, nobody has run autograde on it
        return Result("could not be graded" if submitted else "missing", max_score)
    cells, pending = {}, False
    for nb in sub.notebooks:
        for g in nb.grades:
            ungraded = g.needs_manual_grade and g.manual_score is None
            cells[(nb.name, g.name)] = None if ungraded else g.score
            pending |= bool(g.needs_manual_grade)
    changed = submitted and changed_since_graded(root, student, assignment_id)
    return Result("graded", max_score, cells, sub.score, sub.late_submission_penalty or 0.0,
                  sub.total_seconds_late, pending, changed)


# --- A step's table ---------------------------------------------------------------------

@dataclass(frozen=True)
class Item:
    """A graded cell: an autograder test cell or a manually graded written answer."""
    assignment: str
    notebook: str
    grade_id: str
    max_score: float
    kind: str          # "test" or "written"


def items(gb, assignment_id):
    found = []
    for nb in sorted(gb.find_assignment(assignment_id).notebooks, key=lambda n: n.name):
        for g in sorted(nb.grade_cells, key=lambda g: (g.cell_type != "code", g.name)):
            found.append(Item(assignment_id, nb.name, g.name, g.max_score, "test" if g.cell_type == "code" else "written"))
    return found


@dataclass
class Row:
    student: Student
    results: dict       # assignment id -> Result
    best: str           # the assignment that counts (the best track of step 7)

    @property
    def result(self):
        return self.results[self.best]

    def flags(self, has_roster=True):
        return row_flags(self, has_roster)


@dataclass
class StepTable:
    step: object
    assignments: list
    items: list
    rows: list
    has_roster: bool = True

    def short_label(self, item):
        """The grade id alone when that is unambiguous in this step (for the HTML page)."""
        return item.grade_id if sum(i.grade_id == item.grade_id for i in self.items) == 1 else self.label(item)

    def label(self, item):
        """Column name of an item: notebook:grade_id (with the track if that is ambiguous)."""
        short = f"{item.notebook}:{item.grade_id}"
        clash = sum(f"{i.notebook}:{i.grade_id}" == short for i in self.items) > 1
        return f"{item.assignment}/{short}" if clash else short

    FIRST = ["student", "name", "score", "percent", "flags"]   # what an instructor looks for first

    def header(self):
        multi = len(self.assignments) > 1
        return (self.FIRST + (["track"] if multi else []) + [self.label(i) for i in self.items] +
                ["total", "max", "late_penalty", "late", "days_late"])

    @property
    def fixed(self):
        """Number of columns before the graded cells."""
        return len(self.FIRST) + (len(self.assignments) > 1)

    def csv_rows(self):
        out = []
        for row in self.rows:
            r = row.result
            graded = r.status == "graded"
            line = [row.student.id, row.student.name, fmt(r.final), fmt(r.percent),
                    "; ".join(row_flags(row, self.has_roster))]
            if len(self.assignments) > 1:
                line.append(row.best if graded else "")
            line += [fmt(row.results[i.assignment].cells.get((i.notebook, i.grade_id))) for i in self.items]
            line += [fmt(r.raw), fmt(r.max), fmt(r.penalty if graded else None),
                     "yes" if r.late else "no", fmt(r.seconds_late / late.DAY_S if r.late else None)]
            out.append(line)
        return out

    @property
    def due(self):
        """The step's due date (UTC) and whether it has passed."""
        return course.due_date(self.assignments[0])

    @property
    def counts(self):
        """A step counts in the course summary once it is past due or something of it is graded."""
        return self.due < now() or any(row.result.status == "graded" for row in self.rows)


def now():
    """The current time in UTC (the due dates of course_config.STEPS carry their time zone)."""
    return datetime.now(timezone.utc)


def row_flags(row, has_roster=True):
    if row.result.status == "graded":
        flags = row.result.flags
    else:  # nothing graded on any track: say why, once
        flags = sorted({f for r in row.results.values() for f in r.flags})
        if "could not be graded" in flags:
            flags = ["could not be graded"]
        elif len(flags) > 1:
            flags = [f for f in flags if f != "missing"]   # a track submitted: the others are not missing
    return flags + ([] if row.student.on_roster or not has_roster else ["not on roster"])


def step_table(gb, root, step, students, has_roster=True, held=None):
    """The StepTable of one step for these students (a list of Student)."""
    assignment_ids = [a for a in step.assignments if a in course.available_assignments(root)]
    all_items = [i for a in assignment_ids for i in items(gb, a)]
    rows = []
    for s in students:
        results = {a: assignment_result(gb, root, a, s.id, held) for a in assignment_ids}
        graded = [a for a in assignment_ids if results[a].status == "graded"]
        if graded:
            best = max(graded, key=lambda a: (results[a].percent or 0.0, -assignment_ids.index(a)))
        else:
            best = next((a for a in assignment_ids if results[a].status != "missing"), assignment_ids[0])
        rows.append(Row(s, results, best))
    return StepTable(step, assignment_ids, all_items, rows, has_roster)


# --- Item analysis ----------------------------------------------------------------------

@dataclass
class ItemStats:
    item: Item
    n: int                      # students with a score on this item
    mean: float = None          # points
    full_share: float = None    # share of those students with full marks
    discrimination: float = None  # corrected item-total correlation; None if undefined
    ungraded: int = 0           # graded submissions whose (written) answer awaits manual grading

    @property
    def mean_percent(self):
        return None if self.mean is None or not self.item.max_score else 100.0 * self.mean / self.item.max_score

    @property
    def highlight(self):
        """'nobody' if nobody, 'everybody' if everybody scored full marks, else '' (also while
        some answers still await manual grading)."""
        if not self.n or self.ungraded:
            return ""
        return "nobody" if self.full_share == 0 else "everybody" if self.full_share == 1 else ""


def item_analysis(scores, item_list):
    """Per item: mean, share of full marks and discrimination, over the students in `scores`
    (a list of {(notebook, grade_id): score or None}, one per graded submission).

    Discrimination is the corrected item-total correlation: Pearson's r between the item's
    score and the student's total over the other items (an ungraded cell counts 0 in the
    total, as in nbgrader's). It is undefined (None) for fewer than 3 students or when the
    item or the rest shows no spread."""
    stats = []
    for item in item_list:
        key = (item.notebook, item.grade_id)
        pairs = [(s[key], sum(v or 0.0 for k, v in s.items() if k != key)) for s in scores if s.get(key) is not None]
        ungraded = len(scores) - len(pairs)
        if not pairs:
            stats.append(ItemStats(item, 0, ungraded=ungraded))
            continue
        x = [p[0] for p in pairs]
        full = sum(math.isclose(v, item.max_score) or v >= item.max_score for v in x) / len(x)
        stats.append(ItemStats(item, len(x), sum(x) / len(x), full, pearson(x, [p[1] for p in pairs]), ungraded))
    return stats


def pearson(x, y):
    n = len(x)
    if n < 3:
        return None
    mx, my = sum(x) / n, sum(y) / n
    sxy = sum((a - mx) * (b - my) for a, b in zip(x, y))
    sxx = sum((a - mx) ** 2 for a in x)
    syy = sum((b - my) ** 2 for b in y)
    if sxx <= 1e-12 or syy <= 1e-12:
        return None
    return sxy / math.sqrt(sxx * syy)


def step_item_analysis(table):
    """{assignment id: [ItemStats]} over the graded submissions of each track."""
    out = {}
    for a in table.assignments:
        scores = [row.results[a].cells for row in table.rows if row.results[a].status == "graded"]
        out[a] = item_analysis(scores, [i for i in table.items if i.assignment == a])
    return out


# --- The course ---------------------------------------------------------------------------

def letter(percent, scale=None):
    for bound, grade in (scale or course_config.LETTER_GRADES):
        if percent >= bound:
            return grade
    return (scale or course_config.LETTER_GRADES)[-1][1]


@dataclass
class Course:
    students: list
    tables: list          # StepTable per step that has an assignment in the course
    has_roster: bool = True

    @property
    def counted(self):
        """The tables that count in the weighted total: past due or with a graded submission."""
        return [t for t in self.tables if t.counts]

    def summary_header(self):
        return ["student", "name"] + [t.step.name for t in self.tables] + ["weighted_total", "provisional", "letter",
                                                                             "flags"]

    def total(self, k):
        """(weighted total over the counted steps, provisional?) of the k-th student."""
        counted = self.counted
        weights = sum(t.step.weight for t in counted)
        results = [t.rows[k].result for t in counted]
        total = sum((r.percent or 0.0) * t.step.weight for r, t in zip(results, counted)) / weights if weights else 0.0
        return total, any(r.provisional for r in results)

    def summary_rows(self):
        """One row per student: the percent of every step (an uncounted step's too, for
        information), the weighted total over the counted steps, `provisional` (yes while a
        counted step may still change: written answers, autograding, a changed or held
        submission), the letter built on the total, and the flags per step."""
        out = []
        for k, s in enumerate(self.students):
            rows = [t.rows[k] for t in self.tables]
            total, provisional = self.total(k)
            flags = [f"{t.step.name}: {', '.join(f)}" for r, t in zip(rows, self.tables)
                     for f in [[x for x in row_flags(r) if x != "not on roster"]] if f]
            flags += [] if s.on_roster or not self.has_roster else ["not on roster"]
            out.append([s.id, s.name] + [fmt(r.result.percent) for r in rows] +
                       [fmt(total), "yes" if provisional else "no", letter(total), "; ".join(flags)])
        return out


def load(root):
    """Read the whole course: roster, extensions and penalties brought up to date first."""
    root = Path(root)
    available = course.available_assignments(root)
    roster = read_roster(root)
    held = held_for_review(root)
    with course.gradebook(root) as gb:
        course.sync_assignments(gb, available)
        import_roster(gb, roster)
        ids = set(roster) | {s.id for s in gb.students} | {s for a in available for s in submissions(root, a)}
        check_extensions(root, ids)
        late.refresh(gb, root, available)
        db = {s.id: s for s in gb.students}
        students = [roster.get(i) or Student(i, db[i].first_name or "" if i in db else "",
                                             db[i].last_name or "" if i in db else "")
                    for i in sorted(ids)]
        tables = [step_table(gb, root, step, students, bool(roster), held) for step in course_config.STEPS
                  if any(a in available for a in step.assignments)]
    return Course(students, tables, bool(roster))


def check_extensions(root, students):
    """Raise ValueError (one line) if the extensions file names a student who is neither on the
    roster nor in the gradebook nor in submitted/: a typo would silently grant nobody."""
    unknown = sorted({s for s, _ in late.read_extensions(root)} - set(students))
    if unknown:
        raise ValueError(f"{course_config.EXTENSIONS_FILE}: an extension for {', '.join(map(repr, unknown))}, who "
                         f"{'is' if len(unknown) == 1 else 'are'} not on the roster and submitted nothing; correct "
                         "the id (the student's folder name in submitted/) or remove the row")


def write(root, out_dir=None, log=print):
    """Write every report; returns the paths written (per-step CSV and HTML, then the course
    summary CSV and HTML, then canvas.csv unless no roster student could go in it: then it is
    not written, a stale one is removed, and `log` gets one line)."""
    root = Path(root)
    out_dir = Path(out_dir or root / course_config.GRADEBOOKS_DIR)
    out_dir.mkdir(parents=True, exist_ok=True)
    c = load(root)
    written = []
    for t in c.tables:
        _write_csv(out_dir / f"{t.step.name}.csv", [t.header()] + t.csv_rows())
        (out_dir / f"{t.step.name}.html").write_text(report.step_page(t, step_item_analysis(t)))
        written += [out_dir / f"{t.step.name}.csv", out_dir / f"{t.step.name}.html"]
    _write_csv(out_dir / "course_summary.csv", [c.summary_header()] + c.summary_rows())
    (out_dir / "course_summary.html").write_text(report.summary_page(c))
    written += [out_dir / "course_summary.csv", out_dir / "course_summary.html"]
    try:
        _write_csv(out_dir / "canvas.csv", canvas_rows(c))
        written.append(out_dir / "canvas.csv")
    except ValueError as e:
        (out_dir / "canvas.csv").unlink(missing_ok=True)
        log(f"  ! canvas.csv not written: {e}")
    return written


# --- Canvas -------------------------------------------------------------------------------

def canvas_column(step):
    """`Step 1: Linear algebra (123456)` with the step's Canvas assignment id, if configured."""
    cid = course_config.CANVAS_ASSIGNMENT_IDS.get(step.name)
    return f"Step {step.number}: {step.title}" + (f" ({cid})" if cid else "")


def canvas_rows(c):
    """Canvas gradebook import: the identity columns, one column per step out of 100 points
    (the step's percent after late penalties), a "Points Possible" row second. Only roster
    students are exported; a step that is missing, could not be graded or still needs manual
    grading is left empty, which Canvas's import leaves unchanged. Raises ValueError (one line)
    when no roster student is there: an empty import would change nothing in Canvas."""
    if not any(s.on_roster for s in c.students):
        raise ValueError(f"no student on a roster ({course_config.ROSTER_FILE} with the columns id, first_name, "
                         "last_name, lms_user_id; see README 'Gradebooks and reports'), so there is nobody to import")
    rows = [CANVAS_FIXED + [canvas_column(t.step) for t in c.tables],
            ["Points Possible", "", "", "", ""] + ["100.00"] * len(c.tables)]
    for k, s in enumerate(c.students):
        if not s.on_roster:
            continue
        line = [s.sortable_name, s.lms_user_id, s.sis_user_id, s.sis_login_id, s.section]
        for t in c.tables:
            r = t.rows[k].result
            done = r.status == "graded" and not r.provisional
            line.append(fmt(r.percent) if done else "")
        rows.append(line)
    return rows


def fmt(x):
    return "" if x is None else f"{float(x):.2f}"


def _write_csv(path, rows):
    with open(path, "w", newline="") as f:
        csv.writer(f).writerows(rows)
