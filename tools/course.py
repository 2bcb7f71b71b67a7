"""A course folder and nbgrader's Python API over it.

A course root holds source/, release/, submitted/, autograded/, feedback/ and gradebook.db.
The instructor's root is this repository; the demo and the tests use scratch roots so they
never touch the instructor's gradebook."""
import shutil
import warnings
from datetime import datetime
from pathlib import Path

from traitlets.config import Config

import course_config

course_config.put_python_bin_on_path()  # before any Gradebook: nbgrader runs `alembic`


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

    return Gradebook(f"sqlite:///{Path(root).resolve() / course_config.GRADEBOOK_FILE}",
                     course_id=course_config.COURSE_ID)


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
