"""Export what students may have: releases, lessons and data, as a folder and a zip.

The repository holds solutions, hidden tests and recorded wrong answers; none of it may reach
the export. After copying, every exported file is checked against all of those lines."""
import re
import shutil
from pathlib import Path

import course_config
from tools import course, notebooks, release

RUN = 3  # consecutive lines of instructor material that count as a copy

STUDENT_README = """# AI Math -> ML: student materials

- `lessons/`: read the lesson of a step first.
- `release/<step>/`: the step's notebooks. Open them in JupyterLab, replace each
  `raise NotImplementedError()` with your code, run the visible tests, press Validate, submit.
- `data/README.md`: where the datasets come from and their licenses.
"""


def instructor_blocks(root=course_config.ROOT):
    """Every solution block, hidden-test block and recorded wrong answer, as lists of lines."""
    blocks = []
    for a in course.available_assignments(root):
        for src in notebooks.source_notebooks(a, root):
            for cell in notebooks.read(src).cells:
                for pattern in (notebooks.SOLUTION_BLOCK, notebooks.HIDDEN_BLOCK):
                    blocks += [_lines(m.group(1)) for m in pattern.finditer(cell.source)]
            wrong, _ = notebooks.load_variants(a, src.stem)
            blocks += [_lines(v["code"]) for variants in wrong.values() for v in variants]
    return blocks


def instructor_lines(root=course_config.ROOT):
    """Single lines of instructor material that no released notebook contains."""
    released = set()
    for nb in (Path(root) / course_config.RELEASE_DIR).rglob("*.ipynb"):
        released |= set(_lines("\n".join(c.source for c in notebooks.read(nb).cells)))
    return {line for block in instructor_blocks(root) for line in block} - released


def _lines(text):
    return [l.strip() for l in text.splitlines() if re.search(r"\w.*\w", l)]


def _runs(lines, n=RUN):
    return {tuple(lines[i:i + n]) for i in range(len(lines) - n + 1)}


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


def check(folder, root=course_config.ROOT):
    """Leaks in an export folder: release notebooks may not hold any instructor line (the
    release check); other files (lessons, data) may not hold a run of RUN consecutive lines
    of a solution, hidden test or wrong answer, while sharing an idiom line is fine."""
    folder = Path(folder)
    leaks = release.find_leaks(folder / course_config.RELEASE_DIR, course.available_assignments(root), root)
    secret = instructor_lines(root)
    for nb in sorted((folder / course_config.RELEASE_DIR).rglob("*.ipynb")):
        leaks += release.leaks_in_text(nb, secret)
    released = set()
    for nb in (Path(root) / course_config.RELEASE_DIR).rglob("*.ipynb"):
        released |= _runs(_lines("\n".join(c.source for c in notebooks.read(nb).cells)))
    secret_runs = set().union(*[_runs(b) for b in instructor_blocks(root)]) - released
    for path in sorted(folder.rglob("*")):
        if path.is_file() and path.suffix in {".md", ".py", ".txt", ".html", ".json"} \
                and course_config.RELEASE_DIR not in path.relative_to(folder).parts:
            for run in sorted(_runs(_lines(path.read_text(errors="replace"))) & secret_runs):
                leaks.append(f"{path}: repeats instructor material: {' / '.join(run)}")
    return sorted(set(leaks))
