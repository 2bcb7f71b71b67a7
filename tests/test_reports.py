"""Gradebooks, reports, late work, collecting, regrading and manual grades (issue 6), on a
known fictional cohort with exact values, in the manner of nbgrader's own app tests.

The scratch course has the toy notebook (tests/fixtures/toy.ipynb: test_double 2 points,
test_square 3, explain_square 1 written) as step 1, step 2 and two step-7 tracks. The class
(tests/fixtures/cohort/roster.csv) is collected through both routes:

step 1, from a folder <student>/<step>/:       step 2, from a Canvas download zip:
  ada  full, on time, written answer graded 1    ada  full, on time
  bob  untouched release                         bob  full, Canvas LATE, 1.5 days (times CSV)
  cy   double fails only its hidden test         zzed untouched release, not on the roster
  dee  square fails only its hidden test, written answer graded 0
  eve  full, 2 days 3 hours late, written answer graded 1 after autograde
  fay  full, 1 day late with a 2-day extension   step 7: ada gnn full + vae blank,
  gus  misnamed notebook (toy_v2.ipynb)                 cy vae with the hidden double failure
  hal  submits nothing"""
import base64
import csv
import os
import re
import shutil
import struct
import subprocess
import zipfile
from datetime import timedelta
from pathlib import Path

import nbformat
import pytest

import course_config
from tools import autograde, collect, course, feedback, gradebook, late, manual, notebooks, regrade, release

# The cohort's tests share one scratch course on one worker; the real-step feedback test below
# joins each step's group instead (conftest's graded course), so no module-wide mark here.
COHORT = pytest.mark.xdist_group("reports")
FIXTURES = Path(__file__).parent / "fixtures"
TOY = FIXTURES / "toy.ipynb"
S1, S2, GNN, VAE = "01_linear_algebra", "02_calculus_gradients", "07_advanced_gnn", "07_advanced_vae"
ARTIFACTS = course_config.ROOT / "build" / "test-artifacts"
HIDDEN_DOUBLE = {"double": "def double(x):\n    return x + 1"}           # passes double(1) == 2 only
HIDDEN_SQUARE = {"square": "def square(x):\n    return abs(x) * x"}       # passes square(2) == 4 only


def stamp(when):
    return when.strftime("%Y-%m-%d %H:%M:%S.%f UTC")


def toy_course(root, assignment_ids):
    for a in assignment_ids:
        (root / "source" / a).mkdir(parents=True)
        shutil.copy(TOY, root / "source" / a / "toy.ipynb")
    release.generate(root, assignment_ids, log=lambda *_: None)
    return root


def toy_submission(root, a, answers=None, blank=False):
    rel = notebooks.read(root / "release" / a / "toy.ipynb")
    return rel if blank else notebooks.fill(rel, notebooks.read(TOY), answers or {})


def put(folder, nb, name="toy.ipynb", when=None):
    folder.mkdir(parents=True, exist_ok=True)
    nbformat.write(nb, str(folder / name))
    if when is not None:
        (folder / "timestamp.txt").write_text(stamp(when))


