"""Regenerate the student releases in release/ from source/, and check them for leaks.

nbgrader's generate_assignment runs in a scratch course (build/release/) so that releasing
never writes to the instructor's gradebook; the result is copied into release/."""
import shutil
import tempfile
from pathlib import Path

import course_config
from tools import course, notebooks

SCRATCH = course_config.ROOT / "build" / "release"   # one scratch course per run below it


def generate(root, assignment_ids, log=print):
    """generate_assignment for each assignment in the course at `root`; raises on failure."""
    nb_api = course.api(root)
    for k, a in enumerate(assignment_ids, 1):
        result = nb_api.generate_assignment(a, force=True, create=True)
        if not result["success"]:
            raise RuntimeError(f"source/{a}: nbgrader could not generate the release:\n{result.get('error') or result.get('log')}")
        log(f"  release   [{k}/{len(assignment_ids)}] {a}: ok")


def regenerate(assignment_ids=None, dest=course_config.ROOT / course_config.RELEASE_DIR, log=print):
    """Rebuild dest/<assignment>/ for each assignment from source/, then check for leaks."""
    assignment_ids = assignment_ids or course.available_assignments()
    SCRATCH.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(dir=SCRATCH) as tmp:  # two releases at once never share one
        scratch = course.new_scratch_course(Path(tmp) / "course", assignment_ids)
        generate(scratch, assignment_ids, log)
        for a in assignment_ids:
            target = Path(dest) / a
            if target.exists():
                shutil.rmtree(target)
            shutil.copytree(scratch / course_config.RELEASE_DIR / a, target)
    leaks = find_leaks(dest, assignment_ids)
    if leaks:
        raise RuntimeError("release leaks instructor material:\n" + "\n".join(leaks))
    return [Path(dest) / a for a in assignment_ids]


def find_leaks(release_root, assignment_ids, source_root=course_config.ROOT):
    """Lines of solution or hidden-test blocks that appear in any released file; [] if none."""
    leaks = []
    for a in assignment_ids:
        secret = set()
        for src in notebooks.source_notebooks(a, source_root):
            secret |= notebooks.hidden_only_lines(notebooks.read(src))
        for path in sorted((Path(release_root) / a).rglob("*")):
            if path.is_file() and path.suffix in {".ipynb", ".py", ".md", ".txt", ".csv", ".json"}:
                leaks += leaks_in_text(path, secret)
    return leaks


def leaks_in_text(path, secret):
    text = Path(path).read_text(errors="replace")
    if path.suffix == ".ipynb":  # compare cell text, not JSON-escaped strings
        nb = notebooks.read(path)
        text = "\n".join([c.source for c in nb.cells] +
                         [str(o) for c in nb.cells for o in c.get("outputs", [])])
    lines = {l.strip() for l in text.splitlines()}
    return [f"{path}: {line}" for line in sorted(secret & lines)] + \
        [f"{path}: contains a '### BEGIN/END' marker" for m in ["### BEGIN SOLUTION", "### BEGIN HIDDEN TESTS"] if m in text]
