"""Mid-term reports (issue 10, item 3): what the course summary counts before the term ends, and
the flags that tell an instructor why a score is not final yet.

A toy course with step 1 (due Fri 22 Jan 2027) and step 2 (due Fri 5 Feb 2027), read on
30 Jan 2027 (gradebook.now patched), after this:

  ada  step 1 full, autograded, written answer graded 1: final 6/6;  step 2 submitted, not autograded
  bob  step 1 full, autograded, then replaced by a blank one (collect --replace): changed since graded
  cy   step 1 full, autograded, then held for review by tools.tamper (a fake with one hold)
  dee  step 1 misnamed notebook, autograde refused it: could not be graded
  eve  step 1 full, never autograded: not autograded yet
"""
import csv
import importlib.machinery
import shutil
import sys
import types
from datetime import datetime, timedelta, timezone

import nbformat
import pytest

import course_config
from tests.test_reports import FIXTURES, S1, S2, put, toy_course, toy_submission
from tools import autograde, collect, course, gradebook, manual, report

pytestmark = pytest.mark.xdist_group("midterm")
MIDTERM = datetime(2027, 1, 30, 12, 0, tzinfo=timezone.utc)
REASON = "reads the course folder (open('../source'))"


def fake_tamper(holds):
    """A stand-in for tools.tamper with only held()."""
    module = types.ModuleType("tools.tamper")
    module.__spec__ = importlib.machinery.ModuleSpec("tools.tamper", None)
    module.held = lambda root: dict(holds)
    return module


@pytest.fixture(scope="module")
def midterm(tmp_path_factory):
    base = tmp_path_factory.mktemp("midterm")
    root = toy_course(base / "course", [S1, S2])
    shutil.copy(FIXTURES / "cohort" / "roster.csv", root / course_config.ROSTER_FILE)
    early = course.due_date(S1) - timedelta(hours=1)
    inbox = base / "inbox"
    for s in ("ada", "bob", "cy", "eve"):
        put(inbox / s / S1, toy_submission(root, S1), when=early)
    put(inbox / "dee" / S1, toy_submission(root, S1), name="toy (2).ipynb", when=early)
    put(inbox / "dee" / S1, toy_submission(root, S1), name="other.ipynb")
    put(inbox / "ada" / S2, toy_submission(root, S2), when=course.due_date(S2) - timedelta(days=3))
    collect.from_folder(root, inbox)
    graded, problems = autograde.autograde(root, [S1], students=["ada", "bob", "cy", "dee"], log=lambda *_: None)
    manual.enter(root, S1, "ada", "toy", "explain_square", 1)
    # bob replaces his submission after grading
    put(inbox / "bob" / S1, toy_submission(root, S1, blank=True), when=early + timedelta(minutes=30))
    replaced = collect.from_folder(root, inbox, replace=True)
    return dict(root=root, base=base, graded=graded, problems=problems, replaced=replaced)


@pytest.fixture
def at_midterm(midterm, monkeypatch, tmp_path):
    monkeypatch.setattr(gradebook, "now", lambda: MIDTERM)
    monkeypatch.setitem(sys.modules, "tools.tamper", fake_tamper({("cy", S1): REASON}))
    out = tmp_path / "gradebooks"
    lines = []
    gradebook.write(midterm["root"], out, log=lines.append)
    return dict(midterm, out=out, lines=lines, course=gradebook.load(midterm["root"]))


def rows_of(path):
    with open(path, newline="") as f:
        return {r["student"]: r for r in csv.DictReader(f)}


def test_the_scenario_is_what_the_docstring_says(midterm):
    assert sorted(midterm["graded"]) == [("ada", S1), ("bob", S1), ("cy", S1)]
    assert [p.student for p in midterm["problems"]] == ["dee"]
    assert midterm["replaced"].collected == [("bob", S1)]


def test_each_reason_is_a_flag_of_its_own(at_midterm):
    rows = rows_of(at_midterm["out"] / f"{S1}.csv")
    got = {s: (rows[s]["score"], rows[s]["percent"], rows[s]["flags"]) for s in ("ada", "bob", "cy", "dee", "eve", "fay")}
    assert got == {
        "ada": ("6.00", "100.00", ""),
        "bob": ("5.00", "83.33", "changed since graded; needs manual grading"),
        "cy": ("", "", f"held for review: {REASON}"),        # its autograded 5 points are not counted
        "dee": ("", "", "could not be graded"),
        "eve": ("", "", "not autograded yet"),
        "fay": ("", "", "missing"),
    }
    assert rows_of(at_midterm["out"] / f"{S2}.csv")["ada"]["flags"] == "not autograded yet"