@pytest.fixture(scope="module")
def cohort(tmp_path_factory):
    base = tmp_path_factory.mktemp("cohort")
    root = toy_course(base / "course", [S1, S2, GNN, VAE])
    shutil.copy(FIXTURES / "cohort" / "roster.csv", root / course_config.ROSTER_FILE)
    shutil.copy(FIXTURES / "cohort" / "extensions.csv", root / course_config.EXTENSIONS_FILE)
    due1, due2, due7 = course.due_date(S1), course.due_date(S2), course.due_date(GNN)

    inbox = base / "inbox"   # the folder route
    early = due1 - timedelta(hours=1)
    put(inbox / "ada" / S1, toy_submission(root, S1), when=early)
    put(inbox / "bob" / S1, toy_submission(root, S1, blank=True), when=early)
    put(inbox / "cy" / S1, toy_submission(root, S1, HIDDEN_DOUBLE), when=early)
    put(inbox / "dee" / S1, toy_submission(root, S1, HIDDEN_SQUARE), when=early)
    put(inbox / "eve" / S1, toy_submission(root, S1), when=due1 + timedelta(days=2, hours=3))
    put(inbox / "fay" / S1, toy_submission(root, S1), when=due1 + timedelta(days=1))
    put(inbox / "gus" / S1, toy_submission(root, S1), name="toy_v2.ipynb", when=early)
    (inbox / "gus" / "notes.txt").write_text("not in a step folder")
    put(inbox / "ada" / "99_unknown", toy_submission(root, S1))
    put(inbox / "cy" / "07_advanced_topics", toy_submission(root, VAE))
    put(inbox / "ada" / GNN, toy_submission(root, GNN), when=due7 - timedelta(days=1))
    put(inbox / "ada" / VAE, toy_submission(root, VAE, blank=True), when=due7 - timedelta(days=1))
    put(inbox / "cy" / VAE, toy_submission(root, VAE, HIDDEN_DOUBLE), when=due7 - timedelta(days=1))
    folder_report = collect.from_folder(root, inbox)

    canvas = base / "submissions.zip"   # the Canvas route
    with zipfile.ZipFile(canvas, "w") as z:
        z.writestr("lovelaceada_101_5001_toy.ipynb", nbformat.writes(toy_submission(root, S2)))
        z.writestr("babbagebob_LATE_102_5002_toy-1.ipynb", nbformat.writes(toy_submission(root, S2)))
        z.writestr("zzed_199_5003_toy.ipynb", nbformat.writes(toy_submission(root, S2, blank=True)))
        z.writestr("readme.txt", "a file Canvas did not name")
    times = base / "times.csv"
    times.write_text(f"id,submitted_at\n102,{(due2 + timedelta(days=1, hours=12)).isoformat()}\n")
    canvas_report = collect.from_canvas(root, S2, canvas, times=times)

    lines = []
    graded, problems = autograde.autograde(root, [S1, S2, GNN, VAE], log=lines.append)
    with course.gradebook(root) as gb:   # what nbgrader's plugin recorded at autograde time
        eve_penalty_at_autograde = gb.find_submission(S1, "eve").late_submission_penalty
    # the grader's manual grades, entered as the formgrader does
    manual.enter(root, S1, "ada", "toy", "explain_square", 1)
    manual.enter(root, S1, "dee", "toy", "explain_square", 0)
    manual.enter(root, S1, "eve", "toy", "explain_square", 1)
    out = base / "gradebooks"
    paths = gradebook.write(root, out)
    return dict(root=root, base=base, out=out, paths=paths, graded=graded, problems=problems, lines=lines,
                folder=folder_report, canvas=canvas_report, eve_penalty_at_autograde=eve_penalty_at_autograde)


def read_csv(path):
    with open(path, newline="") as f:
        return list(csv.reader(f))


def by_student(path):
    with open(path, newline="") as f:
        return {r["student"]: r for r in csv.DictReader(f)}


# --- 5. Collecting ----------------------------------------------------------------------

@COHORT
def test_folder_collect_places_reports_and_never_loses(cohort):
    r = cohort["folder"]
    assert sorted(r.collected) == sorted([(s, S1) for s in ("ada", "bob", "cy", "dee", "eve", "fay", "gus")] +
                                         [("ada", GNN), ("ada", VAE), ("cy", VAE)])
    inbox = cohort["base"] / "inbox"
    assert r.problems == [
        f"{inbox}/ada/99_unknown: unknown step '99_unknown'; name the folder after a step or assignment id "
        f"(e.g. 01_linear_algebra); not collected",
        f"{inbox}/cy/07_advanced_topics: step '07_advanced_topics' has tracks; name the folder after the track: "
        f"07_advanced_gnn, 07_advanced_vae, 07_advanced_minigpt; not collected",
        "submitted/gus/01_linear_algebra/toy_v2.ipynb: misnamed notebook (collected as it is); "
        "rename it to toy.ipynb and autograde again",
        f"{inbox}/gus/notes.txt: a file outside any step folder, not collected; move it into {inbox}/gus/<step>/",
    ]
    assert (cohort["root"] / "submitted" / "gus" / S1 / "toy_v2.ipynb").exists()
    assert (cohort["root"] / "submitted" / "eve" / S1 / "timestamp.txt").read_text().startswith("2027-01-25 02:59")


