"""Course configuration: the one place for the course id, steps, weights, due dates, grading
limits and paths. Points are not here: they live in each test cell's nbgrader metadata.

This file is read two ways:
* the kit's tools `import course_config` and call `apply(c, root)` on a traitlets Config;
* `nbgrader_config.py` runs it with `load_subconfig`, so the plain `nbgrader` CLI and
  JupyterLab's formgrader see the same course (the block at the bottom).
"""
import os
import sys
from dataclasses import dataclass
from pathlib import Path

COURSE_ID = "ai-math-ml"
ROOT = Path(__file__).resolve().parent


@dataclass(frozen=True)
class Step:
    number: int
    name: str           # lesson file and step id, e.g. "01_linear_algebra"
    title: str
    assignments: tuple  # nbgrader assignment ids (folders in source/); step 7 has one per track
    weight: float       # share of the course total
    due: str            # ISO 8601 with time zone


STEPS = (
    Step(1, "01_linear_algebra", "Linear algebra", ("01_linear_algebra",), 0.14, "2027-01-22T23:59:00+00:00"),
    Step(2, "02_calculus_gradients", "Calculus and gradients", ("02_calculus_gradients",), 0.14, "2027-02-05T23:59:00+00:00"),
    Step(3, "03_probability_statistics", "Probability and statistics", ("03_probability_statistics",), 0.14, "2027-02-19T23:59:00+00:00"),
    Step(4, "04_optimization", "Optimization", ("04_optimization",), 0.14, "2027-03-05T23:59:00+00:00"),
    Step(5, "05_information_theory", "Information theory and attention", ("05_information_theory",), 0.14, "2027-03-19T23:59:00+00:00"),
    Step(6, "06_numerical_methods", "Numerical methods", ("06_numerical_methods",), 0.14, "2027-04-02T23:59:00+00:00"),
    # Step 7: three tracks, each its own assignment so nbgrader scores each honestly;
    # the course summary counts a student's best track.
    Step(7, "07_advanced_topics", "Advanced topics (choose a track)",
         ("07_advanced_gnn", "07_advanced_vae", "07_advanced_minigpt"), 0.16, "2027-04-23T23:59:00+00:00"),
)

# --- Grading ---------------------------------------------------------------------------
# Every solution notebook runs in at most 45 s in total (see `python -m tools bench`);
# 300 s per cell leaves room for a correct but unvectorized answer while still stopping
# an infinite loop.
CELL_TIMEOUT_S = 300
# One BLAS thread per grading kernel: two kernels on two cores with threaded BLAS
# oversubscribe and run a transformer step over ten times slower.
KERNEL_ENV = {"OPENBLAS_NUM_THREADS": "1", "OMP_NUM_THREADS": "1", "MKL_NUM_THREADS": "1"}
# nbgrader scores a test cell 0 if it wrote anything to stderr. A Python warning
# ("...: RuntimeWarning: overflow ...") from a correct answer must not cost points, so
# stderr output matching this pattern is dropped before grading (nbgrader's IgnorePattern).
WARNING_PATTERN = r"\w*Warning: "
# Output size limits per cell in graded notebooks (nbgrader's LimitOutput).
MAX_OUTPUT_LINES = 300
MAX_TRACEBACK_LINES = 60

# --- Grading untrusted code (issue 11) --------------------------------------------------
# Every grading kernel runs in a bubblewrap sandbox (tools/sandbox.py): read-only system and
# venv, the submission's autograded folder its only writable folder, no network, no view of
# the course. `--no-sandbox` (or AI_MATH_NO_SANDBOX=1 in the environment) turns it off.
SANDBOX = True
NO_SANDBOX_ENV = "AI_MATH_NO_SANDBOX"
# Wall-clock budget per notebook: once spent, the running cell is stopped and the notebook's
# remaining cells are not run (scored as failed); NOTEBOOK_GRACE_S later the kernel is killed.
NOTEBOOK_TIMEOUT_S = 420
NOTEBOOK_GRACE_S = 30
# Limits inside the sandbox (per kernel): address space, processes and threads, size of one
# file, open files.
KERNEL_MAX_MEMORY_MB = 8192
KERNEL_MAX_PROCESSES = 128
KERNEL_MAX_FILE_MB = 64
KERNEL_MAX_OPEN_FILES = 512
# Output kept per cell and per notebook in the graded notebook (LimitOutput caps lines only);
# an error output is always kept.
MAX_OUTPUT_BYTES_PER_CELL = 200_000
MAX_OUTPUT_BYTES_PER_NOTEBOOK = 4_000_000
# Submissions held for review (tools/tamper.py) and gradebook backups (tools/backup.py), in
# the course root, never in git.
HELD_FILE = "held_for_review.json"
BACKUP_DIR = "gradebook_backups"
PARTIAL_DIR = "autograded_partial"   # notebooks as far as they ran when their kernel died

