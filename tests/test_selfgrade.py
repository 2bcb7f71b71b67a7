"""Self-study (issue 7): `python -m tools selfgrade NOTEBOOK` grades a learner's own notebook
with the real autograder, hidden tests included, and prints exact per-exercise scores and the
checks that failed.

The learner's step-1 notebook, built from the course's own material:
  cosine_similarity, low_rank_approx, low_rank_error   solved            1/1, 2/2, 1/1
  r2_score            solved, but its diabetes test calls fit_qr, untouched: 1/3
  projection_matrix   a recorded wrong answer that passes the visible asserts: 0/2, a hidden check
  dense_forward       a recorded wrong answer that fails a visible assert:     0/1, a visible check
  every other exercise untouched                                           0/N, not answered yet
  the written answer  answered (a person grades it, never the command)"""
import re
import subprocess
import sys

import nbformat
import pytest

import course_config
from tools import course, notebooks, release

pytestmark = pytest.mark.xdist_group("selfgrade")
A = "01_linear_algebra"
SOLVED = {"cosine_similarity": 1, "low_rank_approx": 2, "low_rank_error": 1}
HIDDEN_WRONG, VISIBLE_WRONG = ("projection_matrix", 2), ("dense_forward", 1)
PARTLY = ("r2_score", 1, 3)  # solved; its second test (2 points) needs fit_qr, left untouched


def recorded_wrong(gid, hidden_only):
    wrong, _ = notebooks.load_variants(A, "linear_algebra")
    return next(w["code"] for w in wrong[gid] if bool(w.get("hidden_only")) == hidden_only)


@pytest.fixture(scope="module")
def selfgraded(tmp_path_factory):
    source = notebooks.source_notebooks(A)[0]
    # the step's release, freshly generated from source/ in a scratch course
    scratch = course.new_scratch_course(tmp_path_factory.mktemp("release") / "course", [A])
    release.generate(scratch, [A], log=lambda *_: None)
    rel = notebooks.read(scratch / course_config.RELEASE_DIR / A / source.name)
    # the learner works in a copy of the step's folder (as the README says)
    learner = tmp_path_factory.mktemp("learner") / A / source.name
    learner.parent.mkdir()
    answers = {HIDDEN_WRONG[0]: recorded_wrong(HIDDEN_WRONG[0], True),
               VISIBLE_WRONG[0]: recorded_wrong(VISIBLE_WRONG[0], False)}
    nb = notebooks.fill(rel, notebooks.read(source), answers,
                        solve=lambda gid: gid in SOLVED or gid in (PARTLY[0], "normal_equations_derivation"))
    nbformat.write(nb, str(learner))
    before = learner.read_bytes()
    gradebook_db = course_config.ROOT / course_config.GRADEBOOK_FILE
    db_before = gradebook_db.stat().st_mtime_ns if gradebook_db.exists() else None
    run = subprocess.run([sys.executable, "-m", "tools", "selfgrade", str(learner)], cwd=course_config.ROOT,
                         capture_output=True, text=True, timeout=600)
    assert run.returncode == 0, run.stdout + run.stderr
    assert learner.read_bytes() == before, "selfgrade must not change the learner's notebook"
    assert (gradebook_db.stat().st_mtime_ns if gradebook_db.exists() else None) == db_before, \
        "selfgrade must not touch the instructor's gradebook"
    return run.stdout, notebooks.read(source)


def score_lines(out):
    """{exercise: 'score / max' plus its status} from the report's table."""
    rows = {}
    for line in out.splitlines():
        m = re.match(r"^(\w+)\s+(\d+(?:\.\d+)?) / (\d+(?:\.\d+)?)\s*(.*)$", line)
        if m:
            rows[m.group(1)] = f"{m.group(2)} / {m.group(3)}" + (f" {m.group(4)}" if m.group(4) else "")
    return rows