@COHORT
def test_canvas_zip_collect_through_nbgrader_zip_collect(cohort):
    r, root = cohort["canvas"], cohort["root"]
    assert sorted(r.collected) == [("ada", S2), ("bob", S2), ("zzed", S2)]
    assert r.problems == [f"downloaded/{S2}/extracted/submissions/readme.txt: not a Canvas submission file name "
                          f"(<name>_<user id>_<submission id>_<file>); not collected (it stays in downloaded/{S2}/extracted)"]
    assert r.notes == ["babbagebob_LATE_102_5002_toy-1.ipynb: Canvas's resubmission name, collected as toy.ipynb",
                       "Canvas user 199 (zzed) is not on the roster (lms_user_id); collected as zzed"]
    assert sorted(p.name for p in (root / "submitted" / "bob" / S2).iterdir()) == ["timestamp.txt", "toy.ipynb"]
    assert (root / "submitted" / "bob" / S2 / "timestamp.txt").read_text() == "2027-02-07 11:59:00"  # UTC
    assert (root / f"downloaded/{S2}/extracted/submissions/readme.txt").exists()


@COHORT
def test_canvas_late_mark_without_time_is_reported(cohort, tmp_path):
    root = toy_course(tmp_path / "course", [S2])
    shutil.copy(FIXTURES / "cohort" / "roster.csv", root / course_config.ROSTER_FILE)
    with zipfile.ZipFile(tmp_path / "s.zip", "w") as z:
        z.writestr("babbagebob_LATE_102_5002_toy.ipynb", nbformat.writes(toy_submission(root, S2)))
    r = collect.from_canvas(root, S2, tmp_path / "s.zip")
    assert r.collected == [("bob", S2)]
    assert r.problems == [f"submitted/bob/{S2}: Canvas marks it LATE but its download has no submission time, so no "
                          "late penalty is computed; pass the times with --times (columns id, submitted_at) and collect again"]


@COHORT
def test_collect_never_overwrites_silently(cohort, tmp_path):
    root = toy_course(tmp_path / "course", [S1])
    inbox = tmp_path / "inbox"
    put(inbox / "ada" / S1, toy_submission(root, S1, blank=True))
    assert collect.from_folder(root, inbox).collected == [("ada", S1)]
    assert collect.from_folder(root, inbox).unchanged == [("ada", S1)]
    put(inbox / "ada" / S1, toy_submission(root, S1))      # a different, newer submission
    r = collect.from_folder(root, inbox)
    assert r.collected == [] and r.problems == [
        f"submitted/ada/{S1} already holds a different submission, kept; collect again with --replace to take "
        f"the one in {inbox}/ada/{S1} (the old one is then kept aside)"]
    assert notebooks.read(root / "submitted" / "ada" / S1 / "toy.ipynb") == toy_submission(root, S1, blank=True)
    r = collect.from_folder(root, inbox, replace=True)
    assert r.collected == [("ada", S1)]
    assert r.notes == [f"submitted/ada/{S1}: replaced; the previous submission is in downloaded/replaced/ada/{S1}/1"]
    kept = root / "downloaded" / "replaced" / "ada" / S1 / "1" / "toy.ipynb"
    assert notebooks.read(kept) == toy_submission(root, S1, blank=True)
    assert notebooks.read(root / "submitted" / "ada" / S1 / "toy.ipynb") == toy_submission(root, S1)


# --- Autograde of the cohort --------------------------------------------------------------

@COHORT
def test_cohort_autograde(cohort):
    assert sorted(cohort["graded"]) == sorted(
        [(s, S1) for s in ("ada", "bob", "cy", "dee", "eve", "fay")] + [(s, S2) for s in ("ada", "bob", "zzed")] +
        [("ada", GNN), ("ada", VAE), ("cy", VAE)])
    assert [str(p) for p in cohort["problems"]] == [
        "gus/01_linear_algebra: submitted/gus/01_linear_algebra/toy.ipynb is missing (found toy_v2.ipynb; "
        "rename it to toy.ipynb), then autograde again"]


# --- 3. Late work -------------------------------------------------------------------------

@pytest.mark.parametrize("seconds, percent", [
    (0, 0), (15 * 60, 0), (15 * 60 + 1, 10), (86400, 10), (86401, 20), (2 * 86400 + 3 * 3600, 30),
    (4.5 * 86400, 50), (30 * 86400, 50)])
@COHORT
def test_penalty_policy(seconds, percent):
    assert late.penalty_percent(seconds) == percent
    assert late.penalty(5.0, seconds) == pytest.approx(5.0 * percent / 100)