# --- Late work (issue 6) ---------------------------------------------------------------
# Each step's due date is in STEPS. A submission later than its due date (plus the student's
# extension, if any) loses LATE_PENALTY_PER_DAY percent of the points it earned for every
# started day late, at most LATE_PENALTY_MAX percent; up to LATE_GRACE_MINUTES late costs
# nothing (clock skew, a slow upload). nbgrader's late-submission plugin applies it
# (tools.late.CoursePenalty, configured in apply() below), so nbgrader's feedback and
# `nbgrader export` show the same numbers as the kit's reports.
LATE_GRACE_MINUTES = 15
LATE_PENALTY_PER_DAY = 10.0   # percent of the score earned
LATE_PENALTY_MAX = 50.0       # percent
# Per-student extensions are student data, so they live in a CSV in the course root (never
# in git): columns student, step, days; `step` is a step name (01_linear_algebra; for step 7
# 07_advanced_topics covers every track) or one assignment id. Written into nbgrader's
# gradebook as the submission's extension (nbgrader adds it to the due date).
EXTENSIONS_FILE = "extensions.csv"

# --- Roster, letter grades, LMS export (issue 6) ----------------------------------------
# The class roster, a CSV in the course root (never in git), in the format of
# `nbgrader db student import`: columns id, first_name, last_name, email, plus optionally
# lms_user_id (the Canvas user id), sis_user_id, sis_login_id, section. Students on the
# roster who submitted nothing appear in the reports as missing.
ROSTER_FILE = "roster.csv"
# Letter grade scale: the first letter whose lower bound (percent of the weighted total)
# the student reaches.
LETTER_GRADES = (
    (93.0, "A"), (90.0, "A-"), (87.0, "B+"), (83.0, "B"), (80.0, "B-"), (77.0, "C+"),
    (73.0, "C"), (70.0, "C-"), (67.0, "D+"), (60.0, "D"), (0.0, "F"),
)
# Canvas assignment ids per step (step name -> id), once the steps exist in Canvas; the
# export then updates those assignments. A step without an id gets a column that Canvas
# imports as a new assignment.
CANVAS_ASSIGNMENT_IDS = {}
# Canvas's "Download Submissions" names each file <name>_[LATE_]<user id>_<submission id>_<file>
# (a resubmitted file gets "-1", "-2" before its extension).
CANVAS_FILENAME = r"(?P<login>[^_]+)_(?P<late>LATE_)?(?P<canvas_id>\d+)_(?P<submission_id>\d+)_(?P<file_id>.+)"

# --- Paths (relative to a course root: this repository, or the demo's scratch course) ---
SOURCE_DIR = "source"
RELEASE_DIR = "release"
SUBMITTED_DIR = "submitted"
AUTOGRADED_DIR = "autograded"
FEEDBACK_DIR = "feedback"
GRADEBOOK_FILE = "gradebook.db"
# The gradebook's database (nbgrader's db_url). None: SQLite, GRADEBOOK_FILE in the course root
# (the default; one machine). For graders on several machines (a Dask cluster), a PostgreSQL
# database they all reach, e.g. "postgresql+psycopg2://grader@db.example.edu/aimath" (psycopg2 is in
# requirements.txt). The environment variable AIMATH_DB_URL overrides it.
DB_URL = None
GRADEBOOKS_DIR = "gradebooks"        # per-step CSV and HTML reports, course summary, Canvas export
COLLECT_DIR = "downloaded"           # `collect` staging (nbgrader zip_collect's layout) and replaced submissions
WRONG_ANSWERS_DIR = ROOT / "instructor" / "wrong_answers"   # instructor-only, never released
DEMO_ROOT = ROOT / "build" / "demo"  # the demo's own scratch course and gradebook
EXPORT_DIR = ROOT / "dist" / "student_export"


def assignments():
    """All nbgrader assignment ids, in course order."""
    return [a for step in STEPS for a in step.assignments]


def assignments_of(name):
    """The assignment ids a step name (step 7: every track) or one assignment id stands for;
    () if it is neither."""
    for step in STEPS:
        if name == step.name:
            return step.assignments
        if name in step.assignments:
            return (name,)
    return ()


def step_of(assignment_id):
    for step in STEPS:
        if assignment_id in step.assignments:
            return step
    raise KeyError(f"{assignment_id!r} is not an assignment of any step in course_config.STEPS")


# nbgrader's file-based exchange on a JupyterHub (release_assignment, fetch_assignment, submit,
# collect): a folder every user of the hub can reach. nbgrader's own default; the environment
# variable AIMATH_EXCHANGE_ROOT overrides it (as the tests do).
EXCHANGE_ROOT = "/srv/nbgrader/exchange"


def exchange_root():
    return os.environ.get("AIMATH_EXCHANGE_ROOT") or EXCHANGE_ROOT


def db_url(root=ROOT):
    """The gradebook's SQLAlchemy URL for the course at `root` (DB_URL, or SQLite in the root).
    SQLite waits up to 60 s for a lock, so parallel graders queue instead of failing."""
    url = os.environ.get("AIMATH_DB_URL") or DB_URL
    return url or f"sqlite:///{Path(root).resolve() / GRADEBOOK_FILE}?timeout=60"


