"""The grading pipeline on a toy step with one fixture per situation, exact scores asserted
(in the manner of nbgrader's own tests/apps/test_nbgrader_autograde.py).

The toy notebook (tests/fixtures/toy.ipynb) stands in as step 1 of a scratch course:
double (2 points, its solution writes a warning to stderr), square (3 points), and a written
answer (1 point, manual)."""
import csv
import re
import shutil
import subprocess
import sys
from datetime import timedelta
from pathlib import Path

import nbformat
import pytest

import course_config
from tools import autograde, course, feedback, gradebook, notebooks, release

pytestmark = pytest.mark.xdist_group("pipeline")
TOY = Path(__file__).parent / "fixtures" / "toy.ipynb"
A = "01_linear_algebra"  # the toy notebook plays step 1 in the scratch course


def submit(root, student, nb=None, name="toy.ipynb", late=False, raw=None):
    folder = root / course_config.SUBMITTED_DIR / student / A
    folder.mkdir(parents=True)
    when = course.due_date(A) + (timedelta(days=1) if late else -timedelta(hours=1))
    (folder / "timestamp.txt").write_text(when.strftime("%Y-%m-%d %H:%M:%S.%f UTC"))
    if raw is not None:
        (folder / name).write_text(raw)
    else:
        nbformat.write(nb, str(folder / name))


@pytest.fixture(scope="module")
def toy(tmp_path_factory):
    root = tmp_path_factory.mktemp("toy") / "course"
    (root / "source" / A).mkdir(parents=True)
    shutil.copy(TOY, root / "source" / A / "toy.ipynb")
    release.generate(root, [A], log=lambda *_: None)
    source_nb = notebooks.read(TOY)
    blank = notebooks.read(root / "release" / A / "toy.ipynb")
    full = notebooks.fill(blank, source_nb)
    submit(root, "full", full)
    submit(root, "blank", blank)
    submit(root, "hidden_fail", notebooks.fill(blank, source_nb, {"double": "def double(x):\n    return x + 1"}))
    submit(root, "late", full, late=True)
    submit(root, "corrupt", raw=nbformat.writes(full)[:200])
    submit(root, "misnamed", full, name="toy-Copy1.ipynb")
    lines = []
    graded, problems = autograde.autograde(root, [A], log=lines.append)
    return root, graded, problems, lines


def scores(root, student):
    """({grade_id: score, or None while it needs manual grading}, total)."""
    with course.gradebook(root) as gb:
        sub = gb.find_submission(A, student)
        return {g.name: None if g.needs_manual_grade else g.score for nb in sub.notebooks for g in nb.grades}, sub.score


def test_exact_scores(toy):
    root = toy[0]
    assert scores(root, "full") == ({"test_double": 2, "test_square": 3, "explain_square": None}, 5)
    assert scores(root, "blank") == ({"test_double": 0, "test_square": 0, "explain_square": 0}, 0)
    assert scores(root, "hidden_fail") == ({"test_double": 0, "test_square": 3, "explain_square": None}, 3)
    assert scores(root, "late")[1] == 5


def test_warning_on_stderr_costs_no_points(toy):
    root = toy[0]
    graded_nb = nbformat.read(str(root / "autograded" / "full" / A / "toy.ipynb"), 4)
    answer_out = next(c for c in graded_nb.cells if notebooks.grade_id(c) == "test_double")
    assert not any(o.get("name") == "stderr" for o in answer_out.outputs)
    assert scores(root, "full")[0]["test_double"] == 2


def test_corrupt_and_misnamed_are_reported_in_one_line_and_the_batch_goes_on(toy):
    root, graded, problems, lines = toy
    assert sorted(s for s, _ in graded) == ["blank", "full", "hidden_fail", "late"]
    by_student = {p.student: str(p) for p in problems}
    assert set(by_student) == {"corrupt", "misnamed"}
    assert "submitted/corrupt/01_linear_algebra/toy.ipynb is not a readable notebook" in by_student["corrupt"]
    assert "found toy-Copy1.ipynb; rename it to toy.ipynb" in by_student["misnamed"]
    assert all("\n" not in m for m in by_student.values())
    # the check stage says each unreadable or misnamed submission in one line before grading starts;
    # the progress has one line per graded submission
    assert sum(l.startswith("  ! ") for l in lines) == 2 and len([l for l in lines if "autograde [" in l]) == 4