@COHORT
def test_late_penalty_goes_through_nbgrader_and_follows_manual_grades(cohort):
    root = cohort["root"]
    # nbgrader's AssignLatePenalties called our plugin: 30% of the 5 autograded points
    assert cohort["eve_penalty_at_autograde"] == 1.5
    with course.gradebook(root) as gb:
        eve = gb.find_submission(S1, "eve")
        assert eve.total_seconds_late == 2 * 86400 + 3 * 3600
        assert eve.score == 6 and eve.late_submission_penalty == 1.8   # refreshed after the manual grade
        fay = gb.find_submission(S1, "fay")
        assert fay.extension == timedelta(days=2) and fay.total_seconds_late == 0
        assert not fay.late_submission_penalty
        bob = gb.find_submission(S2, "bob")
        assert bob.total_seconds_late == 1.5 * 86400 and bob.late_submission_penalty == 1.0


@COHORT
def test_reports_agree_with_nbgraders_own_export(cohort, tmp_path):
    """nbgrader's CSV export (what `nbgrader export` writes) computes the same final scores."""
    from nbgrader.plugins import CsvExportPlugin

    plugin = CsvExportPlugin()
    plugin.to = str(tmp_path / "grades.csv")
    with course.gradebook(cohort["root"]) as gb:
        plugin.export(gb)
    theirs = {(r["assignment"], r["student_id"]): float(r["score"]) for r in csv.DictReader(open(tmp_path / "grades.csv"))}
    for a, name in ((S1, "01_linear_algebra"), (S2, "02_calculus_gradients")):
        ours = by_student(cohort["out"] / f"{name}.csv")
        for student, row in ours.items():
            if row["score"]:
                assert float(row["score"]) == pytest.approx(theirs[(a, student)]), (a, student)
    assert theirs[(S1, "eve")] == pytest.approx(4.2)


@pytest.mark.parametrize("text, message", [
    ("who,step,days\n", "extensions.csv: needs the columns student, step, days (missing student)"),
    ("student,step,days\nfay,08_nope,2\n", "extensions.csv, line 2: unknown step '08_nope'"),
    ("student,step,days\nfay,01_linear_algebra,two\n", "extensions.csv, line 2: days must be a positive number"),
    ("student,step,days\n,01_linear_algebra,2\n", "extensions.csv, line 2: empty student id"),
])
@COHORT
def test_bad_extensions_file_is_one_clear_line(tmp_path, text, message):
    (tmp_path / "extensions.csv").write_text(text)
    with pytest.raises(ValueError, match=re.escape(message)) as e:
        late.read_extensions(tmp_path)
    assert "\n" not in str(e.value)


@COHORT
def test_extension_for_a_step_with_tracks_covers_every_track(tmp_path):
    (tmp_path / "extensions.csv").write_text("student,step,days\nada,07_advanced_topics,1.5\n")
    assert late.read_extensions(tmp_path) == {("ada", a): timedelta(days=1.5) for a in course_config.STEPS[6].assignments}


# --- 1. Per-step gradebook ------------------------------------------------------------------

STEP1_HEADER = ["student", "name", "score", "percent", "flags", "toy:test_double", "toy:test_square",
                "toy:explain_square", "total", "max", "late_penalty", "late", "days_late"]
STEP1_ROWS = [
    ["ada", "Ada Lovelace", "6.00", "100.00", "", "2.00", "3.00", "1.00", "6.00", "6.00", "0.00", "no", ""],
    ["bob", "Bob Babbage", "0.00", "0.00", "", "0.00", "0.00", "0.00", "0.00", "6.00", "0.00", "no", ""],
    ["cy", "Cy Young", "3.00", "50.00", "needs manual grading", "0.00", "3.00", "", "3.00", "6.00", "0.00", "no", ""],
    ["dee", "Dee Dalton", "2.00", "33.33", "", "2.00", "0.00", "0.00", "2.00", "6.00", "0.00", "no", ""],
    ["eve", "Eve Evans", "4.20", "70.00", "late", "2.00", "3.00", "1.00", "6.00", "6.00", "1.80", "yes", "2.12"],
    ["fay", "Fay Fox", "5.00", "83.33", "needs manual grading", "2.00", "3.00", "", "5.00", "6.00", "0.00", "no", ""],
    ["gus", "Gus Grant", "", "", "could not be graded", "", "", "", "", "6.00", "", "no", ""],
    ["hal", "Hal Hill", "", "", "missing", "", "", "", "", "6.00", "", "no", ""],
    ["zzed", "", "", "", "missing; not on roster", "", "", "", "", "6.00", "", "no", ""],
]


@COHORT
def test_step_gradebook_exact(cohort):
    assert read_csv(cohort["out"] / "01_linear_algebra.csv") == [STEP1_HEADER] + STEP1_ROWS


