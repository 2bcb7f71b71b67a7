"""Export what students may have: releases, lessons and data, as a folder and a zip.

The repository holds solutions, hidden tests and recorded wrong answers; none of it may reach
the export. After copying, every exported file is checked against all of those lines."""
import shutil
from pathlib import Path

import course_config
from tools import course, notebooks
from tools.release import leaks_in_text

STUDENT_README = """# AI Math -> ML: student materials

- `lessons/`: read the lesson of a step first.
- `release/<step>/`: the step's notebooks. Open them in JupyterLab, replace each
  `raise NotImplementedError()` with your code, run the visible tests, press Validate, submit.
- `data/README.md`: where the datasets come from and their licenses.
"""


def instructor_lines(root=course_config.ROOT):
    """Every solution, hidden-test and wrong-answer line of the course."""
    secret = set()
    for a in course.available_assignments(root):
        for src in notebooks.source_notebooks(a, root):
            secret |= notebooks.hidden_only_lines(notebooks.read(src))
            wrong, alternatives = notebooks.load_variants(a, src.stem)
            for variants in list(wrong.values()) + list(alternatives.values()):
                for v in variants:
                    secret |= notebooks._meaningful(v["code"])
    # lines a wrong answer shares with the released notebook (its signature) are not secret
    released = set()
    for nb in (Path(root) / course_config.RELEASE_DIR).rglob("*.ipynb"):
        released |= notebooks._meaningful("\n".join(c.source for c in notebooks.read(nb).cells))
    return secret - released


def export(dest=course_config.EXPORT_DIR, make_zip=True, log=print):
    dest = Path(dest)
    if dest.exists():
        shutil.rmtree(dest)
    dest.mkdir(parents=True)
    root = course_config.ROOT
    for name in (course_config.RELEASE_DIR, "lessons", "data"):
        shutil.copytree(root / name, dest / name, ignore=shutil.ignore_patterns(".ipynb_checkpoints", "__pycache__"))
    (dest / "README.md").write_text(STUDENT_README)
    leaks = check(dest)
    if leaks:
        shutil.rmtree(dest)
        raise RuntimeError("export would leak instructor material (nothing written):\n" + "\n".join(leaks[:20]))
    log(f"  export: {sum(1 for p in dest.rglob('*') if p.is_file())} files in {dest}")
    if make_zip:
        archive = shutil.make_archive(str(dest), "zip", dest)
        log(f"  export: {archive}")
    return dest


def check(folder):
    secret = instructor_lines()
    leaks = []
    for path in sorted(Path(folder).rglob("*")):
        if path.is_file() and path.suffix in {".ipynb", ".py", ".md", ".txt", ".csv", ".json", ".html"}:
            leaks += leaks_in_text(path, secret)
    return leaks
