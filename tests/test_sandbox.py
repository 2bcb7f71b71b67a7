"""Grading untrusted code (issue 11), on the toy step (tests/fixtures/toy.ipynb: double 2 points,
square 3 points, a written answer). One student per attack, all graded in one batch through
nbgrader's own pipeline with the sandbox on; each test asserts the exact outcome (the scores, or
held for review with its reason), that the honest students' grades are exact, and that nothing
outside the submissions' own autograded folders changed."""
import hashlib
import os
import shutil
import socket
import subprocess
import threading
import time
from pathlib import Path

import nbformat
import pytest

import course_config
from tools import autograde, course, notebooks, release, sandbox, tamper
from tests.test_hostile import A, TOY, new_course, submit

pytestmark = [pytest.mark.xdist_group("hostile"),
              pytest.mark.skipif(not sandbox.available()[0] and os.environ.get("CI") != "true",
                                 reason="bubblewrap cannot run here: " + sandbox.available()[1])]
TIMEOUT_S = 10       # per cell, instead of 300 s
BUDGET_S = 14        # per notebook, instead of NOTEBOOK_TIMEOUT_S: less than two cells' limits
SOLVED = {"double": "def double(x):\n    return 2 * x", "square": "def square(x):\n    return x * x"}
UNSOLVED = "def square(x):\n    raise NotImplementedError\n"
EMPTY_CELLS = "get_ipython().input_transformers_cleanup.append(lambda lines: ['pass\\n'])"
MARK = "/tmp/ai_math_sandbox_escaped"  # on the host: a file no sandboxed kernel can create

