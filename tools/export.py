"""Export what students may have: releases, lessons and data, as a folder and a zip.

The repository holds solutions, hidden tests and recorded wrong answers; none of it may reach
the export. After copying, every exported file is checked against all of those lines.

One exception, by design: a later step may give an earlier step's solutions as read-only code
(the mini-GPT track builds on step 5's transformer blocks; the GNN and VAE tracks on step 2's
numerical gradient). That is allowed only from a later step to an earlier one, and such a
release is never exported by default: it is left out with a note, and exported only when the
instructor names it, by assignment id or step name (`export 07_advanced_topics ...`,
`make export ARGS="..."`), once the steps whose solutions it shows are graded."""
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


def instructor_blocks(root=course_config.ROOT, assignments=None):
    """Every solution block, hidden-test block and recorded wrong answer, as lists of lines."""
    blocks = []
    for a in assignments or course.available_assignments(root):
        for src in notebooks.source_notebooks(a, root):
            for cell in notebooks.read(src).cells:
                for pattern in (notebooks.SOLUTION_BLOCK, notebooks.HIDDEN_BLOCK):
                    blocks += [notebooks.meaningful_lines(m.group(1)) for m in pattern.finditer(cell.source)]
            wrong, _ = notebooks.load_variants(a, src.stem)
            blocks += [notebooks.meaningful_lines(v["code"]) for variants in wrong.values() for v in variants]
    return blocks


def instructor_lines(root=course_config.ROOT):
    """Single lines of instructor material that no released notebook contains."""
    released = set()
    for nb in (Path(root) / course_config.RELEASE_DIR).rglob("*.ipynb"):
        released |= set(notebooks.meaningful_lines("\n".join(c.source for c in notebooks.read(nb).cells)))
    return {line for block in instructor_blocks(root) for line in block} - released


def _runs(lines, n=RUN):
    return {tuple(lines[i:i + n]) for i in range(len(lines) - n + 1)}


def export(dest=course_config.EXPORT_DIR, make_zip=True, log=print, steps=None):
    """Copy lessons, data and the releases of `steps` (step names or assignment ids; default:
    every step) into dest and a zip, after checking it for instructor material. A release that
    gives another step's solutions goes in only if it or its step is named in `steps`."""
    dest = Path(dest)
    root = course_config.ROOT
    secrets = secret_runs(root)
    assignments, held = [], {}
    givers = {}
    for later, earlier in given_solutions(root, root, secrets):
        givers.setdefault(later, []).append(earlier)
    for a in selected_assignments(steps, root):
        if a in givers and not {a, course_config.step_of(a).name} & set(steps or []):
            held[a] = givers[a]
        else:
            assignments.append(a)
    if dest.exists():
        shutil.rmtree(dest)
    dest.mkdir(parents=True)
    ignore = shutil.ignore_patterns(".ipynb_checkpoints", "__pycache__")
    for name in ("lessons", "data"):
        shutil.copytree(root / name, dest / name, ignore=ignore)
    for a in assignments:
        shutil.copytree(root / course_config.RELEASE_DIR / a, dest / course_config.RELEASE_DIR / a, ignore=ignore)
    (dest / "README.md").write_text(STUDENT_README)
    leaks = check(dest, root, secrets)
    if leaks:
        shutil.rmtree(dest)
        raise RuntimeError("export would leak instructor material (nothing written):\n" + "\n".join(leaks[:20]))
    for a, earlier in sorted(held.items()):
        log(f"  note: {a} not exported: it gives {', '.join(sorted(earlier))}'s solutions as read-only code; once "
            f"those are graded, name it: python -m tools export {a} ... (make export ARGS=\"... {a}\")")
    for later, earlier in given_solutions(dest, root, secrets):
        log(f"  note: {later} gives {earlier}'s solutions as read-only code (exported because you named it); hand it "
            f"out only after {earlier} is graded")
    log(f"  export: {', '.join(assignments)}; {sum(1 for p in dest.rglob('*') if p.is_file())} files in {dest}")
    if make_zip:
        archive = shutil.make_archive(str(dest), "zip", dest)
        log(f"  export: {archive}")
    return dest


