"""Collecting without silent damage (issue 10, items 6 and 7), on the toy course, no grading:
a Canvas zip needs a roster with lms_user_id; an extension for an unknown student stops the
reports in one line; a student with nothing collected is said; a resubmission that differs only
in how its time stamp is written is the same submission; a browser's or JupyterLab's copy name
of the only notebook is fixed with a note."""
import shutil
import zipfile
from pathlib import Path

import nbformat
import pytest

import course_config
from tests.test_reports import FIXTURES, S1, put, toy_course, toy_submission
from tools import __main__ as cli
from tools import collect, gradebook, notebooks

pytestmark = pytest.mark.xdist_group("collect")


@pytest.fixture(scope="module")
def released(tmp_path_factory):
    return toy_course(tmp_path_factory.mktemp("collect") / "course", [S1])


@pytest.fixture
def root(released, tmp_path):
    """A fresh copy of the released toy course (nbgrader's generate_assignment runs once)."""
    return Path(shutil.copytree(released, tmp_path / "course"))


def canvas_zip(path, root):
    with zipfile.ZipFile(path, "w") as z:
        z.writestr("lovelaceada_101_5001_toy.ipynb", nbformat.writes(toy_submission(root, S1)))
    return path


@pytest.mark.parametrize("roster, what", [(None, "is missing"), ("id,first_name,last_name\nada,Ada,Lovelace\n",
                                                                   "has no lms_user_id")])
def test_canvas_zip_without_roster_or_lms_ids_stops_in_one_line(root, tmp_path, capsys, roster, what):
    if roster:
        (root / course_config.ROSTER_FILE).write_text(roster)
    z = canvas_zip(tmp_path / "s.zip", root)
    assert cli.main(["collect", str(z), "--assignment", S1, "--root", str(root)]) == 1
    err = capsys.readouterr().err
    assert err == (f"error: roster.csv {what}: a Canvas zip names students by Canvas user id only; write the roster "
                   "with an lms_user_id column first (README 'Gradebooks and reports'); nothing collected\n")
    assert not (root / "submitted").exists()


def test_canvas_zip_with_a_roster_collects_by_lms_user_id(root, tmp_path):
    shutil.copy(FIXTURES / "cohort" / "roster.csv", root / course_config.ROSTER_FILE)
    r = collect.from_canvas(root, S1, canvas_zip(tmp_path / "s.zip", root))
    assert r.collected == [("ada", S1)] and r.problems == []


def test_extension_for_an_unknown_student_is_one_line_and_exit_1(root, capsys):
    shutil.copy(FIXTURES / "cohort" / "roster.csv", root / course_config.ROSTER_FILE)
    (root / course_config.EXTENSIONS_FILE).write_text("student,step,days\nfay,01_linear_algebra,2\nfey,01_linear_algebra,2\n")
    assert cli.main(["gradebook", "--root", str(root)]) == 1
    assert capsys.readouterr().err == (
        "error: extensions.csv: an extension for 'fey', who is not on the roster and submitted nothing; correct the id "
        "(the student's folder name in submitted/) or remove the row\n")
    (root / course_config.EXTENSIONS_FILE).write_text("student,step,days\nfay,01_linear_algebra,2\n")
    assert cli.main(["gradebook", "--root", str(root)]) == 0


def test_a_student_with_nothing_collected_is_said(root, tmp_path):
    shutil.copy(FIXTURES / "cohort" / "roster.csv", root / course_config.ROSTER_FILE)
    inbox = tmp_path / "inbox"
    put(inbox / "ada" / S1, toy_submission(root, S1))
    put(inbox / "zoe" / "01_linear_algbra", toy_submission(root, S1))      # not on the roster, a typo'd step
    (inbox / "kim").mkdir()                                               # on no roster, empty
    r = collect.from_folder(root, inbox)
    assert r.collected == [("ada", S1)] and r.notes == []
    assert r.problems == [
        f"{inbox}/kim: nothing collected for kim (not on the roster roster.csv either); see the lines above, "
        "or put the notebooks in <student>/<step>/",
        f"{inbox}/zoe/01_linear_algbra: unknown step '01_linear_algbra'; name the folder after a step or assignment "
        "id (e.g. 01_linear_algebra); not collected",
        f"{inbox}/zoe: nothing collected for zoe (not on the roster roster.csv either); see the lines above, "
        "or put the notebooks in <student>/<step>/"]
    put(inbox / "zoe" / S1, toy_submission(root, S1))
    r = collect.from_folder(root, inbox)
    assert f"{inbox}/zoe: zoe is not on the roster (roster.csv); collected anyway, add them to the roster" in r.notes