ATTACKS = {
    # student: (answers, files shipped beside the notebook)
    "rewrites_gradebook": ({"square": (
        "import pathlib, sqlite3\n"
        "for d in [pathlib.Path.cwd(), *pathlib.Path.cwd().parents]:\n"
        "    if (d / 'gradebook.db').exists():\n"
        "        con = sqlite3.connect(str(d / 'gradebook.db'))\n"
        "        con.execute('update grade set auto_score = 14000')\n"
        "        con.commit()\n" + SOLVED["square"])}, {}),
    "reads_source": ({"square": (
        "import json, pathlib\n"
        "_cells = json.loads(pathlib.Path('../../../source/01_linear_algebra/toy.ipynb').read_text())['cells']\n"
        "exec(''.join(_cells[4]['source']))\n")}, {}),
    "transformer_plain": ({"square": UNSOLVED + EMPTY_CELLS}, {}),
    "transformer_getattr": ({"square": UNSOLVED + "getattr(get_ipython(), 'input_' + 'transformers_cleanup')"
                             ".append(lambda lines: ['pass\\n'])"}, {}),
    "transformer_chr": ({"square": UNSOLVED + "exec(''.join(map(chr, %r)))" % [ord(c) for c in EMPTY_CELLS]}, {}),
    # the cell before the test fails after installing it
    "transformer_then_fails": ({"square": UNSOLVED + EMPTY_CELLS + "\nraise RuntimeError('and then fails')"}, {}),
    # installed from the kernel's event loop once the cell's request is over, gone again once the
    # test cell is transformed (found by the review of this stop's change: the state must be read
    # by a request of its own, after the event loop has run)
    "deferred_transformer": ({"square": UNSOLVED + (
        "import asyncio, operator\n"
        "_cleanup = operator.attrgetter('input_' + 'transformers_cleanup')(get_ipython())\n"
        "def _gut(lines):\n"
        "    if any(l.startswith('__grader_reached_end__') for l in lines):\n"
        "        asyncio.get_event_loop().call_soon(_cleanup.remove, _gut)\n"
        "        return [l for l in lines if l.startswith('__grader_reached_end__')]\n"
        "    return lines\n"
        "asyncio.get_event_loop().call_soon(_cleanup.append, _gut)\n")}, {}),
    # an audit hook that hides a transformer while the grader's check runs
    "audit_hook": ({"square": UNSOLVED + (
        "import sys\n"
        "def _audit(event, args):\n"
        "    pass\n"
        "sys.addaudithook(_audit)\n")}, {}),
    # the student's function sends the test cell's reply itself, through the kernel's own session
    "forges_reply": ({"square": (
        "def square(x):\n"
        "    k = get_ipython().kernel\n"
        "    k.session.send(k.iopub_socket, 'status', {'execution_state': 'idle'}, parent=k.get_parent())\n"
        "    raise NotImplementedError\n")}, {}),
    # a test cell tagged so that nbclient would skip it (a student may edit tags)
    "skips_test": ({"square": UNSOLVED}, {}),
    # (a second review:) a value shown by the student's function before the test fails, which
    # nbgrader would score; an audit hook added by a built name; a reply forged by built names
    "shows_a_value": ({"square": "import sys\ndef square(x):\n    sys.__dict__['display' + 'hook']('ok')\n"
                                 "    raise NotImplementedError\n"}, {}),
    "audit_hook_built": ({"square": (
        "import sys\n_seen = []\n"
        "sys.__dict__['add' + 'audithook'](lambda event, args: _seen.append(event))\n"
        "open('/dev/null').close()\n"
        "def square(x):\n    return 0 if _seen else x * x\n")}, {}),
    # a value equal to anything
    "equal_to_anything": ({"square": "class _Any:\n    def __eq__(self, other):\n        return True\n"
                                     "def square(x):\n    return _Any()\n"}, {}),
    "forges_reply_built": ({"square": (
        "import re\n_done = set()\n"
        "def square(x):\n"
        "    global __grader_reached_end__\n"
        "    k = get_ipython().kernel\n"
        "    g = lambda o, *parts: getattr(o, ''.join(parts))\n"
        "    S, io, p = g(k, 'sess', 'ion'), g(k, 'iopub_', 'socket'), g(k, 'get_', 'parent')()\n"
        "    if p['header']['msg_id'] not in _done:\n"
        "        _done.add(p['header']['msg_id'])\n"
        "        stream = (k.shell_channel_thread.manager.get_subshell_to_shell_channel_socket(None)\n"
        "                  if k._supports_kernel_subshells else g(k, 'shell_', 'stream'))\n"
        "        ident = g(k, '_get_shell_', 'context_var')(g(k, '_shell_', 'parent_ident'))\n"
        "        token = re.findall(r\"__grader_reached_end__ = '([0-9a-f]+)'\", p['content']['code'])\n"
        "        if token:\n"
        "            __grader_reached_end__ = token[0]\n"
        "        S.send(stream, 'execute_reply', {'status': 'ok', 'execution_count': 9, 'user_expressions': {},\n"
        "               'payload': []}, parent=p, ident=ident)\n"
        "        S.send(io, 'status', {'execution_state': 'idle'}, parent=p)\n"
        "    raise NotImplementedError\n")}, {}),
    "shadows_launcher": ({}, {"ipykernel_launcher.py": (
        "open('shadow_was_imported.txt', 'w').write('yes')\n"
        "import runpy, sys\nsys.path = [p for p in sys.path if p not in ('', '.')]\n"
        "runpy.run_module('ipykernel_launcher', run_name='__main__')\n")}),
    "displayhook": ({"square": "import sys\nsys.displayhook = lambda value: print(3)\n" + UNSOLVED}, {}),
    "writes_source": ({"square": (
        "import pathlib\n"
        "for target in ['../../../source/01_linear_algebra/planted.txt', '" + MARK + "']:\n"
        "    try:\n        pathlib.Path(target).write_text('x')\n    except OSError:\n        pass\n"
        + SOLVED["square"])}, {}),
    "outlives_grading": ({"square": "import subprocess\nsubprocess.Popen(['sleep', '4242'], start_new_session=True)\n"
                          + SOLVED["square"]}, {}),
    "loopback": ({"square": "import socket\ntry:\n    socket.create_connection(('127.0.0.1', PORT), 2).sendall(b'x')\n"
                  "except OSError:\n    pass\n" + SOLVED["square"]}, {}),
    "huge_output": ({"square": "print('x' * 50_000_000)\n" + SOLVED["square"]}, {}),
    "loops_twice": ({"double": "def double(x):\n    while True:\n        pass",
                     "square": "def square(x):\n    while True:\n        pass"}, {}),
    "kills_kernel": ({"square": "import os\nos._exit(1)\n"}, {}),
    "ignores_sigint": ({"square": "import signal\nsignal.signal(signal.SIGINT, signal.SIG_IGN)\n"
                        "def square(x):\n    while True:\n        pass"}, {}),
    # held already before the sandbox (keep them held)
    "patches_numpy": ({"square": "import numpy.testing as npt\n"
                       "npt.__dict__['assert_allclose'] = lambda *a, **k: None\n"
                       "setattr(npt, 'assert_array_equal', lambda *a, **k: None)\n" + SOLVED["square"]}, {}),
    "import_hook": ({"square": "import sys\nclass Finder:\n    def find_spec(self, *args):\n        return None\n"
                     "sys.meta_path.insert(0, Finder())\n" + SOLVED["square"]}, {}),
    "custom_exc": ({"square": "def square(x):\n    return 0\n"
                    "get_ipython().set_custom_exc((AssertionError,), lambda *args, **kwargs: None)"}, {}),
    "hides_tracebacks": ({"square": "def square(x):\n    return 0\n"
                          "get_ipython().showtraceback = lambda *args, **kwargs: None"}, {}),
    # honest
    "full": ({}, {}),
    "honest_exec": ({"square": "import operator\n_mul = getattr(operator, 'm' + 'ul')\n"
                     "exec('def square(x):\\n    return _mul(x, x)')"}, {}),
}
HONEST = {"test_double": 2, "test_square": 3, "explain_square": None}
TAGS = {"skips_test": {"test_square": ["skip-execution"]}}  # student: {grade_id: the cell's tags}