@COHORT
def test_step_gradebook_of_canvas_step(cohort):
    rows = by_student(cohort["out"] / "02_calculus_gradients.csv")
    assert [rows["bob"][k] for k in ("total", "late_penalty", "score", "percent", "late", "days_late", "flags")] == \
        ["5.00", "1.00", "4.00", "66.67", "yes", "1.50", "late; needs manual grading"]
    assert rows["zzed"]["flags"] == "not on roster" and rows["zzed"]["percent"] == "0.00"
    assert rows["ada"]["flags"] == "needs manual grading" and rows["ada"]["percent"] == "83.33"


@COHORT
def test_step7_counts_the_best_track(cohort):
    rows = by_student(cohort["out"] / "07_advanced_topics.csv")
    header = read_csv(cohort["out"] / "07_advanced_topics.csv")[0]
    assert header[:8] == ["student", "name", "score", "percent", "flags", "track", f"{GNN}/toy:test_double",
                          f"{GNN}/toy:test_square"]
    assert [rows["ada"][k] for k in ("track", "total", "percent", f"{VAE}/toy:test_square")] == [GNN, "5.00", "83.33", "0.00"]
    assert [rows["cy"][k] for k in ("track", "total", "percent")] == [VAE, "3.00", "50.00"]
    assert rows["bob"]["track"] == "" and rows["bob"]["flags"] == "missing"


# --- Item analysis ----------------------------------------------------------------------------

@COHORT
def test_item_analysis_exact(cohort):
    """Step 1 over ada, bob, cy, dee, eve, fay (raw scores; cy's and fay's written answers ungraded).
    double = [2,0,0,2,2,2] against rest [4,0,3,0,4,3]: r = 3.3333 / sqrt(5.3333 * 17.3333) = 0.3467;
    square = [3,0,3,0,3,3] against rest [3,0,0,2,3,2]: r = 4 / sqrt(12 * 9.3333) = 0.3780;
    explain = [1,0,0,1] (ada, bob, dee, eve) against rest [5,0,2,5]: r = 4 / sqrt(1 * 18) = 0.9428."""
    c = gradebook.load(cohort["root"])
    stats = gradebook.step_item_analysis(c.tables[0])[S1]
    got = [(s.item.grade_id, s.n, round(s.mean, 4), round(s.full_share, 4), round(s.discrimination, 4), s.ungraded,
            s.highlight) for s in stats]
    assert got == [("test_double", 6, 1.3333, 0.6667, 0.3467, 0, ""),
                   ("test_square", 6, 2.0, 0.6667, 0.378, 0, ""),
                   ("explain_square", 4, 0.5, 0.5, 0.9428, 2, "")]


@COHORT
def test_item_analysis_highlights_items_nobody_or_everybody_solved(cohort):
    c = gradebook.load(cohort["root"])
    step7 = gradebook.step_item_analysis(c.tables[2])
    assert [(s.item.grade_id, s.n, s.full_share, s.discrimination, s.highlight) for s in step7[GNN]] == [
        ("test_double", 1, 1.0, None, "everybody"), ("test_square", 1, 1.0, None, "everybody"),
        ("explain_square", 0, None, None, "")]
    assert [(s.item.grade_id, s.n, s.full_share, s.highlight) for s in step7[VAE]] == [
        ("test_double", 2, 0.0, "nobody"), ("test_square", 2, 0.5, ""), ("explain_square", 1, 0.0, "")]
    page = (cohort["out"] / "07_advanced_topics.html").read_text()
    assert page.count('<tr class="everybody">') == 2 and page.count('<tr class="nobody">') == 1


@COHORT
def test_discrimination_is_undefined_without_spread():
    item = gradebook.Item("a", "nb", "t", 1.0, "test")
    other = ("nb", "u")
    flat = [{("nb", "t"): 1.0, other: v} for v in (0.0, 1.0, 2.0)]
    assert gradebook.item_analysis(flat, [item])[0].discrimination is None
    perfect = [{("nb", "t"): x, other: 2 * x} for x in (0.0, 0.5, 1.0)]
    assert gradebook.item_analysis(perfect, [item])[0].discrimination == pytest.approx(1.0)


# --- 2. Course summary, letters, roster, Canvas -------------------------------------------------

