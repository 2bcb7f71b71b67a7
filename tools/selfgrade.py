"""Self-study: grade your own notebook with the course's real autograder (issue 7).

A self-learner has the whole repository, hidden tests included, so nothing is secret:
`python -m tools selfgrade release/01_linear_algebra/linear_algebra.ipynb` copies the notebook
into a scratch course (a temporary folder: never the instructor's gradebook), autogrades it with
nbgrader exactly as a class submission is graded (every test cell from source/, visible and
hidden, with the course's limits from course_config.py), and prints a score per exercise and,
for every check that failed, which test, which line of it (visible or hidden) and the error."""
import os
import shutil
import tempfile
from dataclasses import dataclass, field
from pathlib import Path

import nbformat

import course_config
from tools import autograde, course, notebooks, release, sandbox
from tools.feedback import ANSI, FRAME_LINE, hidden_line_numbers

STUDENT = "self"


@dataclass
class Check:
    """One autograder test cell of an exercise; for a failed one, what failed."""
    grade_id: str
    score: float
    max_score: float
    error: str = ""         # "AssertionError: ...", "NotImplementedError", "wrote to stderr: ...", ...
    part: str = ""          # "visible" or "hidden": the part of the test cell whose check failed
    line: int = 0           # that check's line in the test cell (1-based), 0 if unknown
    code: str = ""          # that line

    @property
    def passed(self):
        return self.score >= self.max_score

    def describe(self):
        """One line: `test_x failed a hidden check (line 12): AssertionError: ...`."""
        where = f" a {self.part} check (line {self.line})" if self.part else ""
        pts = f" ({_pts(self.score)} of {_pts(self.max_score)})" if self.score else ""
        return f"{self.grade_id} failed{where}{pts}: {self.error}"


@dataclass
class Exercise:
    name: str               # the answer cell's grade_id
    checks: list = field(default_factory=list)
    answered: bool = True   # False while its answer cell still raises NotImplementedError

    @property
    def score(self):
        return sum(c.score for c in self.checks)

    @property
    def max_score(self):
        return sum(c.max_score for c in self.checks)


@dataclass
class Written:
    """A written answer: graded by a person, never by the autograder."""
    name: str
    max_score: float
    answered: bool


@dataclass
class Report:
    path: Path
    assignment: str
    notebook: str
    exercises: list
    written: list

    @property
    def score(self):
        return sum(e.score for e in self.exercises)

    @property
    def max_score(self):
        return sum(e.max_score for e in self.exercises)


def locate(path, assignment=None, root=course_config.ROOT):
    """(assignment id, source notebook) for a learner's notebook: by its folder (release/<step>/)
    or, failing that, by its file name among source/*/; raises ValueError saying what to pass."""
    path = Path(path)
    ids = course.available_assignments(root)
    candidates = [assignment] if assignment else ([path.parent.name] if path.parent.name in ids else ids)
    for a in candidates:
        if a not in ids:
            raise ValueError(f"{a!r} is not a step with a source folder; use one of: {', '.join(ids)}")
        sources = notebooks.source_notebooks(a, root)
        by_name = [s for s in sources if s.name == path.name]
        if by_name:
            return a, by_name[0]
        if assignment or path.parent.name == a:  # the step is known: a renamed copy of its only notebook
            if len(sources) == 1:
                return a, sources[0]
            raise ValueError(f"{path.name} is not a notebook of {a} ({', '.join(s.name for s in sources)}); "
                             f"rename it to the notebook it is a copy of")
    raise ValueError(f"{path}: no step has a notebook named {path.name}; pass the step with --assignment")


def grade(path, assignment=None, root=course_config.ROOT, log=lambda *_: None):
    """Autograde the learner's notebook at `path` in a scratch course; returns a Report."""
    path = Path(path).resolve()
    if not path.is_file():
        raise ValueError(f"{path}: no such notebook")
    assignment, source = locate(path, assignment, root)
    try:
        nbformat.validate(nbformat.read(str(path), as_version=4))
    except Exception as e:  # not JSON, not a notebook, not valid nbformat
        raise ValueError(f"{path} is not a readable notebook ({type(e).__name__}); re-save it in JupyterLab") from None
    with tempfile.TemporaryDirectory(prefix="selfgrade-") as tmp:
        scratch = course.new_scratch_course(Path(tmp) / "course", [assignment], source_root=root)
        release.generate(scratch, [assignment], log=log)
        folder = scratch / course_config.SUBMITTED_DIR / STUDENT / assignment
        # the step's release (data files, any other notebook untouched), then the learner's notebook
        shutil.copytree(scratch / course_config.RELEASE_DIR / assignment, folder)
        shutil.copyfile(path, folder / source.name)
        if course_config.sandbox_on() and not sandbox.available()[0]:
            # the learner's own code on their own machine (a Mac, a laptop without bubblewrap):
            # nothing to protect from it, so grade without the sandbox instead of refusing
            os.environ[course_config.NO_SANDBOX_ENV] = "1"
        graded, problems = autograde.autograde(scratch, [assignment], log=log)
        if problems or not graded:
            raise RuntimeError(f"{path}: " + ("; ".join(p.message for p in problems) or "nbgrader graded nothing"))
        graded_nb = notebooks.read(scratch / course_config.AUTOGRADED_DIR / STUDENT / assignment / source.name)
        with course.gradebook(scratch) as gb:
            nb = next(n for n in gb.find_submission(assignment, STUDENT).notebooks if n.name == source.stem)
            grades = {g.name: g for g in nb.grades}
            return _report(path, assignment, source, graded_nb, grades)