def snapshot(root):
    """Hashes of every file of the course except the grader's own outputs (autograded folders,
    partial notebooks, the gradebook, its backups, the held list): what no submission may change."""
    out = {}
    for path in sorted(Path(root).rglob("*")):
        rel = path.relative_to(root)
        ours = rel.parts[0] in (course_config.AUTOGRADED_DIR, course_config.PARTIAL_DIR, course_config.BACKUP_DIR) \
            or rel.name in (course_config.GRADEBOOK_FILE, course_config.HELD_FILE, course_config.HELD_FILE + ".lock")
        if path.is_file() and not ours:
            out[str(rel)] = hashlib.sha256(path.read_bytes()).hexdigest()
    return out


@pytest.fixture(scope="module")
def graded(tmp_path_factory):
    assert not Path(MARK).exists()
    listener = socket.socket()
    listener.bind(("127.0.0.1", 0))
    listener.listen()
    listener.settimeout(0.2)
    port, connections, stop = listener.getsockname()[1], [], threading.Event()

    def accept():
        while not stop.is_set():
            try:
                connections.append(listener.accept())
            except OSError:
                pass
    threading.Thread(target=accept, daemon=True).start()

    root = new_course(tmp_path_factory, "sandboxed")
    for student, (answers, files) in ATTACKS.items():
        answers = {k: v.replace("PORT", str(port)) for k, v in answers.items()}
        submit(root, student, answers.get("square"))
        folder = root / course_config.SUBMITTED_DIR / student / A
        if "double" in answers or student in TAGS:
            nb = notebooks.read(folder / "toy.ipynb")
            for cell in nb.cells:
                if notebooks.grade_id(cell) == "double" and "double" in answers:
                    cell.source = answers["double"]
                if notebooks.grade_id(cell) in TAGS.get(student, {}):
                    cell.metadata["tags"] = TAGS[student][notebooks.grade_id(cell)]
            nbformat.write(nb, str(folder / "toy.ipynb"))
        for name, text in files.items():
            (folder / name).write_text(text)
    before = snapshot(root)
    instructor_gradebook = course_config.ROOT / course_config.GRADEBOOK_FILE
    instructor_mtime = instructor_gradebook.stat().st_mtime if instructor_gradebook.exists() else None
    lines, seconds = [], {}
    with pytest.MonkeyPatch.context() as mp:
        mp.setattr(course_config, "CELL_TIMEOUT_S", TIMEOUT_S)
        mp.setattr(course_config, "NOTEBOOK_TIMEOUT_S", BUDGET_S)
        t0 = time.perf_counter()
        graded, problems = autograde.autograde(root, [A], log=lines.append)
        seconds["batch"] = time.perf_counter() - t0
    stop.set()
    time.sleep(0.3)
    listener.close()
    after = snapshot(root)
    return dict(root=root, graded=graded, problems=problems, lines=lines, before=before, after=after,
                connections=connections, instructor=(instructor_gradebook, instructor_mtime), seconds=seconds)


