"""What students get: release/ is in sync with source/, and neither it nor the student export
holds a solution, hidden-test or wrong-answer line."""
import filecmp
import shutil

import nbformat
import pytest

import course_config
from conftest import ASSIGNMENTS
from tools import course, export, release

RELEASE = course_config.ROOT / course_config.RELEASE_DIR


@pytest.fixture(scope="module")
def regenerated(tmp_path_factory):
    root = course.new_scratch_course(tmp_path_factory.mktemp("sync") / "course", ASSIGNMENTS)
    release.generate(root, ASSIGNMENTS, log=lambda *_: None)
    return root / course_config.RELEASE_DIR


@pytest.mark.xdist_group("release")
def test_committed_release_is_in_sync_with_source(regenerated):
    """`python -m tools release` would change nothing."""
    stale = []
    for a in ASSIGNMENTS:
        fresh = sorted(p.relative_to(regenerated) for p in (regenerated / a).rglob("*") if p.is_file())
        committed = sorted(p.relative_to(RELEASE) for p in (RELEASE / a).rglob("*") if p.is_file())
        if fresh != committed:
            stale.append(f"{a}: files differ: {sorted(set(fresh) ^ set(committed))}")
            continue
        for rel in fresh:
            if rel.suffix == ".ipynb":
                same = nbformat.read(str(regenerated / rel), 4) == nbformat.read(str(RELEASE / rel), 4)
            else:
                same = filecmp.cmp(regenerated / rel, RELEASE / rel, shallow=False)
            if not same:
                stale.append(str(rel))
    assert not stale, "release/ is out of date; run `python -m tools release`: " + ", ".join(stale)


@pytest.mark.xdist_group("release")
def test_release_holds_no_solution_or_hidden_test_line():
    leaks = release.find_leaks(RELEASE, ASSIGNMENTS)
    assert not leaks, "\n".join(leaks)


@pytest.mark.xdist_group("release")
def test_leak_check_catches_a_leaked_line(tmp_path):
    """The leak check itself can fail: a release with one hidden line copied in is caught."""
    a = ASSIGNMENTS[0]
    src = next((course_config.ROOT / "source" / a).glob("*.ipynb"))
    from tools import notebooks
    secret = sorted(notebooks.hidden_only_lines(notebooks.read(src)))[0]
    nb = notebooks.read(RELEASE / a / src.name)
    nb.cells[-1].source += "\n" + secret
    (tmp_path / a).mkdir()
    nbformat.write(nb, str(tmp_path / a / src.name))
    assert release.find_leaks(tmp_path, [a])


@pytest.mark.xdist_group("release")
def test_student_export_holds_no_instructor_material(tmp_path):
    dest = export.export(tmp_path / "export", make_zip=True, steps=ASSIGNMENTS, log=lambda *_: None)
    names = {p.name for p in dest.iterdir()}
    assert {"release", "lessons", "data", "README.md"} <= names
    assert not names & {"source", "instructor", "tests", "tools", "course_config.py"}
    for a in ASSIGNMENTS:
        assert list((dest / "release" / a).glob("*.ipynb")), f"{a} missing from the export"
    assert export.check(dest) == []
    assert (tmp_path / "export.zip").stat().st_size > 0


@pytest.mark.xdist_group("release")
def test_export_check_catches_a_wrong_answer(tmp_path):
    """A recorded wrong answer pasted into an exported lesson is caught."""
    block = max(export.instructor_blocks(), key=len)
    assert len(block) >= export.RUN
    (tmp_path / "lessons").mkdir()
    (tmp_path / "lessons" / "x.md").write_text("```python\n" + "\n".join(block) + "\n```\n")
    assert export.check(tmp_path)


@pytest.mark.xdist_group("release")
def test_export_of_some_steps_holds_only_those(tmp_path):
    notes = []
    dest = export.export(tmp_path / "export", make_zip=False, log=notes.append,
                         steps=["01_linear_algebra", "05_information_theory"])
    assert sorted(p.name for p in (dest / "release").iterdir()) == ["01_linear_algebra", "05_information_theory"]
    assert not [n for n in notes if "note:" in n]
    assert export.given_solutions(dest) == []


@pytest.mark.xdist_group("release")
def test_export_says_which_release_gives_earlier_solutions(tmp_path):
    """The mini-GPT track gives step 5's blocks as read-only code: allowed (a later step), and said."""
    notes = []
    dest = export.export(tmp_path / "export", make_zip=False, log=notes.append, steps=["07_advanced_minigpt"])
    assert ("07_advanced_minigpt", "05_information_theory") in export.given_solutions(dest)
    assert any("07_advanced_minigpt gives 05_information_theory's solutions" in n for n in notes)


@pytest.mark.xdist_group("release")
def test_export_check_catches_a_later_steps_solution_in_an_earlier_release(tmp_path):
    """Step 5's solutions in step 1's release would reach students before step 5 is graded."""
    dest = export.export(tmp_path / "export", make_zip=False, log=lambda *_: None, steps=["01_linear_algebra"])
    shutil.copy(RELEASE / "07_advanced_minigpt" / "minigpt.ipynb", dest / "release" / "01_linear_algebra")
    leaks = export.check(dest)
    assert any("05_information_theory's instructor material" in line for line in leaks), leaks