@COHORT
def test_course_summary_exact(cohort):
    rows = read_csv(cohort["out"] / "course_summary.csv")
    assert rows[0] == ["student", "name", S1, S2, "07_advanced_topics", "weighted_total", "provisional", "letter",
                       "flags"]
    # provisional while a counted step waits for written answers (ada's and bob's step 2, cy's and fay's step 1)
    assert [r[:8] for r in rows[1:]] == [
        ["ada", "Ada Lovelace", "100.00", "83.33", "83.33", "88.64", "yes", "B+"],   # (14 + 11.667 + 13.333) / 0.44
        ["bob", "Bob Babbage", "0.00", "66.67", "", "21.21", "yes", "F"],
        ["cy", "Cy Young", "50.00", "", "50.00", "34.09", "yes", "F"],
        ["dee", "Dee Dalton", "33.33", "", "", "10.61", "no", "F"],
        ["eve", "Eve Evans", "70.00", "", "", "22.27", "no", "F"],
        ["fay", "Fay Fox", "83.33", "", "", "26.52", "yes", "F"],
        ["gus", "Gus Grant", "", "", "", "0.00", "no", "F"],
        ["hal", "Hal Hill", "", "", "", "0.00", "no", "F"],
        ["zzed", "", "", "0.00", "", "0.00", "no", "F"]]
    flags = {r[0]: r[8] for r in rows[1:]}
    assert flags["hal"] == f"{S1}: missing; {S2}: missing; 07_advanced_topics: missing"
    assert flags["gus"] == f"{S1}: could not be graded; {S2}: missing; 07_advanced_topics: missing"
    assert flags["zzed"] == f"{S1}: missing; 07_advanced_topics: missing; not on roster"


@pytest.mark.parametrize("percent, letter", [(100, "A"), (93, "A"), (92.99, "A-"), (88.64, "B+"), (60, "D"),
                                             (59.99, "F"), (0, "F")])
@COHORT
def test_letter_scale(percent, letter):
    assert gradebook.letter(percent) == letter


@COHORT
def test_canvas_export_exact(cohort, monkeypatch):
    rows = read_csv(cohort["out"] / "canvas.csv")
    assert rows[:2] == [
        ["Student", "ID", "SIS User ID", "SIS Login ID", "Section", "Step 1: Linear algebra",
         "Step 2: Calculus and gradients", "Step 7: Advanced topics (choose a track)"],
        ["Points Possible", "", "", "", "", "100.00", "100.00", "100.00"]]
    # only complete grades: nothing missing, ungradable or awaiting manual grading; zzed is not on the roster
    assert rows[2:] == [
        ["Lovelace, Ada", "101", "S0101", "ada", "A", "100.00", "", ""],
        ["Babbage, Bob", "102", "S0102", "bob", "A", "0.00", "", ""],
        ["Young, Cy", "103", "S0103", "cy", "B", "", "", ""],
        ["Dalton, Dee", "104", "S0104", "dee", "B", "33.33", "", ""],
        ["Evans, Eve", "105", "S0105", "eve", "A", "70.00", "", ""],
        ["Fox, Fay", "106", "S0106", "fay", "B", "", "", ""],
        ["Grant, Gus", "107", "S0107", "gus", "A", "", "", ""],
        ["Hill, Hal", "108", "S0108", "hal", "B", "", "", ""]]
    monkeypatch.setattr(course_config, "CANVAS_ASSIGNMENT_IDS", {S1: 4711})
    assert gradebook.canvas_column(course_config.STEPS[0]) == "Step 1: Linear algebra (4711)"


@COHORT
def test_roster_names_reach_nbgraders_gradebook(cohort):
    with course.gradebook(cohort["root"]) as gb:
        ada = gb.find_student("ada")
        assert (ada.first_name, ada.last_name, ada.email, ada.lms_user_id) == ("Ada", "Lovelace", "ada@example.edu", "101")
        assert gb.find_student("hal").last_name == "Hill"


@pytest.mark.parametrize("text, message", [
    ("id,first_name\nada,Ada\n", "roster.csv: needs the columns id, first_name, last_name (missing last_name;"),
    ("id,first_name,last_name\nada,Ada,L\nada,Ada,M\n", "roster.csv, line 3: student id 'ada' appears twice"),
    ("id,first_name,last_name\n,Ada,L\n", "roster.csv, line 2: empty id"),
])
@COHORT
def test_bad_roster_is_one_clear_line(tmp_path, text, message):
    (tmp_path / "roster.csv").write_text(text)
    with pytest.raises(ValueError, match=re.escape(message)) as e:
        gradebook.read_roster(tmp_path)
    assert "\n" not in str(e.value)


# --- 1. The HTML report, and once in a real browser -----------------------------------------------

