"""Student feedback that never reveals hidden tests.

nbgrader's default feedback shows each test cell in full, hidden tests included, and their
tracebacks quote hidden lines. `HideHiddenTests` runs first in GenerateFeedback (configured in
course_config.apply, so the formgrader uses it too): it removes the hidden block from every test
cell, replaces a failure raised inside the hidden block by one line ("a hidden check failed"),
and keeps a visible failure's traceback with any hidden line filtered out.

Each page `generate` writes is then made sendable (`finish_page`):
- written answers not graded yet: a notice at the top says so (the score counts them 0 until
  they are). That is the default, so students get their autograded results while the
  written answers are graded; `hold_ungraded` (`feedback --hold-ungraded`) writes no page for
  such a submission instead (and removes an older one), for instructors who send final pages only;
- the index at the top names each exercise (the function its test cell checks, or the heading
  above it; a written answer's question) instead of nbgrader's "Test cell";
- the kit's one-line notes (a hidden check failed, the time limit) wrap instead of running off;
- math renders without a network: MathJax from the `jupyter-server-mathjax` package is copied
  once to feedback/mathjax/ (2.8 MB: TeX input, HTML-CSS output, STIX-Web fonts) and each page
  loads it from there (../../mathjax/), falling back to nbgrader's CDN only if that folder is
  not beside the page."""
import html
import re
import shutil
import time
from pathlib import Path

from nbconvert.preprocessors import Preprocessor
from nbformat.v4 import new_output
from traitlets import Bool

import course_config
from tools import course, late, notebooks
from tools.notebooks import HIDDEN_BLOCK, is_test

ANSI = re.compile(r"\x1b\[[0-9;]*m")
FRAME_LINE = re.compile(r"In\s*\[\d*\],\s*line (\d+)")
HIDDEN_FAILED = ("A hidden check failed: your answer passes the visible tests above but not the "
                 "hidden ones. Re-read the docstring's conventions and test edge cases yourself.\n")


def hidden_line_numbers(source):
    """1-based line numbers of the hidden blocks of a test cell (markers included)."""
    numbers = set()
    for m in HIDDEN_BLOCK.finditer(source):
        first = source[:m.start()].count("\n") + 1
        numbers |= set(range(first, first + m.group(0).rstrip("\n").count("\n") + 1))
    return numbers


class HideHiddenTests(Preprocessor):
    enabled = Bool(True)  # nbconvert preprocessors are off unless enabled

    def preprocess_cell(self, cell, resources, index):
        if not is_test(cell):
            return cell, resources
        hidden = hidden_line_numbers(cell.source)
        secret = {l.strip() for m in HIDDEN_BLOCK.finditer(cell.source) for l in m.group(0).splitlines() if l.strip()}
        cell.source = HIDDEN_BLOCK.sub("", cell.source).rstrip("\n")
        outputs = []
        for out in cell.outputs:
            if out.output_type != "error":
                continue  # a test cell's prints may come from hidden code: show none
            tb = [ANSI.sub("", t) for t in out.get("traceback", [])]
            lines = [int(m.group(1)) for t in tb for m in [FRAME_LINE.search(t)] if m]
            if not lines:  # no line of the cell: stopped at the time limit, SystemExit, ...
                outputs.append(new_output("stream", name="stdout", text=_frameless_message(out, secret)))
            elif lines[0] in hidden:
                outputs.append(new_output("stream", name="stdout", text=HIDDEN_FAILED))
            else:
                # the first frame quoting a cell is the test cell itself
                first = next(i for i, t in enumerate(tb) if FRAME_LINE.search(t))
                clean = [_without_hidden_lines(t, hidden if i == first else set(), secret)
                         for i, t in enumerate(out.traceback)]
                outputs.append(new_output("error", ename=out.ename, evalue=out.evalue, traceback=clean))
        cell.outputs = outputs
        return cell, resources