def test_gradebook_csv_agrees_with_nbgrader_gradebook(toy, tmp_path):
    root = toy[0]
    paths = gradebook.write(root, tmp_path)
    with open(tmp_path / f"{A}.csv") as f:
        rows = {r["student"]: r for r in csv.DictReader(f)}
    assert set(rows) == {"full", "blank", "hidden_fail", "late", "corrupt", "misnamed"}
    with course.gradebook(root) as gb:
        for student in ("full", "blank", "hidden_fail", "late"):
            sub = gb.find_submission(A, student)
            for g in sub.notebooks[0].grades:
                cell = rows[student][f"toy:{g.name}"]
                assert cell == ("" if g.score is None or g.needs_manual_grade else f"{g.score:.2f}")
            assert float(rows[student]["total"]) == sub.score
            final = sub.score - sub.late_submission_penalty
            assert float(rows[student]["percent"]) == pytest.approx(100 * final / sub.max_score, abs=0.01)
    assert rows["late"]["late"] == "yes" and "late" in rows["late"]["flags"]
    # one day late: 10% of the 5 autograded points, recorded by nbgrader's late-submission plugin
    assert (rows["late"]["late_penalty"], rows["late"]["score"], rows["late"]["percent"]) == ("0.50", "4.50", "75.00")
    assert rows["full"]["late"] == "no" and rows["full"]["flags"] == "needs manual grading"
    assert rows["corrupt"]["flags"] == "could not be graded" and rows["corrupt"]["total"] == ""
    # no roster in this course: no canvas.csv (nobody to import), said in one line
    assert [p.name for p in paths] == [f"{A}.csv", f"{A}.html", "course_summary.csv", "course_summary.html"]
    with open(tmp_path / "course_summary.csv") as f:
        summary = {r["student"]: r for r in csv.DictReader(f)}
    assert summary["hidden_fail"][A] == "50.00"  # 3 of 6 points


def test_feedback_never_shows_hidden_tests(toy):
    root, graded = toy[0], toy[1]
    assert feedback.generate(root, graded, log=lambda *_: None) == 4
    secret = notebooks.hidden_only_lines(notebooks.read(TOY), solutions=False)
    assert "hidden_probe_value = 21" in secret
    pages = {p.parent.parent.name: p.read_text() for p in (root / "feedback").rglob("*.html")}
    assert set(pages) == {"blank", "full", "hidden_fail", "late"}
    for student, html in pages.items():
        text = re.sub(r"<[^>]+>", "", html)
        leaked = [line for line in secret if line in text or line.replace('"', "&quot;") in html]
        assert not leaked, f"{student}'s feedback shows hidden lines {leaked}"
        assert "BEGIN HIDDEN TESTS" not in html and "42" not in text.split("Toy step")[-1]
    assert "A hidden check failed" in pages["hidden_fail"]
    assert "NotImplementedError" in pages["blank"]  # a visible failure keeps its traceback


def test_hidden_line_check_in_feedback_can_fail(toy):
    """nbgrader's own feedback (our preprocessor removed) does show the hidden test."""
    root = toy[0]
    from nbgrader.converters import GenerateFeedback
    nb_api = course.api(root)
    nb_api.config.GenerateFeedback.preprocessors = ["nbgrader.preprocessors.GetGrades"]
    out = root / "plain_feedback"
    nb_api.coursedir.feedback_directory = "plain_feedback"
    assert nb_api.generate_feedback(A, "hidden_fail", force=True)["success"]
    assert "hidden_probe_value" in (out / "hidden_fail" / A / "toy.html").read_text()


def test_scratch_course_refuses_the_instructor_root():
    with pytest.raises(ValueError, match="instructor"):
        course.new_scratch_course(course_config.ROOT, [])


@pytest.mark.parametrize("verb", ["release", "export", "autograde", "feedback", "gradebook", "demo", "bench",
                                  "collect", "regrade", "selfgrade"])
def test_every_verb_explains_itself(verb):
    out = subprocess.run([sys.executable, "-m", "tools", verb, "--help"], cwd=course_config.ROOT,
                         capture_output=True, text=True, check=True).stdout
    assert f"python -m tools {verb}" in out and len(out.splitlines()) >= 4


@pytest.mark.parametrize("verb", ["release", "autograde", "feedback", "bench"])
def test_an_unknown_assignment_is_one_line_naming_the_valid_ones(verb):
    r = subprocess.run([sys.executable, "-m", "tools", verb, "99_nope"], cwd=course_config.ROOT,
                       capture_output=True, text=True)
    assert r.returncode == 1
    assert len(r.stderr.strip().splitlines()) == 1, r.stderr
    assert "99_nope" in r.stderr and "01_linear_algebra" in r.stderr


def test_plain_nbgrader_creates_the_gradebook_without_the_venv_on_path(tmp_path):
    """The formgrader and the nbgrader CLI run `alembic` on a new gradebook: nbgrader_config.py
    (through course_config) puts the venv's bin/ on PATH, so `jupyter lab` needs no activation."""
    for name in ("course_config.py", "nbgrader_config.py"):
        shutil.copy(course_config.ROOT / name, tmp_path / name)
    shutil.copytree(course_config.ROOT / "tools", tmp_path / "tools", ignore=shutil.ignore_patterns("__pycache__"))
    run = subprocess.run([sys.executable, "-m", "nbgrader", "db", "student", "list"], cwd=tmp_path,
                         env={"PATH": "/usr/bin:/bin", "HOME": str(tmp_path)}, capture_output=True, text=True)
    assert run.returncode == 0, run.stderr[-2000:]
    assert "0 students" in run.stdout and (tmp_path / course_config.GRADEBOOK_FILE).exists()


def test_bench_sees_a_child_process_memory():
    """The benchmark's memory figure: a child that touches 200 MiB shows up as >= 150 MiB."""
    from tools import bench
    code = "import time; x = b'x' * (200 * 2**20); time.sleep(3)"
    with bench.KernelMemory() as memory:
        subprocess.run([sys.executable, "-c", code], check=True)
    assert memory.peak >= 150 * 2**20, memory.peak
