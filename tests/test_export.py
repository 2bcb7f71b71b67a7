"""The student export never ships another step's solutions by default (issue 10, item 5).

The step-7 tracks give earlier steps' solutions as read-only code: the mini-GPT track step 5's
transformer blocks, the GNN and VAE tracks step 2's numerical gradient. The default export
leaves them out with a note; naming them (assignment id or step name) exports them, with a
note. `make export ARGS=...` passes the arguments."""
import subprocess

import pytest

import course_config
from tools import course, export

pytestmark = pytest.mark.xdist_group("release")
MINIGPT = "07_advanced_minigpt"


def released(dest):
    return sorted(p.name for p in (dest / course_config.RELEASE_DIR).iterdir())


def test_step7_tracks_give_earlier_solutions():
    """The premise, measured on the course's own releases as the export reads them."""
    assert export.given_solutions(course_config.ROOT) == [
        ("07_advanced_gnn", "02_calculus_gradients"), ("07_advanced_vae", "02_calculus_gradients"),
        (MINIGPT, "05_information_theory")]


def held_note(a, earlier):
    return (f"  note: {a} not exported: it gives {earlier}'s solutions as read-only code; once those are graded, "
            f"name it: python -m tools export {a} ... (make export ARGS=\"... {a}\")")


def test_default_export_leaves_out_releases_with_solutions(tmp_path):
    notes = []
    dest = export.export(tmp_path / "export", make_zip=False, log=notes.append)
    assert released(dest) == [a for a in course.available_assignments() if not a.startswith("07_")]
    assert export.given_solutions(dest) == [] and export.check(dest) == []
    assert notes[:3] == [held_note("07_advanced_gnn", "02_calculus_gradients"),
                         held_note(MINIGPT, "05_information_theory"),
                         held_note("07_advanced_vae", "02_calculus_gradients")]
    assert len(notes) == 4 and notes[3].startswith("  export: 01_linear_algebra, ")


def test_named_releases_are_exported_with_a_note(tmp_path):
    notes = []
    dest = export.export(tmp_path / "export", make_zip=False, log=notes.append, steps=["05_information_theory", MINIGPT])
    assert released(dest) == ["05_information_theory", MINIGPT]
    assert notes[0] == (f"  note: {MINIGPT} gives 05_information_theory's solutions as read-only code (exported "
                        "because you named it); hand it out only after 05_information_theory is graded")
    notes = []
    dest = export.export(tmp_path / "export7", make_zip=False, log=notes.append, steps=["07_advanced_topics"])
    assert released(dest) == ["07_advanced_gnn", MINIGPT, "07_advanced_vae"]
    assert [n.split(" (exported")[0] for n in notes[:3]] == [
        "  note: 07_advanced_gnn gives 02_calculus_gradients's solutions as read-only code",
        "  note: 07_advanced_vae gives 02_calculus_gradients's solutions as read-only code",
        f"  note: {MINIGPT} gives 05_information_theory's solutions as read-only code"]


def test_make_export_passes_args(tmp_path):
    dest = tmp_path / "out"
    run = subprocess.run(["make", "-o", ".venv/.installed", "export",
                          f"ARGS=01_linear_algebra --no-zip --dest {dest}"],
                         cwd=course_config.ROOT, capture_output=True, text=True, timeout=600)
    assert run.returncode == 0, run.stderr
    assert released(dest) == ["01_linear_algebra"] and not (tmp_path / "out.zip").exists()
    assert f"export: 01_linear_algebra; " in run.stdout