def selected_assignments(steps, root=course_config.ROOT):
    """Assignment ids of the given step names or assignment ids, in course order (all if none)."""
    available = course.available_assignments(root)
    if not steps:
        return available
    chosen = set()
    for name in steps:
        if not course_config.assignments_of(name):
            raise ValueError(f"{name}: not a step or assignment of course_config.STEPS; "
                             f"use one of {', '.join(s.name for s in course_config.STEPS)}")
        chosen |= set(course_config.assignments_of(name))
    return [a for a in available if a in chosen]


def _release_runs(folder, a):
    """Runs of lines of a's release notebooks in folder (the course or an export)."""
    return set().union(set(), *[_runs(notebooks.meaningful_lines("\n".join(c.source for c in notebooks.read(nb).cells)))
                                for nb in sorted((Path(folder) / course_config.RELEASE_DIR / a).glob("*.ipynb"))])


def secret_runs(root=course_config.ROOT):
    """{assignment: runs of its instructor material that neither its own release nor an
    earlier step's release shows (idioms, code given to students)}."""
    available = course.available_assignments(root)
    shown = {a: _release_runs(root, a) for a in available}
    number = {a: course_config.step_of(a).number for a in available}
    return {a: set().union(set(), *[_runs(b) for b in instructor_blocks(root, [a])])
            - set().union(set(), *[shown[b] for b in available if b == a or number[b] < number[a]])
            for a in available}


def _cross_step(folder, secrets):
    """(release, assignment whose instructor runs it holds, number of runs) for every pair."""
    exported = [a for a in secrets if (Path(folder) / course_config.RELEASE_DIR / a).is_dir()]
    pairs = []
    for x in exported:
        runs = _release_runs(folder, x)
        pairs += [(x, y, len(runs & secrets[y])) for y in secrets if y != x and runs & secrets[y]]
    return pairs


def given_solutions(folder, root=course_config.ROOT, secrets=None):
    """(later, earlier) pairs: an exported release that gives an earlier step's solutions."""
    step = course_config.step_of
    return [(x, y) for x, y, _ in _cross_step(folder, secrets or secret_runs(root))
            if step(x).number > step(y).number]


def check(folder, root=course_config.ROOT, secrets=None):
    """Leaks in an export folder: release notebooks may not hold any instructor line (the
    release check) nor a run of RUN lines of a same-step or later step's instructor material;
    other files (lessons, data) may not hold a run of RUN consecutive lines of a solution,
    hidden test or wrong answer, while sharing an idiom line is fine."""
    folder = Path(folder)
    secrets = secrets or secret_runs(root)
    exported = [a for a in secrets if (folder / course_config.RELEASE_DIR / a).is_dir()]
    leaks = release.find_leaks(folder / course_config.RELEASE_DIR, exported, root)
    step = course_config.step_of
    leaks += [f"{folder / course_config.RELEASE_DIR / x}: holds {n} run(s) of "
              f"{y}'s instructor material (allowed only from a later step to an earlier one)"
              for x, y, n in _cross_step(folder, secrets) if step(x).number <= step(y).number]
    secret = instructor_lines(root)
    for nb in sorted((folder / course_config.RELEASE_DIR).rglob("*.ipynb")):
        leaks += release.leaks_in_text(nb, secret)
    any_secret = set().union(*secrets.values())
    for path in sorted(folder.rglob("*")):
        if path.is_file() and path.suffix in {".md", ".py", ".txt", ".html", ".json"} \
                and course_config.RELEASE_DIR not in path.relative_to(folder).parts:
            for run in sorted(_runs(notebooks.meaningful_lines(path.read_text(errors="replace"))) & any_secret):
                leaks.append(f"{path}: repeats instructor material: {' / '.join(run)}")
    return sorted(set(leaks))