@COHORT
def test_step_report_html(cohort):
    page = (cohort["out"] / "01_linear_algebra.html").read_text()
    images = re.findall(r'<img alt="([^"]*)" src="data:image/png;base64,([^"]+)"', page)
    assert [alt for alt, _ in images] == ["01_linear_algebra: scores (after late penalty)",
                                          "01_linear_algebra: mean score per exercise"]
    for _, data in images:
        png = base64.b64decode(data)
        assert png[:8] == b"\x89PNG\r\n\x1a\n" and len(png) > 5000
    for cell in ("<td>0.35</td>", "<td>0.94</td>", "<td>67%</td>", "<td>1.33</td>"):
        assert cell in page
    assert '<span class="flag could-not-be-graded">could not be graded</span>' in page
    assert "<td class=\"l\">eve</td><td class=\"l\">Eve Evans</td>" in page


def _png_size(path):
    with open(path, "rb") as f:
        head = f.read(24)
    assert head[:8] == b"\x89PNG\r\n\x1a\n", f"{path} is not a PNG"
    return struct.unpack(">II", head[16:24])


@COHORT
def test_report_renders_in_headless_chromium(cohort, tmp_path):
    chromium = shutil.which("chromium") or shutil.which("chromium-browser")
    if chromium is None:
        if os.environ.get("CI") == "true":
            pytest.fail("chromium is required in CI (.ci/run installs it)")
        pytest.skip("chromium not installed")
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    shot = ARTIFACTS / "report_01_linear_algebra.png"
    shot.unlink(missing_ok=True)
    page = cohort["out"] / "01_linear_algebra.html"
    subprocess.run([chromium, "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                    "--disable-background-networking", "--disable-component-update", "--disable-sync",
                    "--hide-scrollbars", f"--user-data-dir={tmp_path / 'profile'}", f"--screenshot={shot}",
                    "--window-size=1280,2000", page.resolve().as_uri()],
                   check=True, capture_output=True, timeout=120)
    assert _png_size(shot) == (1280, 2000) and shot.stat().st_size > 50_000
    # the plots are on the page: pixels of the plots' bar colour, which nothing else uses
    import matplotlib.image
    import numpy as np

    from tools.report import BAR

    pixels = (matplotlib.image.imread(str(shot))[..., :3] * 255).round().astype(int)
    bar = np.array([int(BAR[i:i + 2], 16) for i in (1, 3, 5)])
    near = (np.abs(pixels - bar).max(axis=-1) <= 12).sum()
    assert near > 10_000, f"only {near} pixels of the plots' colour in {shot}"


# --- 4. Feedback never shows hidden tests ------------------------------------------------------------

@COHORT
def test_cohort_feedback_shows_scores_and_no_hidden_line(cohort):
    root = cohort["root"]
    assert feedback.generate(root, cohort["graded"], log=lambda *_: None) == len(cohort["graded"])
    assert feedback.find_leaks(root) == []
    eve = feedback.page_text(root / "feedback" / "eve" / S1 / "toy.html")
    assert "Late submission penalty (Score: -1.8)" in eve and "toy (Score: 4.2 / 6.0)" in eve
    cy = feedback.page_text(root / "feedback" / "cy" / S1 / "toy.html")
    assert "A hidden check failed" in cy and "Exercise: double (Score: 0.0 / 2.0)" in cy
    assert "should be 42" not in cy and "hidden_probe_value" not in cy   # no message, value or code of it


@COHORT
def test_feedback_leak_check_can_fail(cohort, tmp_path):
    """With nbgrader's default feedback (hidden tests shown) the same check finds the leaks."""
    root = cohort["root"]
    nb_api = course.api(root)
    nb_api.config.GenerateFeedback.preprocessors = ["nbgrader.preprocessors.GetGrades"]
    nb_api.coursedir.feedback_directory = str(tmp_path / "course" / "feedback")
    assert nb_api.generate_feedback(S1, "cy", force=True)["success"]
    (tmp_path / "course" / "submitted").symlink_to(root / "submitted")
    leaks = feedback.find_leaks(tmp_path / "course", source_root=root)
    assert "feedback/cy/01_linear_algebra/toy.html: hidden_probe_value = 21" in leaks


@pytest.mark.parametrize("a", [pytest.param(a, marks=pytest.mark.xdist_group(a)) for a in
                               course.available_assignments()])