def _report(path, assignment, source, graded_nb, grades):
    source_nb = notebooks.read(source)
    cells = {notebooks.grade_id(c): c for c in graded_nb.cells if notebooks.grade_id(c)}
    exercises = []
    for name, ex in notebooks.exercises(source_nb).items():
        checks = []
        for i in ex.test_indices:
            gid = notebooks.grade_id(source_nb.cells[i])
            g = grades[gid]
            check = Check(gid, float(g.score or 0), float(g.max_score))
            if not check.passed:
                explain(check, cells.get(gid))
            checks.append(check)
        answer = cells.get(name)
        exercises.append(Exercise(name, checks, answer is not None and "raise NotImplementedError" not in answer.source))
    written = [Written(notebooks.grade_id(c), float(grades[notebooks.grade_id(c)].max_score),
                       bool(grades[notebooks.grade_id(c)].needs_manual_grade))
               for c in source_nb.cells if notebooks.is_manual(c)]
    return Report(path, assignment, source.stem, exercises, written)


def explain(check, cell):
    """Fill in what failed in a graded test cell: the error, and from the traceback frame of
    the test cell itself, the line that raised it and whether it is a visible or a hidden check."""
    if cell is None:
        check.error = "the test cell is missing from the notebook"
        return
    errors = [o for o in cell.get("outputs", []) if o.get("output_type") == "error"]
    if not errors:
        stderr = "".join(o.get("text", "") for o in cell.get("outputs", []) if o.get("name") == "stderr")
        check.error = (f"wrote to stderr, which the autograder counts as a failure: {_first_line(stderr)}"
                       if stderr else "partial credit")
        return
    err = errors[0]
    check.error = f"{err.get('ename', 'Error')}: {_first_line(str(err.get('evalue', '')))}".rstrip(": ")
    if err.get("ename") == "NotImplementedError":
        check.error += " (an answer cell it calls is not completed yet)"
    lines = cell.source.splitlines()
    hidden = hidden_line_numbers(cell.source)
    for entry in err.get("traceback", []):
        m = FRAME_LINE.search(ANSI.sub("", entry))
        if m and 0 < int(m.group(1)) <= len(lines):
            n = int(m.group(1))
            check.part, check.line, check.code = ("hidden" if n in hidden else "visible"), n, _statement(lines, n - 1)
            return


def _statement(lines, i):
    """The statement starting at lines[i], its continuation lines joined (up to 8 lines)."""
    text, end = lines[i].strip(), min(i + 8, len(lines))
    while sum(map(text.count, "([{")) > sum(map(text.count, ")]}")) and i + 1 < end:
        i += 1
        text += " " + lines[i].strip()
    return text


def _first_line(text):
    lines = [l.strip() for l in ANSI.sub("", text).splitlines() if l.strip()]
    return _short(lines[0] if lines else "")


def _short(text, n=160):
    return text if len(text) <= n else text[:n - 3] + "..."


def format_report(r, shown_path=None):
    width = max([len(e.name) for e in r.exercises] + [len("exercise")]) + 2
    out = [f"Self-grading {shown_path or r.path} as {r.assignment}/{r.notebook}.ipynb with the course's "
           f"autograder: every test from source/, visible and hidden.", "",
           f"{'exercise':<{width}}   score"]
    for e in r.exercises:
        failed = [c for c in e.checks if not c.passed]
        status = "not answered yet" if failed and not e.answered else ""
        out.append(f"{e.name:<{width}}{_pts(e.score):>4} / {_pts(e.max_score):<4} {status}".rstrip())
        if status:
            continue
        for c in failed:
            out.append(f"    {c.describe()}")
            if c.code:
                out.append(f"        {_short(c.code)}")
    pct = 100 * r.score / r.max_score if r.max_score else 0.0
    out += ["", f"{'total':<{width}}{_pts(r.score):>4} / {_pts(r.max_score):<4} "
                f"({pct:.1f}% of the autograded points)"]
    for w in r.written:
        state = "answered" if w.answered else "not answered yet"
        out.append(f"written answer {w.name} ({_pts(w.max_score)} points, {state}): graded by a person, not "
                   f"here; compare yours with the model answer in source/{r.assignment}/{r.notebook}.ipynb")
    return "\n".join(out)


def _pts(x):
    return f"{x:g}"