def test_selfgrade_prints_exact_scores_per_exercise(selfgraded):
    out, source_nb = selfgraded
    points = {}
    for gid, ex in notebooks.exercises(source_nb).items():
        points[gid] = sum(int(notebooks.nbgrader_meta(source_nb.cells[i])["points"]) for i in ex.test_indices)
    expected = {gid: f"0 / {p} not answered yet" for gid, p in points.items()}
    expected.update({gid: f"{p} / {p}" for gid, p in SOLVED.items()})
    expected[HIDDEN_WRONG[0]] = f"0 / {HIDDEN_WRONG[1]}"
    expected[VISIBLE_WRONG[0]] = f"0 / {VISIBLE_WRONG[1]}"
    expected[PARTLY[0]] = f"{PARTLY[1]} / {PARTLY[2]}"
    rows = score_lines(out)
    total = rows.pop("total")
    assert rows == expected, out
    earned = sum(SOLVED.values()) + PARTLY[1]
    assert total == f"{earned} / {sum(points.values())} " \
                    f"({100 * earned / sum(points.values()):.1f}% of the autograded points)"
    assert f"as {A}/linear_algebra.ipynb" in out.splitlines()[0] and "hidden" in out.splitlines()[0]


def test_selfgrade_says_which_checks_failed(selfgraded):
    out = selfgraded[0]
    lines = out.splitlines()
    block = lambda gid: lines[lines.index(next(l for l in lines if l.startswith(gid + " "))) + 1:][:2]  # noqa: E731
    hidden = block(HIDDEN_WRONG[0])
    assert re.match(rf"^    test_{HIDDEN_WRONG[0]} failed a hidden check \(line \d+\): AssertionError", hidden[0]), out
    assert hidden[1].startswith("        ") and hidden[1].strip(), out  # the failing line of the hidden test
    visible = block(VISIBLE_WRONG[0])
    assert re.match(rf"^    test_{VISIBLE_WRONG[0]} failed a visible check \(line \d+\): AssertionError", visible[0]), out
    partly = block(PARTLY[0])
    assert re.match(r"^    test_\w+ failed a visible check \(line \d+\): NotImplementedError \(an answer cell it calls "
                    r"is not completed yet\)$", partly[0]) and "fit_qr(" in partly[1], out
    # solved and untouched exercises list no failed check; the written answer is left to a person
    assert sum(l.startswith("    test_") for l in lines) == 3, out
    assert "written answer normal_equations_derivation (3 points, answered): graded by a person" in out


def test_selfgrade_explains_a_notebook_it_cannot_place(tmp_path):
    stray = tmp_path / "my_notes.ipynb"
    nbformat.write(nbformat.v4.new_notebook(), str(stray))
    run = subprocess.run([sys.executable, "-m", "tools", "selfgrade", str(stray)], cwd=course_config.ROOT,
                         capture_output=True, text=True, timeout=120)
    assert run.returncode == 1 and run.stdout == ""
    assert run.stderr.strip().splitlines() == [
        f"error: {stray}: no step has a notebook named my_notes.ipynb; pass the step with --assignment"]


def test_selfgrade_explains_itself():
    out = subprocess.run([sys.executable, "-m", "tools", "selfgrade", "--help"], cwd=course_config.ROOT,
                         capture_output=True, text=True, check=True).stdout
    assert "python -m tools selfgrade" in out and "hidden" in out


def test_selfgrade_without_bubblewrap_grades_the_learners_own_code(tmp_path, monkeypatch):
    """On a learner's machine without bubblewrap (a Mac, a laptop), selfgrade grades without the
    sandbox instead of refusing: it is their own code. The instructor's autograde still refuses."""
    from tools import autograde, sandbox, selfgrade

    monkeypatch.setattr(sandbox, "available", lambda: (False, "bubblewrap is not installed: apt-get install bubblewrap"))
    monkeypatch.delenv(course_config.NO_SANDBOX_ENV, raising=False)
    source = notebooks.source_notebooks(A)[0]
    mine = tmp_path / A / source.name
    mine.parent.mkdir()
    nbformat.write(notebooks.fill(notebooks.read(course_config.ROOT / "release" / A / source.name),
                                  notebooks.read(source)), str(mine))
    report = selfgrade.grade(mine)
    assert report.exercises and all(e.score == e.max_score for e in report.exercises)
    monkeypatch.delenv(course_config.NO_SANDBOX_ENV, raising=False)
    with pytest.raises(RuntimeError, match="refusing to grade untrusted code: bubblewrap is not installed"):
        autograde.autograde(tmp_path / "course", [A], log=lambda *_: None)