def test_real_step_feedback_has_no_hidden_line(graded_course, a):
    """Every real step: feedback of conftest's graded students (solution, blank, wrong)."""
    root = graded_course(a)
    pairs = [(s, a) for s in ("solution", "blank", "wrong")]
    assert feedback.generate(root, pairs, log=lambda *_: None) == 3
    assert feedback.find_leaks(root) == []


# --- 6. Regrading, 7. manual grades survive ----------------------------------------------------------

def copy_course(cohort, tmp_path):
    dest = tmp_path / "course"
    shutil.copytree(cohort["root"], dest, symlinks=True)
    return dest


def grades(root):
    return regrade.state(root)


@COHORT
def test_regrade_after_fixing_a_hidden_test(cohort, tmp_path):
    root = copy_course(cohort, tmp_path)
    before = grades(root)
    src = root / "source" / S1 / "toy.ipynb"           # the instructor corrects a hidden test
    src.write_text(src.read_text().replace("assert square(-3) == 9", "assert square(3) == 9"))
    r = regrade.regrade(root, S1, log=lambda *_: None)
    assert r.assignments == [S1] and r.problems and [p.student for p in r.problems] == ["gus"]
    assert sorted(s for s, _ in r.graded) == ["ada", "bob", "cy", "dee", "eve", "fay"]
    assert r.changes == ["dee/01_linear_algebra: 2.00 -> 5.00"]
    after = grades(root)
    changed = sorted(k for k in before if before[k] != after[k])
    assert changed == [(S1, "dee", "toy", "test_square", "auto")]   # nothing else: manual grades, other steps
    with course.gradebook(root) as gb:
        for student, score in (("ada", 1), ("dee", 0), ("eve", 1)):
            g = gb.find_grade("explain_square", "toy", S1, student)
            assert (g.manual_score, g.needs_manual_grade) == (score, False)
    assert by_student(root / "gradebooks" / "01_linear_algebra.csv")["dee"]["score"] == "5.00"
    # nbgrader's generate_assignment wrote into a temporary folder: release/ changes only through `make release`
    assert (root / "release" / S1 / "toy.ipynb").read_bytes() == (cohort["root"] / "release" / S1 / "toy.ipynb").read_bytes()


@COHORT
def test_regrade_refuses_added_cells(cohort, tmp_path):
    root = copy_course(cohort, tmp_path)
    src = root / "source" / S1 / "toy.ipynb"
    nb = notebooks.read(src)
    extra = nbformat.v4.new_code_cell("assert True", metadata={"nbgrader": {
        "grade": True, "grade_id": "test_extra", "locked": True, "points": 1, "schema_version": 3,
        "solution": False, "task": False}})
    nb.cells.append(extra)
    nbformat.write(nb, str(src))
    before = grades(root)
    with pytest.raises(RuntimeError, match="not add or remove cells|cells may not be added or removed"):
        regrade.regrade(root, S1, log=lambda *_: None)
    assert grades(root) == before


@COHORT
def test_manual_grades_survive_reautograde_and_gradebook(cohort, tmp_path):
    root = copy_course(cohort, tmp_path)
    for _ in range(2):
        graded, _ = autograde.autograde(root, [S1], students=["ada", "eve"], force=True, log=lambda *_: None)
        assert sorted(graded) == [("ada", S1), ("eve", S1)]
        gradebook.write(root)
    with course.gradebook(root) as gb:
        for student in ("ada", "eve"):
            g = gb.find_grade("explain_square", "toy", S1, student)
            assert (g.manual_score, g.score, g.needs_manual_grade) == (1, 1, False)
    rows = by_student(root / "gradebooks" / "01_linear_algebra.csv")
    assert [rows["eve"][k] for k in ("toy:explain_square", "total", "late_penalty", "score")] == \
        ["1.00", "6.00", "1.80", "4.20"]
    # a resubmitted (changed) written answer keeps its manual grade but goes back for review
    sub = root / "submitted" / "eve" / S1 / "toy.ipynb"
    nb = notebooks.read(sub)
    next(c for c in nb.cells if notebooks.grade_id(c) == "explain_square").source = "Because minus times minus is plus."
    nbformat.write(nb, str(sub))
    lines = []
    autograde.autograde(root, [S1], students=["eve"], log=lines.append)
    assert "  ! eve/01_linear_algebra: toy:explain_square keeps its manual grade 1, but the answer changed: " \
           "review it in the formgrader" in lines
    with course.gradebook(root) as gb:
        g = gb.find_grade("explain_square", "toy", S1, "eve")
        assert (g.manual_score, g.needs_manual_grade) == (1, True)