def scores(root, student):
    with course.gradebook(root) as gb:
        sub = gb.find_submission(A, student)
        return {g.name: None if g.needs_manual_grade else g.score for nb in sub.notebooks for g in nb.grades}


def held_reason(g, student):
    return tamper.held(g["root"]).get((student, A), "")


def test_the_batch_goes_on_and_nothing_outside_the_scratch_folders_changed(graded):
    g = graded
    assert sorted(s for s, _ in g["graded"]) == sorted(set(ATTACKS) - {"kills_kernel"})
    assert [str(p).split("/")[0] for p in g["problems"]] == ["kills_kernel"]
    assert g["before"] == g["after"]
    assert not Path(MARK).exists()
    path, mtime = g["instructor"]
    assert (path.stat().st_mtime if path.exists() else None) == mtime


def test_honest_students_are_graded_exactly_and_never_held(graded):
    for student in ("full", "honest_exec", "shadows_launcher"):
        assert scores(graded["root"], student) == HONEST, student
        assert held_reason(graded, student) == "", student
    review = tamper.for_review(graded["root"])[("honest_exec", A)]
    assert any("exec of a literal string" in n for n in review) and any("getattr" in n for n in review)


def test_a_gradebook_rewrite_reaches_no_gradebook_and_is_held(graded):
    assert scores(graded["root"], "rewrites_gradebook") == HONEST
    assert "opens a database (sqlite3)" in held_reason(graded, "rewrites_gradebook")


def test_the_source_folder_is_not_visible(graded):
    assert scores(graded["root"], "reads_source")["test_square"] == 0
    text = "".join(o.get("text", "") + "".join(o.get("traceback", [])) for c in notebooks.read(
        graded["root"] / course_config.AUTOGRADED_DIR / "reads_source" / A / "toy.ipynb").cells
        for o in c.get("outputs", []))
    assert "FileNotFoundError" in text
    assert "exec of a built string" in held_reason(graded, "reads_source")


@pytest.mark.parametrize("student", ["transformer_plain", "transformer_getattr", "transformer_chr",
                                     "transformer_then_fails", "deferred_transformer"])
def test_an_input_transformer_is_held(graded, student):
    reason = held_reason(graded, student)
    assert "before test test_square: an IPython input transformer was installed" in reason
    if student != "deferred_transformer":  # it keeps the test cell's last line
        assert "test test_square reported success without running to its last line" in reason
    static = {"transformer_plain": "installs an IPython input transformer (.input_transformers_cleanup)",
              "transformer_then_fails": "installs an IPython input transformer (.input_transformers_cleanup)",
              "transformer_getattr": None, "transformer_chr": "exec of a built string",
              "deferred_transformer": None}[student]
    if static:
        assert static in reason
    else:  # only the check during grading sees it; the code is listed for review
        computed = {"transformer_getattr": "getattr", "deferred_transformer": "attrgetter"}[student]
        assert any(f"{computed} with a computed name" in n for n in tamper.for_review(graded["root"])[(student, A)])