def _frameless_message(out, secret):
    """One line for an error that quotes no line of the test cell."""
    if out.ename in notebooks.TIMEOUT_ERRORS:
        return (f"This cell ran longer than the {course_config.CELL_TIMEOUT_S} s limit and was stopped: "
                "look for an endless loop, or a far slower algorithm than the exercise needs.\n")
    text = f"{out.ename}: {out.evalue}"[:300]
    return HIDDEN_FAILED if any(s in text for s in secret) else text + "\n"


CONTEXT_LINE = re.compile(r"^\s*(?:-*>\s*)?(\d+)\s(.*)$")


def _without_hidden_lines(entry, hidden, secret):
    """A traceback entry without the context lines IPython quotes from the hidden block."""
    kept = []
    for line in entry.splitlines():
        m = CONTEXT_LINE.match(ANSI.sub("", line))
        if m and (int(m.group(1)) in hidden or m.group(2).strip() in secret):
            continue
        kept.append(line)
    return "\n".join(kept)


def ungraded_written(gb, student, assignment_id):
    """{notebook name: [grade ids of written answers not graded yet]} of a submission."""
    sub = gb.find_submission(assignment_id, student)
    found = {}
    for nb in sub.notebooks:
        ids = [g.name for g in nb.grades if g.needs_manual_grade and g.manual_score is None]
        if ids:
            found[nb.name] = ids
    return found


def generate(root, graded, log=print, hold_ungraded=False):
    """HTML feedback for each graded (student, assignment) pair; returns the number written.

    Late penalties are brought up to date first (a manual grade changes the points a
    percentage penalty applies to), so the feedback shows the gradebook's numbers. A page
    whose written answers are not graded yet says so at the top, or, with hold_ungraded, is
    not written (an older page of that submission is removed)."""
    root = Path(root)
    assignment_ids = sorted({a for _, a in graded})
    with course.gradebook(root) as gb:
        course.sync_assignments(gb, assignment_ids)
        late.refresh(gb, root, assignment_ids)
        pending = {(s, a): ungraded_written(gb, s, a) for s, a in graded}
    waiting = [pair for pair in graded if pending[pair]]
    if waiting and hold_ungraded:
        for student, a in waiting:
            shutil.rmtree(root / course_config.FEEDBACK_DIR / student / a, ignore_errors=True)
        log(f"  held back: {len(waiting)} page(s) whose written answers are not graded yet (--hold-ungraded): "
            + ", ".join(f"{s}/{a}" for s, a in waiting))
        graded = [pair for pair in graded if not pending[pair]]
    elif waiting:
        log(f"  note: {len(waiting)} submission(s) still need manual grading; their pages say so at the top and "
            "count the ungraded written answers 0 until you grade them and run feedback again "
            "(or hold such pages back with --hold-ungraded)")
    install_mathjax(root)
    nb_api = course.api(root)
    written = 0
    t_start = time.perf_counter()
    for k, (student, a) in enumerate(graded, 1):
        result = nb_api.generate_feedback(a, student, force=True)
        if result["success"]:
            _keep_only_pages(root, student, a)
            names = exercise_names(root, a)
            for page in sorted((root / course_config.FEEDBACK_DIR / student / a).glob("*.html")):
                finish_page(page, names.get(page.stem, {}), pending[(student, a)].get(page.stem, []))
        written += bool(result["success"])
        status = "ok" if result["success"] else "FAILED: " + (result.get("error") or "").strip().splitlines()[-1:][0][:150]
        log(f"  feedback  [{k}/{len(graded)}] {a} {student}: {status} ({time.perf_counter() - t_start:.0f} s elapsed)")
    # a student's code can print what it read from the instructor's files: such a page is withheld
    for page in sorted({leak.split(": ", 1)[0] for leak in find_leaks(root, pairs=graded)}):
        (Path(root) / page).unlink()
        written -= 1
        log(f"  ! withheld {page}: it shows a hidden-test line (printed by the student's code?); "
            f"look at that submission")
    return written


# --- A page an instructor can send -------------------------------------------------------

