"""Submissions that fight the grader (see also tests/test_sandbox.py), on the toy step
(tests/fixtures/toy.ipynb: double 2 points,
square 3 points, a written answer): an endless loop, SystemExit, a deleted test cell, files
written while grading, code that prints the instructor's hidden tests, code that changes the
instructor's files. One fixture per situation, exact scores and one-line messages asserted."""
import shutil
from datetime import timedelta
from pathlib import Path

import nbformat
import pytest

import course_config
from tools import autograde, course, feedback, notebooks, release

pytestmark = pytest.mark.xdist_group("hostile")
TOY = Path(__file__).parent / "fixtures" / "toy.ipynb"
A = "01_linear_algebra"
TIMEOUT_S = 6  # instead of course_config's 300 s, so an endless loop costs seconds here

# Answers for `square` (the toy's second exercise); `double` is always the solution.
LOOPS = "def square(x):\n    while True:\n        pass"
EXITS = "def square(x):\n    raise SystemExit(3)"
WRITES = "def square(x):\n    open('notes.txt', 'w').write('scratch')\n    return x * x"
# reads the instructor's source notebook three folders up and prints its hidden line
PRINTS_HIDDEN = ("import json, pathlib\n"
                 "_src = pathlib.Path('../../../source/01_linear_algebra/toy.ipynb')\n"
                 "print([l for c in json.loads(_src.read_text())['cells'] for l in c['source'] if 'probe' in l][0])\n"
                 "def square(x):\n    return x * x")
CHANGES_SOURCE = ("import pathlib\n"
                  "pathlib.Path('../../../source/01_linear_algebra/planted.txt').write_text('x')\n"
                  "def square(x):\n    return x * x")


def new_course(tmp_path_factory, name):
    root = tmp_path_factory.mktemp(name) / "course"
    (root / "source" / A).mkdir(parents=True)
    shutil.copy(TOY, root / "source" / A / "toy.ipynb")
    release.generate(root, [A], log=lambda *_: None)
    return root


def submit(root, student, square=None, drop_test=None):
    blank = notebooks.read(root / "release" / A / "toy.ipynb")
    nb = notebooks.fill(blank, notebooks.read(TOY), {"square": square} if square else {})
    if drop_test:
        nb.cells = [c for c in nb.cells if notebooks.grade_id(c) != drop_test]
    folder = root / course_config.SUBMITTED_DIR / student / A
    folder.mkdir(parents=True)
    (folder / "timestamp.txt").write_text((course.due_date(A) - timedelta(hours=1)).strftime("%Y-%m-%d %H:%M:%S.%f UTC"))
    nbformat.write(nb, str(folder / "toy.ipynb"))


@pytest.fixture(scope="module")
def hostile(tmp_path_factory):
    root = new_course(tmp_path_factory, "hostile")
    for student, square, drop in [("full", None, None), ("loops", LOOPS, None), ("exits", EXITS, None),
                                  ("deleted", None, "test_square"), ("writes", WRITES, None),
                                  ("prints_hidden", PRINTS_HIDDEN, None)]:
        submit(root, student, square, drop)
    lines = []
    with pytest.MonkeyPatch.context() as mp:
        mp.setattr(course_config, "CELL_TIMEOUT_S", TIMEOUT_S)
        graded, problems = autograde.autograde(root, [A], log=lines.append)
        written = feedback.generate(root, graded, log=lines.append)
    return root, graded, problems, lines, written


def scores(root, student):
    with course.gradebook(root) as gb:
        sub = gb.find_submission(A, student)
        return {g.name: None if g.needs_manual_grade else g.score for nb in sub.notebooks for g in nb.grades}


def page(root, student):
    return feedback.page_text(root / course_config.FEEDBACK_DIR / student / A / "toy.html")


def test_every_hostile_submission_is_graded_and_the_batch_goes_on(hostile):
    root, graded, problems, lines, _ = hostile
    assert sorted(s for s, _ in graded) == ["deleted", "exits", "full", "loops", "prints_hidden", "writes"]
    assert problems == []
    assert scores(root, "full") == {"test_double": 2, "test_square": 3, "explain_square": None}
    for student in ("loops", "exits"):
        assert scores(root, student) == {"test_double": 2, "test_square": 0, "explain_square": None}