def test_an_audit_hook_or_the_kernels_messaging_is_held(graded):
    assert "installs an audit hook (.addaudithook)" in held_reason(graded, "audit_hook")
    assert "reaches the kernel's messaging (.session)" in held_reason(graded, "forges_reply")


def test_a_value_shown_before_a_test_fails_is_held(graded):
    assert "test test_square showed a value before it failed" in held_reason(graded, "shows_a_value")


def test_no_audit_hook_can_be_added_while_grading(graded):
    # the student's hook would have seen the open() and made square wrong
    assert scores(graded["root"], "audit_hook_built") == HONEST


def test_a_reply_forged_by_built_names_is_held(graded):
    assert "test test_square was answered twice" in held_reason(graded, "forges_reply_built")


def test_a_value_equal_to_anything_is_listed_for_review(graded):
    assert any("defines __eq__ (a value that could fool the tests' comparisons)" in n
               for n in tamper.for_review(graded["root"])[("equal_to_anything", A)])


FAKE_NP = ("import numpy as _numpy, types as _types\n"
           "np = _types.SimpleNamespace(**_numpy.__dict__)\n"
           "np.testing = _types.SimpleNamespace(**_numpy.testing.__dict__)\n"
           "np.testing.assert_allclose = np.testing.assert_array_equal = np.testing.assert_equal = lambda *a, **k: None\n"
           "np.isclose = np.allclose = np.array_equal = lambda *a, **k: True\n")


def test_test_cells_use_numpy_itself_not_what_a_student_bound_to_np(tmp_path):
    """Step 1 with a wrong cosine_similarity, once as it is and once after a cell binding `np` to
    a numpy whose asserts always pass: the same score."""
    step = "01_linear_algebra"
    root = course.new_scratch_course(tmp_path / "course", [step])
    release.generate(root, [step], log=lambda *_: None)
    name = notebooks.source_notebooks(step, root)[0].name
    source_nb = notebooks.read(root / course_config.SOURCE_DIR / step / name)
    blank = notebooks.read(root / course_config.RELEASE_DIR / step / name)
    wrong = {"cosine_similarity": "import numpy\ndef cosine_similarity(X, Y):\n    return numpy.zeros((len(X), len(Y)))"}
    for student in ("as_is", "fake_np"):
        nb = notebooks.fill(blank, source_nb, wrong)
        if student == "fake_np":
            at = next(i for i, c in enumerate(nb.cells) if c.cell_type == "code" and "import numpy as np" in c.source)
            nb.cells.insert(at + 1, nbformat.v4.new_code_cell(FAKE_NP))
        folder = root / course_config.SUBMITTED_DIR / student / step
        folder.mkdir(parents=True)
        nbformat.write(nb, str(folder / name))
    graded, problems = autograde.autograde(root, [step], log=lambda *_: None)
    assert len(graded) == 2 and not problems
    with course.gradebook(root) as gb:
        as_is, fake = (gb.find_submission(step, s).score for s in ("as_is", "fake_np"))
        assert fake == as_is < gb.find_submission(step, "as_is").max_score