def test_summary_counts_only_steps_past_due_or_graded(at_midterm):
    c = at_midterm["course"]
    assert [(t.step.name, t.counts) for t in c.tables] == [(S1, True), (S2, False)]
    rows = rows_of(at_midterm["out"] / "course_summary.csv")
    got = {s: (rows[s][S1], rows[s][S2], rows[s]["weighted_total"], rows[s]["provisional"], rows[s]["letter"])
           for s in ("ada", "bob", "cy", "dee", "eve")}
    assert got == {
        "ada": ("100.00", "", "100.00", "no", "A"),   # step 2 waits for autograde but is not counted yet
        "bob": ("83.33", "", "83.33", "yes", "B"),    # changed since graded (written answer pending too)
        "cy": ("", "", "0.00", "yes", "F"),           # held
        "dee": ("", "", "0.00", "no", "F"),           # could not be graded: 0 until the instructor acts
        "eve": ("", "", "0.00", "yes", "F"),          # not autograded yet
    }
    page = (at_midterm["out"] / "course_summary.html").read_text()
    assert f"<b>counted</b> (past due or graded): {S1} (due Fri 22 Jan 2027, 23:59 UTC)" in page
    assert f"<b>not counted yet</b> (not due, nothing graded): {S2} (due Fri 5 Feb 2027, 23:59 UTC)" in page
    assert f"<th>{S2} (not counted yet)</th>" in page
    assert page.count('<span class="flag provisional">provisional</span>') == 3
    assert page.index("<th>weighted total</th>") < page.index(f"<th>{S1}</th>")


def test_after_the_due_date_a_step_counts_even_with_nothing_graded(at_midterm, monkeypatch):
    monkeypatch.setattr(gradebook, "now", lambda: course.due_date(S2) + timedelta(minutes=1))
    c = gradebook.load(at_midterm["root"])
    assert [t.counts for t in c.tables] == [True, True]
    ada = c.summary_rows()[0]
    assert ada[:2] == ["ada", "Ada Lovelace"] and ada[4:7] == ["50.00", "yes", "F"]   # 100 * 0.14 / 0.28


def test_step_page_puts_score_percent_flags_first_and_says_the_due_date(at_midterm):
    page = (at_midterm["out"] / f"{S1}.html").read_text()
    assert "Due Fri 22 Jan 2027, 23:59 UTC" in page
    header = page[page.index("<h2>Gradebook</h2>"):]
    header = header[header.index("<thead>"):header.index("</thead>")]
    assert header.startswith('<thead><tr><th class="l">student</th><th class="l">name</th><th>score</th>'
                             '<th>percent</th><th>flags</th>')
    for flag in ("changed-since-graded", "not-autograded-yet", "could-not-be-graded", "held"):
        assert f'<span class="flag {flag}">' in page
    assert "<th>not autograded yet</th><th>changed since graded</th><th>held for review</th>" in page


def test_canvas_leaves_provisional_steps_empty(at_midterm):
    with open(at_midterm["out"] / "canvas.csv", newline="") as f:
        rows = {r[4 - 1]: r for r in csv.reader(f)}   # by SIS Login ID
    assert [rows[s][5] for s in ("ada", "bob", "cy", "dee", "eve")] == ["100.00", "", "", "", ""]


def test_no_roster_no_canvas_csv(at_midterm, tmp_path):
    root = at_midterm["root"]
    (root / course_config.ROSTER_FILE).rename(tmp_path / "roster.csv")
    try:
        out, lines = tmp_path / "out", []
        (out).mkdir()
        (out / "canvas.csv").write_text("stale")
        paths = gradebook.write(root, out, log=lines.append)
    finally:
        (tmp_path / "roster.csv").rename(root / course_config.ROSTER_FILE)
    assert [p.name for p in paths][-2:] == ["course_summary.csv", "course_summary.html"]
    assert not (out / "canvas.csv").exists()
    assert lines == ["  ! canvas.csv not written: no student on a roster (roster.csv with the columns id, first_name, "
                     "last_name, lms_user_id; see README 'Gradebooks and reports'), so there is nobody to import"]


def imports(module):
    """Every module and name a module's source imports (ast: also imports inside functions)."""
    import ast
    import inspect

    found = set()
    for node in ast.walk(ast.parse(inspect.getsource(module))):
        if isinstance(node, ast.Import):
            found |= {a.name for a in node.names}
        elif isinstance(node, ast.ImportFrom):
            found |= {node.module or ""} | {f"{node.module}.{a.name}" for a in node.names}
    return found


def test_no_import_circle_between_gradebook_and_report():
    """report.py renders gradebook's objects without importing it (issue 12, item 5)."""
    assert "tools.report" in imports(gradebook)
    assert not [m for m in imports(report) if "gradebook" in m]


def test_changed_since_graded_is_exactly_what_the_next_autograde_grades_again(midterm):
    """One rule: the report flags a submission 'changed since graded' exactly when autograde
    would grade it again (its files differ from the hash recorded when it was graded) -- also
    for a re-save that changed outputs only, which the answers alone would not show."""
    from tools import check

    root = midterm["root"]
    flags = {s: gradebook.changed_since_graded(root, s, S1) for s in ("ada", "bob", "cy")}
    assert flags == {"ada": False, "bob": True, "cy": False}
    assert flags == {s: not check.is_current(root, s, S1) for s in flags}
    path = root / course_config.SUBMITTED_DIR / "ada" / S1 / "toy.ipynb"
    saved = path.read_bytes()
    try:
        nb = nbformat.read(str(path), as_version=4)
        nb.cells[0].metadata["collapsed"] = True  # a re-save in JupyterLab: same answers
        nbformat.write(nb, str(path))
        assert gradebook.changed_since_graded(root, "ada", S1) and not check.is_current(root, "ada", S1)
    finally:
        path.write_bytes(saved)
    assert not gradebook.changed_since_graded(root, "ada", S1)