# --- Parallel grading (issue 12) --------------------------------------------------------
# Grading workers per machine (`autograde --jobs`): one per core by default. Each grades its
# share of the submissions one after another in one process (nbgrader's start-up paid once)
# and its kernels use one BLAS thread (KERNEL_ENV).
GRADING_JOBS = os.cpu_count() or 1


def pin_blas_threads():
    """One BLAS thread in this process and the kernels it starts: for grading processes only
    (the kit's tools, the `nbgrader` CLI), never an instructor's own JupyterLab kernels."""
    os.environ.update(KERNEL_ENV)


def put_python_bin_on_path():
    """nbgrader runs `alembic` as a subprocess when it creates or upgrades a gradebook: the bin/
    of the Python running nbgrader (the venv's) must be on PATH, also in a `jupyter lab` or
    `nbgrader` started without the venv activated."""
    bin_dir = str(Path(sys.executable).parent)
    if bin_dir not in os.environ.get("PATH", "").split(os.pathsep):
        os.environ["PATH"] = bin_dir + os.pathsep + os.environ.get("PATH", "")


def sandbox_on():
    """Whether grading kernels run in the sandbox: SANDBOX, unless AI_MATH_NO_SANDBOX=1
    (`--no-sandbox`; worker processes inherit it)."""
    return SANDBOX and os.environ.get(NO_SANDBOX_ENV) != "1"


def apply(c, root=ROOT):
    """Configure nbgrader (a traitlets Config `c`) for the course rooted at `root`."""
    root = Path(root).resolve()
    c.CourseDirectory.course_id = COURSE_ID
    c.CourseDirectory.root = str(root)
    c.CourseDirectory.source_directory = SOURCE_DIR
    c.CourseDirectory.release_directory = RELEASE_DIR
    c.CourseDirectory.submitted_directory = SUBMITTED_DIR
    c.CourseDirectory.autograded_directory = AUTOGRADED_DIR
    c.CourseDirectory.feedback_directory = FEEDBACK_DIR
    c.CourseDirectory.db_url = db_url(root)
    c.Exchange.root = exchange_root()
    c.Execute.timeout = CELL_TIMEOUT_S
    # Once its last cell has answered, the grading kernel is killed rather than asked to shut
    # down and polled until it exits (nbclient's "graceful" default): nothing of it is still
    # needed, and the sandbox's pid namespace takes every process it started with it.
    c.Execute.shutdown_kernel = "immediate"
    # nbgrader's default kernel arguments, plus: no start-up warning per kernel in the grader's log.
    c.Execute.extra_arguments = ["--HistoryManager.hist_file=:memory:", "--IPKernelApp.log_level=ERROR"]
    c.IgnorePattern.enabled = True
    c.IgnorePattern.pattern = WARNING_PATTERN
    c.LimitOutput.max_lines = MAX_OUTPUT_LINES
    c.LimitOutput.max_traceback = MAX_TRACEBACK_LINES
    # Feedback never shows hidden tests (nbgrader's default shows them and their tracebacks).
    c.GenerateFeedback.preprocessors = [
        "tools.feedback.HideHiddenTests",
        "nbgrader.preprocessors.GetGrades",
        "nbconvert.preprocessors.CSSHTMLHeaderPreprocessor",
    ]
    # Untrusted code (issue 11): nbgrader's Execute with the tamper checks, the notebook's time
    # budget and output capped by bytes (tools.tamper.GuardedExecute), its kernel in the
    # bubblewrap sandbox (tools.sandbox.SandboxKernelManager) unless turned off.
    c.Autograde.autograde_preprocessors = [
        "tools.tamper.GuardedExecute",
        "nbgrader.preprocessors.IgnorePattern",
        "nbconvert.preprocessors.ClearMetadataPreprocessor",
        "nbgrader.preprocessors.LimitOutput",
        "nbgrader.preprocessors.SaveAutoGrades",
        "nbgrader.preprocessors.AssignLatePenalties",
        "nbgrader.preprocessors.CheckCellMetadata",
    ]
    c.SandboxKernelManager.sandbox = sandbox_on()
    # Late penalties through nbgrader's plugin mechanism (see the late-work block above).
    c.AssignLatePenalties.plugin_class = "tools.late.CoursePenalty"
    put_python_bin_on_path()
    # The nbgrader CLI and the formgrader import tools.feedback by name: make it importable.
    if str(ROOT) not in sys.path:
        sys.path.insert(0, str(ROOT))
    return c


try:  # run by nbgrader_config.py through load_subconfig
    get_config  # noqa: F821
except NameError:
    pass
else:
    apply(get_config(), Path(__file__).resolve().parent)  # noqa: F821
    # Grading kernels inherit the environment of the process that starts them: pin BLAS in the
    # `nbgrader` CLI (autograde), not in a JupyterLab server whose kernels are the instructor's.
    if Path(sys.argv[0]).name == "nbgrader":
        pin_blas_threads()
