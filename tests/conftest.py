"""Shared fixtures. Every step found in source/ is covered without new test code: tests are
parametrized over course_config's assignments that have a source folder.

Tests of one assignment share one xdist group, so its graded scratch course (releases, three
students autograded through the real nbgrader pipeline) is built once, on one worker."""
import sys
from pathlib import Path

import nbformat
import pytest

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

import course_config  # noqa: E402
from tools import autograde, course, notebooks, release  # noqa: E402

ASSIGNMENTS = course.available_assignments()
SOURCE_NOTEBOOKS = [(a, p) for a in ASSIGNMENTS for p in notebooks.source_notebooks(a)]


def by_assignment(marks_group=""):
    return [pytest.param(a, id=a, marks=pytest.mark.xdist_group(a + marks_group)) for a in ASSIGNMENTS]


def by_notebook(marks_group=""):
    return [pytest.param(a, p, id=f"{a}/{p.stem}", marks=pytest.mark.xdist_group(a + marks_group))
            for a, p in SOURCE_NOTEBOOKS]


def wrong_submission_answers(assignment_id, source_nb_path):
    """The single substitution the 'wrong' student makes in one notebook: the first recorded
    wrong answer of the LAST exercise that has one (so no later exercise depends on it)."""
    wrong, _ = notebooks.load_variants(assignment_id, source_nb_path.stem)
    order = [gid for gid in notebooks.exercises(notebooks.read(source_nb_path)) if wrong.get(gid)]
    if not order:
        return None, {}
    return order[-1], {order[-1]: wrong[order[-1]][0]["code"]}


_graded = {}


@pytest.fixture(scope="session")
def graded_course(tmp_path_factory):
    """graded_course(assignment) -> root of a scratch course where students 'solution',
    'blank' (the untouched release) and 'wrong' (one recorded wrong answer per notebook)
    have been autograded by nbgrader."""

    def build(a):
        if a in _graded:
            return _graded[a]
        root = course.new_scratch_course(tmp_path_factory.mktemp(a) / "course", [a])
        release.generate(root, [a], log=lambda *_: None)
        for student in ("solution", "blank", "wrong"):
            folder = root / course_config.SUBMITTED_DIR / student / a
            folder.mkdir(parents=True)
            for src in notebooks.source_notebooks(a, root):
                rel = notebooks.read(root / course_config.RELEASE_DIR / a / src.name)
                source_nb = notebooks.read(src)
                if student == "blank":
                    nb = rel
                elif student == "solution":
                    nb = notebooks.fill(rel, source_nb)
                else:
                    nb = notebooks.fill(rel, source_nb, wrong_submission_answers(a, src)[1])
                nbformat.write(nb, str(folder / src.name))
        graded, problems = autograde.autograde(root, [a], log=lambda *_: None)
        assert not problems, [str(p) for p in problems]
        _graded[a] = root
        return root

    return build


def code_scores(root, assignment_id, student):
    """{(notebook, grade_id): (score, max_score)} for the autograded test cells of a submission."""
    with course.gradebook(root) as gb:
        sub = gb.find_submission(assignment_id, student)
        return {(nb.name, g.name): (g.score, g.max_score)
                for nb in sub.notebooks for g in nb.grades if g.cell_type == "code"}