@pytest.mark.parametrize("stamp", ["2027-01-22 18:04:11.000000 UTC", "2027-01-22T18:04:11Z", "2027-01-22 18:04:11\n",
                                   "2027-01-22T19:04:11+01:00"])
def test_same_submission_with_the_time_written_otherwise_is_unchanged(root, tmp_path, stamp):
    inbox = tmp_path / "inbox"
    put(inbox / "ada" / S1, toy_submission(root, S1))
    (inbox / "ada" / S1 / "timestamp.txt").write_text("2027-01-22 18:04:11 UTC")
    assert collect.from_folder(root, inbox).collected == [("ada", S1)]
    (inbox / "ada" / S1 / "timestamp.txt").write_text(stamp)
    r = collect.from_folder(root, inbox)
    assert (r.collected, r.unchanged, r.problems) == ([], [("ada", S1)], [])
    (inbox / "ada" / S1 / "timestamp.txt").write_text("2027-01-22 18:04:12 UTC")   # another second: another one
    r = collect.from_folder(root, inbox)
    assert r.unchanged == [] and r.problems[0].startswith(f"submitted/ada/{S1} already holds a different submission")


@pytest.mark.parametrize("name", ["toy (1).ipynb", "toy (12).ipynb", "toy-Copy1.ipynb", "toy-Copy2.ipynb"])
def test_a_copy_name_of_the_only_notebook_is_fixed_with_a_note(root, tmp_path, name):
    inbox = tmp_path / "inbox"
    put(inbox / "ada" / S1, toy_submission(root, S1), name=name)
    r = collect.from_folder(root, inbox)
    assert r.collected == [("ada", S1)] and r.problems == []
    assert r.notes == [f"submitted/ada/{S1}/toy.ipynb: submitted as {name!r} (a browser's or JupyterLab's copy "
                       "name), collected as toy.ipynb"]
    assert sorted(p.name for p in (root / "submitted" / "ada" / S1).iterdir()) == ["toy.ipynb"]
    assert notebooks.read(root / "submitted" / "ada" / S1 / "toy.ipynb") == toy_submission(root, S1)
    assert collect.from_folder(root, inbox).unchanged == [("ada", S1)]      # the same submission next time


@pytest.mark.parametrize("names", [["toy (1).ipynb", "toy.ipynb"], ["toy (1).ipynb", "toy-Copy1.ipynb"],
                                   ["other (1).ipynb"], ["toy_final.ipynb"]])
def test_other_misnamings_are_collected_as_they_are_and_reported(root, tmp_path, names):
    inbox = tmp_path / "inbox"
    for name in names:
        put(inbox / "ada" / S1, toy_submission(root, S1), name=name)
    r = collect.from_folder(root, inbox)
    assert sorted(p.name for p in (root / "submitted" / "ada" / S1).iterdir()) == sorted(names)
    assert r.notes == [] and [p.split(": ")[1].split(";")[0] for p in r.problems] == \
        ["misnamed notebook (collected as it is)"] * sum(n != "toy.ipynb" for n in names)


def test_gradebook_cli_says_when_canvas_csv_is_not_written(root, capsys):
    assert cli.main(["gradebook", "--root", str(root)]) == 0
    out = capsys.readouterr().out
    assert "  ! canvas.csv not written: no student on a roster" in out
    assert not (root / "gradebooks" / "canvas.csv").exists()
    assert (root / "gradebooks" / "course_summary.csv").exists()