def test_every_test_cell_of_the_course_imports_numpy_on_its_own_lines():
    """The import goes in front of a line of the cell: a traceback's line numbers still point at
    the instructor's lines (the feedback hides hidden lines by their numbers)."""
    count = 0
    for a in course.available_assignments():
        for path in notebooks.source_notebooks(a):
            for cell in notebooks.read(path).cells:
                if notebooks.is_test(cell) and "np." in cell.source:
                    graded_source = tamper._with_numpy(tamper._with_sentinel(cell.source, "0123"))
                    assert "import numpy as np; " in graded_source, cell.source[:80]
                    compile(graded_source, "<test cell>", "exec")
                    assert graded_source.count("\n") == tamper._with_sentinel(cell.source, "0123").count("\n")
                    count += 1
    assert count > 100


def test_a_student_cell_rebinding_what_the_notebook_gives_is_listed_or_held():
    nb = notebooks.read(course_config.ROOT / course_config.SOURCE_DIR / "05_information_theory" / "information_theory.ipynb")
    given = tamper.given_names(nb)
    assert {"rel_error", "numerical_gradient"} <= set(given)
    assert tamper.scan_code("def rel_error(a, b):\n    return 0.0", given) == (
        [], ["defines rel_error anew, which the notebook gives (its tests may use it)"])
    assert tamper.scan_code("def f():\n    global numerical_gradient\n    numerical_gradient = None", given)[0] == [
        "line 2: rebinds numerical_gradient from inside a function, which the notebook gives the tests"]
    for nested in ("if True:\n    def rel_error(a, b):\n        return 0.0", "for rel_error in [abs]:\n    pass",
                   "try:\n    rel_error = abs\nexcept Exception:\n    pass", "(rel_error := abs)"):
        assert tamper.scan_code(nested, given)[1] == [
            "defines rel_error anew, which the notebook gives (its tests may use it)"], nested
    assert tamper.scan_code("def attention(q, k, v):\n    rel = 1.0\n    return q", given) == ([], [])
    # np: whatever else a student binds to it is held (the test cells import numpy themselves, and
    # a function called by a test could bind np again)
    assert tamper.scan_code("import numpy as np, matplotlib.pyplot as plt", given) == ([], [])
    for rebinding in ("np = object()", "def f(x):\n    global np\n    return x", "import numpy.linalg as np",
                      "from numpy import linalg as np", "(np := 3)"):
        assert "the test cells use numpy" in " ".join(tamper.scan_code(rebinding, given)[0]), rebinding
    # a copy of the given cells, and given data assigned anew while exploring: not held
    copies = [c.source for c in nb.cells if c.cell_type == "code" and c.metadata.get("nbgrader", {}).get("locked")
              and not notebooks.is_test(c)]
    assert any("def rel_error" in c for c in copies)
    assert all(tamper.scan_code(c, given)[0] == [] for c in copies)
    assert tamper.scan_code("params = init_params(cfg, seed=1)", given)[0] == []


def test_a_test_cell_tagged_to_be_skipped_runs_all_the_same(graded):
    assert scores(graded["root"], "skips_test") == {**HONEST, "test_square": 0}


def test_a_kernel_that_dies_leaves_the_notebook_as_far_as_it_ran(graded):
    [problem] = graded["problems"]
    assert "Kernel died" in str(problem)
    partial = notebooks.read(graded["root"] / course_config.PARTIAL_DIR / "kills_kernel" / A / "toy.ipynb")
    ran = [notebooks.grade_id(c) for c in partial.cells
           if c.cell_type == "code" and c.get("execution_count") and notebooks.grade_id(c)]
    # the cells before the one that ended Python ran; that cell may show as started (its
    # execute_input can arrive before the kernel's death is noticed); nothing after it ran
    assert ran in (["double", "test_double"], ["double", "test_double", "square"]), ran
    assert "calls os._exit" in held_reason(graded, "kills_kernel")


def test_a_launcher_beside_the_notebook_is_not_imported(graded):
    folder = graded["root"] / course_config.AUTOGRADED_DIR / "shadows_launcher" / A
    assert (folder / "ipykernel_launcher.py").exists() and not (folder / "shadow_was_imported.txt").exists()