MATHJAX_DIR = "mathjax"   # in feedback/, beside the <student>/ folders
MATHJAX_PARTS = ("MathJax.js", "config", "extensions", "jax/input/TeX", "jax/element", "jax/output/HTML-CSS",
                 "fonts/HTML-CSS/STIX-Web/woff")
MATHJAX_SKIP = shutil.ignore_patterns("a11y", "__pycache__")
CDN_SCRIPT = re.compile(r'<script src="https?://[^"]*mathjax[^"]*">\s*</script>', re.I)
LOCAL_MATHJAX = (
    '<script src="../../mathjax/MathJax.js?config=TeX-AMS-MML_HTMLorMML-full,Safe" onerror="var s = '
    "document.createElement('script'); s.src = '{cdn}'; document.head.appendChild(s);\"> </script>\n"
    '<script type="text/x-mathjax-config">MathJax.Hub.Config({{"HTML-CSS": {{availableFonts: [], imageFont: null, '
    'preferredFont: null, webFont: "STIX-Web"}}}});</script>')
PAGE_CSS = ("<style>/* the kit's one-line notes and long lines wrap */\n"
            ".output_stream pre, .output_stdout pre { white-space: pre-wrap; overflow-wrap: anywhere; }\n"
            "#not-final { margin: 0 0 1em; }</style>\n</head>")
TOC_ENTRY = re.compile(r'<li><a href="#([^"]+)">(Test cell|Written response|Coding free-response|Task)</a>')


def mathjax_source():
    """The MathJax 2 of the jupyter-server-mathjax package (requirements.txt)."""
    import jupyter_server_mathjax

    return Path(jupyter_server_mathjax.__file__).parent / "static"


def install_mathjax(root):
    """Copy the parts of MathJax a feedback page uses into feedback/mathjax/ (once)."""
    dest = Path(root) / course_config.FEEDBACK_DIR / MATHJAX_DIR
    if (dest / "MathJax.js").exists():
        return dest
    src = mathjax_source()
    for part in MATHJAX_PARTS:
        (dest / part).parent.mkdir(parents=True, exist_ok=True)
        if (src / part).is_dir():
            shutil.copytree(src / part, dest / part, ignore=MATHJAX_SKIP, dirs_exist_ok=True)
        else:
            shutil.copy(src / part, dest / part)
    shutil.copy(src / "LICENSE", dest / "LICENSE")
    return dest


def exercise_names(root, assignment_id):
    """{notebook stem: {grade id: name}}: a test cell is named after the function (or class)
    of the answer cell above it, or the heading above it if that is nearer; a written answer
    after the question (the markdown cell above it)."""
    names = {}
    for path in sorted((Path(root) / course_config.RELEASE_DIR / assignment_id).glob("*.ipynb")):
        found, nearest = {}, None
        for cell in notebooks.read(path).cells:
            if notebooks.is_answer(cell):
                m = re.search(r"^\s*(?:def|class)\s+(\w+)", cell.source, re.M)
                nearest = ("code", m.group(1)) if m else nearest
            elif notebooks.is_test(cell):
                found[notebooks.grade_id(cell)] = (f"Exercise: {nearest[1]}" if nearest else notebooks.grade_id(cell))
            elif notebooks.is_manual(cell):
                question = nearest[1] if nearest and nearest[0] == "text" else notebooks.grade_id(cell)
                found[notebooks.grade_id(cell)] = "Written answer: " + re.sub(r"^written answer:\s*", "", question,
                                                                              flags=re.I)
            elif cell.cell_type == "markdown" and cell.source.strip():
                line = cell.source.strip().splitlines()[0].lstrip("#").strip()
                nearest = ("text", line[:80] + ("…" if len(line) > 80 else ""))
        names[path.stem] = found
    return names