def test_an_endless_loop_is_stopped_and_said(hostile):
    root, _, _, lines, _ = hostile
    said = [l for l in lines if "loops/" in l and "limit" in l]
    assert said == [f"  ! loops/{A}: toy.ipynb: test_square ran past the {TIMEOUT_S} s limit and was stopped "
                    "(scored as failed)"]
    text = page(root, "loops")
    assert f"ran longer than the {TIMEOUT_S} s limit" in text and "hidden check failed" not in text


def test_system_exit_is_not_called_a_hidden_failure(hostile):
    text = page(hostile[0], "exits")
    assert "SystemExit: 3" in text and "hidden check failed" not in text


def test_a_deleted_test_cell_scores_0_and_is_said_in_one_line(hostile):
    root, _, _, lines, _ = hostile
    said = [l for l in lines if "deleted/" in l]
    assert said == [f"  ! deleted/{A}: toy.ipynb: test cell test_square was deleted by the student: scored 0"]
    # not left waiting for a manual grade the formgrader could not take (it shows no such cell)
    assert scores(root, "deleted") == {"test_double": 2, "test_square": 0, "explain_square": None}


def test_feedback_holds_only_the_pages(hostile):
    root = hostile[0]
    assert (root / course_config.AUTOGRADED_DIR / "writes" / A / "notes.txt").exists()
    for student in ("full", "writes"):
        names = {p.name for p in (root / course_config.FEEDBACK_DIR / student / A).iterdir()}
        assert names <= {"toy.html", "timestamp.txt"} and "toy.html" in names


def test_the_source_is_out_of_reach_so_nothing_leaks(hostile):
    """In the sandbox (the default) the student's code cannot read source/: it fails, the page
    is written, and no page shows a hidden line."""
    root, _, _, lines, written = hostile
    graded = notebooks.read(root / course_config.AUTOGRADED_DIR / "prints_hidden" / A / "toy.ipynb")
    errors = [o.get("ename") for c in graded.cells for o in c.get("outputs", []) if o.get("output_type") == "error"]
    assert errors[0] == "FileNotFoundError"
    assert scores(root, "prints_hidden") == {"test_double": 2, "test_square": 0, "explain_square": None}
    assert [l for l in lines if "withheld" in l] == []
    assert written == 6 and feedback.find_leaks(root) == []


@pytest.fixture(scope="module")
def unsandboxed(tmp_path_factory):
    """`--no-sandbox`: the kit's second line of defence (a withheld page, a stopped batch)."""
    with pytest.MonkeyPatch.context() as mp:
        mp.setenv(course_config.NO_SANDBOX_ENV, "1")
        root = new_course(tmp_path_factory, "unsandboxed")
        submit(root, "prints_hidden", PRINTS_HIDDEN)
        lines = []
        graded, problems = autograde.autograde(root, [A], log=lines.append)
        written = feedback.generate(root, graded, log=lines.append)
        tamper_root = new_course(tmp_path_factory, "tamper")
        submit(tamper_root, "a_tamper", CHANGES_SOURCE)
        submit(tamper_root, "b_next")
        try:
            autograde.autograde(tamper_root, [A], log=lines.append)
            stopped = None
        except RuntimeError as e:
            stopped = e
    return root, lines, written, tamper_root, stopped


def test_without_the_sandbox_a_page_showing_a_hidden_line_is_withheld(unsandboxed):
    root, lines, written, _, _ = unsandboxed
    assert not (root / course_config.FEEDBACK_DIR / "prints_hidden" / A / "toy.html").exists()
    assert [l for l in lines if "withheld" in l] == [
        f"  ! withheld feedback/prints_hidden/{A}/toy.html: it shows a hidden-test line (printed by the "
        "student's code?); look at that submission"]
    assert written == 0 and feedback.find_leaks(root) == []


def test_the_leak_check_sees_what_the_hostile_code_printed(unsandboxed):
    """The withholding rests on find_leaks: the printed line is a hidden one."""
    root = unsandboxed[0]
    graded = notebooks.read(root / course_config.AUTOGRADED_DIR / "prints_hidden" / A / "toy.ipynb")
    printed = "".join(o.get("text", "") for c in graded.cells for o in c.get("outputs", []))
    assert "hidden_probe_value = 21" in printed
    assert "hidden_probe_value = 21" in notebooks.hidden_only_lines(notebooks.read(TOY), solutions=False)


def test_without_the_sandbox_code_that_changes_the_instructors_files_stops_the_batch(unsandboxed):
    _, _, _, root, stopped = unsandboxed
    assert stopped is not None and f"a_tamper/{A}: grading this submission changed source/{A}/" in str(stopped)
    assert not (root / course_config.AUTOGRADED_DIR / "b_next").exists()
