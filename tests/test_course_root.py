"""Issue 10: the README's instructor workflow, verbatim, in the repository's own course root.

A fresh copy of the repository (a clone, with the working tree's tracked and new files laid
over it, and the venv linked in as `make` would have built it) gets what an instructor has
after a deadline: a folder of step-1 submissions in ~/Downloads/step1/ and a Canvas download of
step 2 with its times. Then every command of the README's "Gradebooks and reports" block runs
as written there, in that folder, one line at a time; the grades are checked in nbgrader's
gradebook, and release/ and source/ are checked unchanged, also after nbgrader's own hint
(`nbgrader generate_assignment <step> --force`), which once deleted release/<step>."""
import os
import re
import shutil
import subprocess
import zipfile
from datetime import timedelta
from pathlib import Path

import nbformat
import pytest
from nbgrader.api import Gradebook

import course_config
from conftest import wrong_submission_answers
from tools import course, notebooks

pytestmark = pytest.mark.xdist_group("course_root")
ROOT = course_config.ROOT
S1, S2 = "01_linear_algebra", "02_calculus_gradients"


def readme_block():
    """The commands of the README's 'Gradebooks and reports' block, comments dropped."""
    text = (ROOT / "README.md").read_text()
    section = text[text.index("## Gradebooks and reports"):]
    block = re.search(r"```bash\n(.*?)```", section, re.S).group(1)
    return [l for l in block.splitlines() if l.strip() and not l.lstrip().startswith("#")]


def fresh_clone(dest):
    subprocess.run(["git", "clone", "-q", str(ROOT), str(dest)], check=True)
    files = subprocess.run(["git", "ls-files", "-z", "--cached", "--others", "--exclude-standard"], cwd=ROOT,
                           check=True, capture_output=True).stdout.decode().split("\0")
    for rel in filter(None, files):   # the working tree as it is (uncommitted work included)
        src = ROOT / rel
        if src.is_file():
            (dest / rel).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(src, dest / rel)
        elif (dest / rel).exists():
            (dest / rel).unlink()
    # the copy as it starts, committed in the clone: `git status` there shows what the commands changed
    subprocess.run(["git", "-c", "user.name=test", "-c", "user.email=test@example.edu", "commit", "-qam",
                    "working tree", "--allow-empty"], cwd=dest, check=True)
    subprocess.run(["git", "add", "-A"], cwd=dest, check=True)
    subprocess.run(["git", "-c", "user.name=test", "-c", "user.email=test@example.edu", "commit", "-qm",
                    "new files", "--allow-empty"], cwd=dest, check=True)
    (dest / ".venv").symlink_to(ROOT / ".venv")
    return dest


def submission(root, a, kind):
    nbs = {}
    for src in notebooks.source_notebooks(a, root):
        release_nb = notebooks.read(root / course_config.RELEASE_DIR / a / src.name)
        if kind == "blank":
            nbs[src.name] = release_nb
        elif kind == "solution":
            nbs[src.name] = notebooks.fill(release_nb, notebooks.read(src))
        else:
            nbs[src.name] = notebooks.fill(release_nb, notebooks.read(src), wrong_submission_answers(a, src)[1])
    return nbs


def put(folder, nbs, when=None):
    folder.mkdir(parents=True)
    for name, nb in nbs.items():
        nbformat.write(nb, str(folder / name))
    if when:
        (folder / "timestamp.txt").write_text(when.strftime("%Y-%m-%d %H:%M:%S UTC"))


def run(line, cwd, env):
    done = subprocess.run(["bash", "-c", line], cwd=cwd, env=env, capture_output=True, text=True, timeout=1800)
    assert done.returncode == 0, f"`{line}` exited {done.returncode}:\n{done.stdout[-3000:]}\n{done.stderr[-3000:]}"
    return done.stdout + done.stderr


@pytest.fixture(scope="module")
def term(tmp_path_factory):
    base = tmp_path_factory.mktemp("term")
    root = fresh_clone(base / "course")
    home = base / "home"
    due1, due2 = course.due_date(S1), course.due_date(S2)
    inbox = home / "Downloads" / "step1"
    put(inbox / "ada" / S1, submission(root, S1, "solution"), due1 - timedelta(hours=2))
    put(inbox / "bob" / S1, submission(root, S1, "blank"), due1 - timedelta(hours=2))
    put(inbox / "cy" / S1, submission(root, S1, "wrong"), due1 - timedelta(hours=2))
    put(inbox / "fay" / S1, submission(root, S1, "solution"), due1 + timedelta(days=1))   # within her extension
    with zipfile.ZipFile(root / "submissions.zip", "w") as z:           # Canvas: <login>_<user id>_<sub id>_<file>
        for login, user_id, kind in (("daltondee", 104, "solution"), ("evanseve", 105, "blank")):
            for name, nb in submission(root, S2, kind).items():
                z.writestr(f"{login}_{user_id}_{9000 + user_id}_{name}", nbformat.writes(nb))
    (root / "times.csv").write_text(f"id,submitted_at\n104,{(due2 - timedelta(hours=3)).isoformat()}\n"
                                    f"105,{(due2 - timedelta(hours=1)).isoformat()}\n")
    env = {k: v for k, v in os.environ.items() if not k.startswith(("JUPYTER", "AIMATH_"))}
    env["HOME"] = str(home)
    outputs = {}
    for line in readme_block():
        if "tools regrade" in line:  # a late submission arrives after the first grading
            put(root / course_config.SUBMITTED_DIR / "gus" / S1, submission(root, S1, "solution"),
                due1 + timedelta(days=3))
        outputs[line] = run(line, root, env)
    hint = subprocess.run([str(root / ".venv" / "bin" / "nbgrader"), "generate_assignment", S1, "--force"],
                          cwd=root, env=env, capture_output=True, text=True)
    return dict(root=root, outputs=outputs, hint=hint)


