"""Reading source notebooks: cell roles, exercises, solution and hidden-test blocks, and
building submissions from the course's own material (solutions, wrong answers, blanks)."""
import re
import runpy
from dataclasses import dataclass, field
from pathlib import Path

import nbformat

import course_config

SOLUTION_BLOCK = re.compile(r"^[ \t]*### BEGIN SOLUTION[^\n]*\n(.*?)^[ \t]*### END SOLUTION[^\n]*(\n|$)", re.M | re.S)
HIDDEN_BLOCK = re.compile(r"^[ \t]*### BEGIN HIDDEN TESTS[^\n]*\n(.*?)^[ \t]*### END HIDDEN TESTS[^\n]*(\n|$)", re.M | re.S)
# What a graded cell's error output is called when nbgrader stopped it at Execute.timeout
# (nbclient interrupts the kernel; a kernel that ignores the interrupt gives CellTimeoutError).
TIMEOUT_ERRORS = ("KeyboardInterrupt", "CellTimeoutError")
MARKER = re.compile(r"^[ \t]*### (BEGIN|END) (SOLUTION|HIDDEN TESTS)[^\n]*\n?", re.M)


def nbgrader_meta(cell):
    return cell.get("metadata", {}).get("nbgrader", {})


def is_answer(cell):
    """Autograded answer cell: the student writes code here."""
    m = nbgrader_meta(cell)
    return cell.cell_type == "code" and m.get("solution", False) and not m.get("grade", False)


def is_test(cell):
    """Autograder test cell: locked, worth points."""
    m = nbgrader_meta(cell)
    return cell.cell_type == "code" and m.get("grade", False) and not m.get("solution", False)


def is_manual(cell):
    """Manually graded answer (a written derivation or explanation)."""
    m = nbgrader_meta(cell)
    return m.get("solution", False) and m.get("grade", False)


def grade_id(cell):
    return nbgrader_meta(cell).get("grade_id")


@dataclass
class Exercise:
    """One answer cell and the test cells that follow it (up to the next answer cell)."""
    answer_index: int
    test_indices: list = field(default_factory=list)

    def span(self):
        """Cell indices to re-run after replacing the answer: the answer through its last test."""
        return range(self.answer_index, self.test_indices[-1] + 1) if self.test_indices else range(0)


def exercises(nb):
    """Map answer grade_id -> Exercise, in notebook order."""
    found, current = {}, None
    for i, cell in enumerate(nb.cells):
        if is_answer(cell):
            current = found[grade_id(cell)] = Exercise(i)
        elif is_test(cell) and current is not None:
            current.test_indices.append(i)
    return found


def strip_markers(text):
    """Source with the BEGIN/END marker lines removed (what a student who solved it would have)."""
    return MARKER.sub("", text)


def visible_part(test_source):
    """A test cell as a student sees it: hidden block removed."""
    return HIDDEN_BLOCK.sub("", test_source)


def hidden_only_lines(source_nb, solutions=True):
    """Lines that occur only inside hidden-test blocks (and, with solutions=True, solution
    blocks) of a source notebook: what must never appear in anything a student sees (a
    release). With solutions=False, a line a solution shares is not counted: it may appear
    in a student's feedback (their answer can coincide with it).
    Blank and punctuation-only lines are ignored (they carry nothing and occur everywhere)."""
    inside, outside = set(), set()
    for cell in source_nb.cells:
        text = cell.source
        blocks = [m.group(1) for m in HIDDEN_BLOCK.finditer(text)]
        if solutions:
            blocks += [m.group(1) for m in SOLUTION_BLOCK.finditer(text)]
            text = SOLUTION_BLOCK.sub("", text)
        for block in blocks:
            inside.update(meaningful_lines(block))
        outside.update(meaningful_lines(HIDDEN_BLOCK.sub("", text)))
    return inside - outside


def meaningful_lines(text):
    """The stripped lines of text that carry a word (blank and punctuation-only lines dropped)."""
    return [line.strip() for line in text.splitlines() if re.search(r"\w.*\w", line)]


# --- Source notebooks, wrong answers and alternatives ------------------------------------

def source_notebooks(assignment_id, root=course_config.ROOT):
    return sorted((Path(root) / course_config.SOURCE_DIR / assignment_id).glob("*.ipynb"))


def read(path):
    return nbformat.read(str(path), as_version=4)


def variants_file(assignment_id, notebook_name):
    return course_config.WRONG_ANSWERS_DIR / assignment_id / f"{notebook_name}.py"


def _variants_data(assignment_id, notebook_name):
    """The names defined by one source notebook's wrong-answers file ({} without one)."""
    path = variants_file(assignment_id, notebook_name)
    return runpy.run_path(str(path)) if path.exists() else {}


def load_variants(assignment_id, notebook_name):
    """(WRONG, ALTERNATIVES) recorded for one source notebook: dicts answer grade_id -> list."""
    data = _variants_data(assignment_id, notebook_name)
    return data.get("WRONG", {}), data.get("ALTERNATIVES", {})


# The four classes of weak test an exercise is audited for (issue 13): a wrong answer recorded
# with audit="<class>" shows the class applies and is caught; NOT_APPLICABLE says why it cannot.
AUDIT_CLASSES = {
    "promise": "a promise of the docstring (stopping rule, last batch, dtype, in place, order) no test enforced",
    "stability": "the numerically unstable version, fed the input that breaks it",
    "library": "the library routine doing what the exercise asks the student to implement",
    "lesson": "a mistake the lesson's 'Common mistakes' (or text) warns about",
}


def load_audit(assignment_id, notebook_name):
    """{answer grade_id: {class: (whys of the wrong answers tagged with it, NOT_APPLICABLE reason or None)}}."""
    data = _variants_data(assignment_id, notebook_name)
    ledger = {}
    for gid, variants in data.get("WRONG", {}).items():
        for v in variants:
            tags = v.get("audit", ())
            for tag in (tags,) if isinstance(tags, str) else tags:
                ledger.setdefault(gid, {}).setdefault(tag, ([], None))[0].append(v["why"])
    for gid, reasons in data.get("NOT_APPLICABLE", {}).items():
        for tag, reason in reasons.items():
            whys, _ = ledger.setdefault(gid, {}).get(tag, ([], None))
            ledger[gid][tag] = (whys, reason)
    return ledger


# --- Building submissions ---------------------------------------------------------------

def fill(release_nb, source_nb, answers=None, solve=lambda gid: True):
    """A copy of a release notebook with answers filled in, as a student would save it.

    answers: grade_id -> code that replaces that answer cell (a wrong answer, an alternative);
    solve(grade_id): whether an answer or manual cell without an entry in `answers` gets the
    source's solution (markers removed) or stays untouched."""
    answers = answers or {}
    solutions = {grade_id(c): c.source for c in source_nb.cells if nbgrader_meta(c).get("solution")}
    nb = nbformat.from_dict(release_nb)
    for cell in nb.cells:
        gid = grade_id(cell)
        if not nbgrader_meta(cell).get("solution"):
            continue
        if gid in answers:
            cell.source = answers[gid].strip("\n")
        elif solve(gid):
            cell.source = strip_markers(solutions[gid])
    return nb