def test_a_display_hook_is_held(graded):
    assert scores(graded["root"], "displayhook")["test_square"] == 0
    assert "replaces the display hook (.displayhook)" in held_reason(graded, "displayhook")


def test_a_file_written_into_source_never_arrives(graded):
    assert not (graded["root"] / course_config.SOURCE_DIR / A / "planted.txt").exists()
    assert scores(graded["root"], "writes_source") == HONEST and held_reason(graded, "writes_source") == ""


def test_no_process_outlives_grading(graded):
    assert subprocess.run(["pgrep", "-f", "sleep 4242"], capture_output=True).stdout == b""
    assert "starts processes" in held_reason(graded, "outlives_grading")


def test_no_connection_reaches_loopback(graded):
    assert graded["connections"] == []
    assert scores(graded["root"], "loopback") == HONEST
    assert "opens network connections" in held_reason(graded, "loopback")


def test_output_is_capped_by_bytes(graded):
    path = graded["root"] / course_config.AUTOGRADED_DIR / "huge_output" / A / "toy.ipynb"
    assert path.stat().st_size < course_config.MAX_OUTPUT_BYTES_PER_CELL + 100_000
    assert "[output cut: over" in path.read_text()
    assert scores(graded["root"], "huge_output") == HONEST and held_reason(graded, "huge_output") == ""


def test_an_endless_loop_in_two_cells_costs_one_notebook_budget(graded):
    assert scores(graded["root"], "loops_twice") == {"test_double": 0, "test_square": 0, "explain_square": None}
    def spent(student):
        [line] = [l for l in graded["lines"] if "autograde [" in l and f" {student}:" in l]
        return float(line.split("(")[1].split(" s")[0])
    # the second loop gets what is left of the budget: not 2 x 10 s of loops, at most 14 s
    assert spent("loops_twice") - spent("full") < BUDGET_S + 3 < 2 * TIMEOUT_S


@pytest.mark.parametrize("student, reason", [
    ("patches_numpy", "assertion helpers or library functions were patched (numpy.testing.assert_allclose, "
                      "numpy.testing.assert_array_equal)"),
    ("import_hook", "installs an import hook (.meta_path)"),
    ("import_hook", "before test test_square: an import hook was installed"),
    ("custom_exc", "changes how errors are reported (.set_custom_exc)"),
    ("hides_tracebacks", "changes how errors are reported (.showtraceback)"),
])
def test_tampering_held_before_the_sandbox_stays_held(graded, student, reason):
    assert reason in held_reason(graded, student)
    assert scores(graded["root"], student)["test_double"] == 2


def test_an_endless_loop_that_ignores_the_interrupt_is_stopped_by_the_budget_and_held(graded):
    assert scores(graded["root"], "ignores_sigint") == {"test_double": 2, "test_square": 0, "explain_square": None}
    assert "changes signal handling (import signal)" in held_reason(graded, "ignores_sigint")
    # its kernel, started with the course's path on its command line, is gone
    assert subprocess.run(["pgrep", "-f", f"{graded['root']}/"], capture_output=True).stdout == b""


def test_no_solution_alternative_or_recorded_wrong_answer_of_the_course_is_held():
    """The check before grading on every step's solutions and recorded answers: nothing held
    (a held honest answer would cost its student the step until a person looks)."""
    for a in course.available_assignments():
        for path in notebooks.source_notebooks(a):
            nb = notebooks.read(path)
            assert tamper.scan_notebook(nb)[0] == [], path
            for variants in notebooks.load_variants(a, path.stem):
                for gid, answers in variants.items():
                    for answer in answers:
                        assert tamper.scan_code(answer["code"], tamper.given_names(nb))[0] == [], (a, gid, answer["code"])