def grades(root, a, student):
    with Gradebook(f"sqlite:///{root / 'gradebook.db'}", course_id=course_config.COURSE_ID) as gb:
        sub = gb.find_submission(a, student)
        return ({(nb.name, g.name): (g.auto_score, g.max_score) for nb in sub.notebooks for g in nb.grades
                 if g.cell_type == "code"}, sub.total_seconds_late, sub.late_submission_penalty)


def test_readme_commands_grade_the_class(term):
    root = term["root"]
    assert len(term["outputs"]) == 8
    ada, _, _ = grades(root, S1, "ada")
    assert ada and all(score == top for score, top in ada.values()), ada
    bob, _, _ = grades(root, S1, "bob")
    assert all(score == 0 for score, _ in bob.values())
    cy, _, _ = grades(root, S1, "cy")
    src = notebooks.source_notebooks(S1, root)[0]
    gid, _ = wrong_submission_answers(S1, src)
    nb = notebooks.read(src)
    group = {notebooks.grade_id(nb.cells[i]) for i in notebooks.exercises(nb)[gid].test_indices}
    assert {cell for (_, cell), (score, top) in cy.items() if score != top} <= group
    assert any(cy[(src.stem, g)][0] == 0 for g in group)
    dee, _, _ = grades(root, S2, "dee")     # the Canvas route: user 104 is dee on the roster
    assert dee and all(score == top for score, top in dee.values())
    assert all(score == 0 for score, _ in grades(root, S2, "eve")[0].values())


def test_extension_spares_a_late_penalty(term):
    _, seconds_late, penalty = grades(term["root"], S1, "fay")
    assert seconds_late == 0 and not penalty


def test_regrade_takes_a_submission_never_graded(term):
    out = term["outputs"][".venv/bin/python -m tools regrade 01_linear_algebra               # after correcting a test in source/"]
    assert "regraded 5 submission(s) of 01_linear_algebra" in out
    gus, seconds_late, penalty = grades(term["root"], S1, "gus")
    assert all(score == top for score, top in gus.values()) and seconds_late > 0 and penalty > 0


def test_reports_and_feedback_are_written(term):
    root = term["root"]
    for name in (f"{S1}.csv", f"{S1}.html", f"{S2}.csv", "course_summary.csv", "canvas.csv"):
        assert (root / "gradebooks" / name).is_file(), name
    for student in ("ada", "bob", "cy", "fay"):
        assert list((root / "feedback" / student / S1).glob("*.html")), student


def test_release_and_source_unchanged_even_after_nbgraders_hint(term):
    root = term["root"]
    assert "Removing failed assignment" not in term["hint"].stdout + term["hint"].stderr
    changed = subprocess.run(["git", "status", "--porcelain", "--", "release", "source"], cwd=root,
                             capture_output=True, text=True, check=True).stdout
    assert changed == "", changed
    assert (root / "release" / S1).is_dir()


def test_impossible_requests_are_one_line_and_a_nonzero_exit(term):
    """`--student` nobody submitted, an unknown step: one line naming the fix, exit 1, nothing graded."""
    root = term["root"]
    env = {k: v for k, v in os.environ.items() if not k.startswith(("JUPYTER", "AIMATH_"))}
    for args, expect in ((["autograde", S1, "--student", "nobody"], "nobody: nothing submitted for 01_linear_algebra"),
                         (["regrade", S1, "--student", "nobody"], "nobody: nothing submitted for 01_linear_algebra"),
                         (["feedback", S1, "--student", "nobody"], "nobody: nothing submitted for 01_linear_algebra"),
                         (["autograde", "08_unknown"], "08_unknown: not a step or assignment of course_config.STEPS")):
        done = subprocess.run([".venv/bin/python", "-m", "tools", *args], cwd=root, env=env, capture_output=True,
                              text=True, timeout=300)
        lines = [l for l in done.stderr.splitlines() if l.strip()]
        assert done.returncode == 1 and len(lines) == 1 and expect in lines[0], (args, done.stdout, done.stderr)


def test_a_step_name_stands_for_its_tracks(term):
    """07_advanced_topics is accepted wherever an assignment id is: every track of step 7."""
    root = term["root"]
    env = {k: v for k, v in os.environ.items() if not k.startswith(("JUPYTER", "AIMATH_"))}
    done = subprocess.run([".venv/bin/python", "-m", "tools", "autograde", "07_advanced_topics"], cwd=root, env=env,
                          capture_output=True, text=True, timeout=600)
    assert done.returncode == 0 and "graded 0 submission(s); 0 could not be graded" in done.stdout, done.stdout + done.stderr
    with Gradebook(f"sqlite:///{root / 'gradebook.db'}", course_id=course_config.COURSE_ID) as gb:
        names = {a.name for a in gb.assignments}
    assert {"07_advanced_gnn", "07_advanced_vae", "07_advanced_minigpt"} <= names   # registered from source/