def finish_page(path, names, ungraded):
    """Make a feedback page sendable (see the module's docstring)."""
    text = Path(path).read_text()
    text = CDN_SCRIPT.sub(lambda m: LOCAL_MATHJAX.format(cdn=re.search(r'src="([^"]+)"', m.group(0)).group(1)),
                          text, count=1)
    text = text.replace("</head>", PAGE_CSS, 1)
    text = TOC_ENTRY.sub(lambda m: f'<li><a href="#{m.group(1)}">{html.escape(names.get(m.group(1), m.group(2)))}</a>',
                         text)
    if ungraded:
        notice = ('<div class="alert alert-warning" id="not-final"><b>Not final yet:</b> your written answer'
                  + ("s " if len(ungraded) > 1 else " ")
                  + ", ".join(f'"{html.escape(names.get(g, g).removeprefix("Written answer: "))}"' for g in ungraded)
                  + (" are" if len(ungraded) > 1 else " is") + " not graded yet and count"
                  + ("" if len(ungraded) > 1 else "s") + " 0 in the score below until "
                  + ("they are" if len(ungraded) > 1 else "it is") + "; you will get this page again then.</div>")
        text = text.replace('<div class="panel panel-default">', notice + '\n<div class="panel panel-default">', 1)
    Path(path).write_text(text)


def _keep_only_pages(root, student, assignment_id):
    """nbgrader copies every file of the graded folder into the feedback, including anything the
    student's code wrote while it ran; the student gets the HTML pages only."""
    folder = Path(root) / course_config.FEEDBACK_DIR / student / assignment_id
    pages = {p.stem + ".html" for p in notebooks.source_notebooks(assignment_id, root)}
    for path in folder.iterdir():
        if path.name not in pages and path.name != "timestamp.txt":
            shutil.rmtree(path) if path.is_dir() else path.unlink()


# --- The proof: no hidden-test line in any feedback file ---------------------------------

def page_text(path):
    """A feedback page as the student reads it: tags removed, entities decoded."""
    text = Path(path).read_text(errors="replace")
    text = re.sub(r"<(style|script)\b.*?</\1>", "", text, flags=re.S | re.I)
    return html.unescape(re.sub(r"<[^>]+>", "", text))


def page_lines(text):
    """Every line of a page, stripped, and for traceback context lines (`----> 3 code`) also
    the quoted code: what a hidden line would look like if it had leaked."""
    lines = set()
    for line in ANSI.sub("", text).splitlines():
        lines.add(line.strip())
        m = CONTEXT_LINE.match(line)
        if m:
            lines.add(m.group(2).strip())
    return lines


def find_leaks(root, source_root=None, pairs=None):
    """['<feedback file>: <hidden line>', ...] for every hidden-test line (of the assignment's
    source notebooks) that appears in any feedback file of the course; [] if none. A line the
    student's own submitted notebook contains is theirs to see (an answer can coincide with a
    line of a hidden reference computation), so it does not count. `pairs`: only the pages of
    these (student, assignment) pairs."""
    root = Path(root)
    source_root = Path(source_root or root)
    leaks, secrets = [], {}
    wanted = None if pairs is None else set(pairs)
    for path in sorted((root / course_config.FEEDBACK_DIR).glob("*/*/*.html")):
        if wanted is not None and (path.parent.parent.name, path.parent.name) not in wanted:
            continue  # only the given (student, assignment) pairs' pages
        a = path.parent.name
        if a not in secrets:
            secrets[a] = set().union(*[notebooks.hidden_only_lines(notebooks.read(p), solutions=False) for p in notebooks.source_notebooks(a, source_root)])
        text = page_text(path)
        own = root / course_config.SUBMITTED_DIR / path.parent.parent.name / a / (path.stem + ".ipynb")
        mine = {l.strip() for c in notebooks.read(own).cells for l in c.source.splitlines()} if own.exists() else set()
        leaks += [f"{path.relative_to(root)}: {line}" for line in sorted((secrets[a] - mine) & page_lines(text))]
        if "BEGIN HIDDEN TESTS" in text:
            leaks.append(f"{path.relative_to(root)}: a '### BEGIN HIDDEN TESTS' marker")
    return leaks
