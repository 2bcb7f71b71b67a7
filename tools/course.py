"""A course folder and nbgrader's Python API over it.

A course root holds source/, release/, submitted/, autograded/, feedback/ and gradebook.db.
The instructor's root is this repository; the demo and the tests use scratch roots so they
never touch the instructor's gradebook."""
import shutil
import tempfile
import warnings
from datetime import datetime
from pathlib import Path

from traitlets.config import Config

import course_config

course_config.put_python_bin_on_path()  # before any Gradebook: nbgrader runs `alembic`
course_config.pin_blas_threads()        # the kit's processes grade: their kernels get one BLAS thread


# nbgrader's gradebook triggers SQLAlchemy session warnings that say nothing to an instructor.
warnings.filterwarnings("ignore", message=".*not in session.*")


def config(root=course_config.ROOT):
    return course_config.apply(Config(), root)


def api(root=course_config.ROOT):
    """nbgrader's NbGraderAPI for the course at `root`."""
    from nbgrader.apps import NbGraderAPI
    from nbgrader.coursedir import CourseDirectory

    c = config(root)
    return NbGraderAPI(CourseDirectory(config=c), config=c)


def gradebook(root=course_config.ROOT):
    """nbgrader's Gradebook for the course at `root` (use as a context manager)."""
    from nbgrader.api import Gradebook

    return Gradebook(course_config.db_url(root), course_id=course_config.COURSE_ID)


def available_assignments(root=course_config.ROOT):
    """Assignments of course_config.STEPS that have a source folder, in course order."""
    src = Path(root) / course_config.SOURCE_DIR
    return [a for a in course_config.assignments() if (src / a).is_dir()]


def due_date(assignment_id):
    return datetime.fromisoformat(course_config.step_of(assignment_id).due)


def sync_assignments(gb, assignment_ids):
    """Make sure each assignment exists in the gradebook with its due date from course_config."""
    for a in assignment_ids:
        gb.update_or_create_assignment(a, duedate=due_date(a))


def new_scratch_course(root, assignment_ids, source_root=course_config.ROOT):
    """A fresh course folder at `root` with a copy of the given assignments' sources.

    `root` must be a scratch folder (it is deleted first): never the instructor's course."""
    root = Path(root).resolve()
    if root == course_config.ROOT.resolve():
        raise ValueError("refusing to wipe the instructor's course root; pick a scratch folder")
    if root.exists():
        shutil.rmtree(root)
    (root / course_config.SOURCE_DIR).mkdir(parents=True)
    for a in assignment_ids:
        shutil.copytree(Path(source_root) / course_config.SOURCE_DIR / a,
                        root / course_config.SOURCE_DIR / a,
                        ignore=shutil.ignore_patterns(".ipynb_checkpoints", "__pycache__"))
    return root


# --- Registering an assignment in the course's gradebook ----------------------------------

def recorded_tests(gb, assignment_id):
    """{(notebook, grade_id): (points, source)} of the graded cells nbgrader recorded for the
    assignment ({} if it has none yet)."""
    from nbgrader.api import MissingEntry

    try:
        a = gb.find_assignment(assignment_id)
    except MissingEntry:
        return {}
    out = {}
    for nb in a.notebooks:
        sources = {c.name: c.source for c in nb.source_cells}
        for g in nb.grade_cells:
            out[(nb.name, g.name)] = (float(g.max_score), sources.get(g.name) if g.cell_type == "code" else None)
    return out


def source_tests(assignment_id, root):
    """The same map, read from source/<assignment>/ (what generate_assignment would record)."""
    from tools import notebooks

    out = {}
    for path in notebooks.source_notebooks(assignment_id, root):
        for c in notebooks.read(path).cells:
            meta = notebooks.nbgrader_meta(c)
            if meta.get("grade"):
                out[(path.stem, meta["grade_id"])] = (float(meta.get("points", 0)),
                                                      c.source if c.cell_type == "code" else None)
    return out


def register(root, assignment_ids, log=print):
    """Record each assignment in the course's gradebook from source/ (its notebooks, graded
    cells, tests and points, and its due date), as nbgrader's generate_assignment does, but into
    a scratch release folder: release/ is never written or deleted here. Idempotent: an
    assignment already recorded with the tests and points of source/ is left as it is.

    If source/ changed since it was recorded and submissions are graded against the recorded
    tests, nothing is changed and ValueError says to regrade (so a class is never graded
    against two versions of the tests)."""
    root = Path(root).resolve()
    todo = []
    with gradebook(root) as gb:
        for a in assignment_ids:
            gb.update_or_create_assignment(a, duedate=due_date(a))
            recorded, wanted = recorded_tests(gb, a), source_tests(a, root)
            if recorded == wanted:
                continue
            if recorded and gb.find_assignment(a).submissions:
                raise ValueError(f"source/{a}/ changed since its tests were recorded in the gradebook and "
                                 f"submissions were graded with them; run `.venv/bin/python -m tools regrade {a}` "
                                 f"to record the new tests and grade everyone with them")
            todo.append(a)
    if todo:
        record_source(root, todo)
        for a in todo:
            log(f"  registered {a} in the course gradebook from {course_config.SOURCE_DIR}/{a}/")
    return todo


def record_source(root, assignment_ids):
    """nbgrader's generate_assignment for each assignment, writing its output to a temporary
    folder (only the gradebook keeps what it records). Raises RuntimeError with nbgrader's reason."""
    root = Path(root).resolve()
    nb_api = api(root)
    with tempfile.TemporaryDirectory(prefix="register-") as tmp:
        nb_api.coursedir.release_directory = tmp
        for a in assignment_ids:
            result = nb_api.generate_assignment(a, force=True, create=True)
            if not result["success"]:
                text = (result.get("log") or "") + (result.get("error") or "")
                why = next((l.split("Error: ", 1)[-1] for l in reversed(text.splitlines())
                            if "Cannot" in l or "Error" in l), "see nbgrader's log")
                raise RuntimeError(f"source/{a}: nbgrader could not record it in the gradebook ({why.strip()}); "
                                   "once there are submissions, tests and points may change, but cells may not be "
                                   "added or removed")