def test_release_hold_counts_the_submission_again_and_a_regrade_keeps_it_released(graded, tmp_path):
    root = tmp_path / "store"
    tamper.hold(root, "s", A, "toy.ipynb: installs an import hook")
    assert tamper.held(root) == {("s", A): "toy.ipynb: installs an import hook"}
    assert tamper.release_hold(root, "s", A) == ["toy.ipynb: installs an import hook"]
    tamper.clear(root, "s", A, prefix="toy.ipynb")
    tamper.hold(root, "s", A, "toy.ipynb: installs an import hook")
    assert tamper.held(root) == {}


def test_the_pipeline_says_what_is_held_and_backs_up_the_gradebook_first(graded):
    said = [l for l in graded["lines"] if "transformer_plain/" in l and "held for review" in l]
    assert len(said) == 1 and "release-hold transformer_plain 01_linear_algebra" in said[0]
    assert [l for l in graded["lines"] if " full/" in l and "held" in l] == []
    assert len(list((graded["root"] / course_config.BACKUP_DIR).glob("gradebook-*.db"))) == 1


def test_autograde_refuses_to_grade_where_bubblewrap_cannot_run(monkeypatch, tmp_path):
    monkeypatch.setattr(sandbox, "available", lambda: (False, "bubblewrap is not installed: " + sandbox.FIX))
    monkeypatch.delenv(course_config.NO_SANDBOX_ENV, raising=False)
    with pytest.raises(RuntimeError, match="refusing to grade untrusted code: bubblewrap is not installed"):
        autograde.autograde(tmp_path, [A], log=lambda *_: None)


def test_without_bubblewrap_the_sandbox_says_how_to_fix_it(monkeypatch):
    monkeypatch.setattr(sandbox, "BWRAP", "/nonexistent/bwrap")
    sandbox.available.cache_clear()
    try:
        ok, why = sandbox.available()
    finally:
        sandbox.available.cache_clear()
    assert not ok and "apt-get install bubblewrap" in why and "--no-sandbox" in why and "\n" not in why


def test_a_gradebook_backup_restores_every_grade(graded, tmp_path):
    from tools import backup
    root = tmp_path / "course"
    root.mkdir()
    shutil.copy(graded["root"] / course_config.GRADEBOOK_FILE, root / course_config.GRADEBOOK_FILE)
    before = scores(root, "full")
    saved = backup.backup(root)
    with course.gradebook(root) as gb:
        for nb in gb.find_submission(A, "full").notebooks:
            for grade in nb.grades:
                grade.auto_score = 14000
        gb.db.commit()
    assert scores(root, "full") != before
    restored, replaced = backup.restore(root)
    assert restored == saved and scores(root, "full") == before
    backup.restore(root, replaced)  # and undone the same way
    assert scores(root, "full")["test_square"] == 14000


def test_a_sandboxed_kernel_is_ready_without_idling_and_loses_no_output_of_the_first_cell(tmp_path):
    """The grading client is ready once the kernel has answered and IOPub delivers (not after
    0.2 s of IOPub silence): the first cell's output, sent right away, all arrives, ten kernels
    in a row."""
    import asyncio

    async def first_cell():
        km = sandbox.SandboxKernelManager(kernel_name="python3", sandbox=True)
        await km.start_kernel(cwd=str(tmp_path))
        kc = km.client()
        assert isinstance(kc, sandbox.GradingKernelClient)
        kc.start_channels()
        try:
            await kc.wait_for_ready(timeout=60)
            msg_id = kc.execute("print('first', 6 * 7)")
            text, idle = "", False
            while not idle:
                msg = await kc.get_iopub_msg(timeout=30)
                if msg["parent_header"].get("msg_id") != msg_id:
                    continue
                if msg["msg_type"] == "stream":
                    text += msg["content"]["text"]
                idle = msg["msg_type"] == "status" and msg["content"]["execution_state"] == "idle"
            return text
        finally:
            kc.stop_channels()
            await km.shutdown_kernel(now=True)

    assert [asyncio.run(first_cell()) for _ in range(10)] == ["first 42\n"] * 10
