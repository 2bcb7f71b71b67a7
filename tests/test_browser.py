"""The student's and the instructor's journeys, end to end in a real browser (issue 7).

Playwright drives Debian's Chromium (/usr/bin/chromium, never a browser that Playwright would
download) against real Jupyter servers that the tests start on 127.0.0.1, on a port the OS
picks, and stop by process id:

- student: a fresh home holding a step-1 release notebook; JupyterLab from a Python environment
  with nbgrader's extensions as pip installs them, minus the instructor-only parts the README's
  "For instructors" commands disable. The student types a correct answer into one exercise's
  answer cell, runs all cells, presses Validate (its verdict names the untouched exercises, not
  the solved one) and saves; the kit's autograde then gives that exercise its points and every
  other one 0. Screenshot: build/test-artifacts/student_notebook.png.
- instructor: JupyterLab on a scratch course holding graded submissions (nbgrader_config.py and
  course_config.py copied in), Nbgrader > Formgrader lists the steps and submissions, a manual
  grade entered there reaches the kit's gradebook CSV.

Without Chromium these tests are skipped with one line saying so (pytest.ini has -rs), except in
CI (CI=true), where they fail: .ci/run installs Debian's chromium."""
import csv
import json
import os
import re
import shlex
import shutil
import signal
import subprocess
import sys
import sysconfig
import time
import urllib.request
import uuid
from datetime import datetime, timezone
from pathlib import Path

import nbformat
import pytest

import course_config
from tools import autograde, course, gradebook, notebooks, release

pytestmark = [pytest.mark.browser, pytest.mark.xdist_group("browser")]

CHROMIUM = os.environ.get("CHROMIUM", "/usr/bin/chromium")
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                 "--disable-background-networking", "--disable-component-update", "--disable-sync"]
SERVER_START_TIMEOUT_S = 120   # generous: a server that does not come up fails with its log
UI_TIMEOUT_MS = 60_000         # page loads, kernel start-up
VALIDATE_TIMEOUT_MS = 180_000  # Validate runs the whole notebook in a new kernel
ARTIFACTS = course_config.ROOT / "build" / "test-artifacts"
KIT_PREFIX = Path(sys.prefix)
A = "01_linear_algebra"
GRADER_SCORE = 2.5             # the manual grade entered in the formgrader (of 3 points)


def chromium_problem():
    if not os.access(CHROMIUM, os.X_OK):
        return f"Chromium not found at {CHROMIUM}"
    try:
        import playwright.sync_api  # noqa: F401
    except ImportError:
        return "the playwright package is not installed (make test installs requirements.txt)"
    return None


# Without Chromium: one line says so and everything else runs; in CI the tests fail instead
# (the `browser` fixture), since CI must run them.
CHROMIUM_PROBLEM = chromium_problem()
if CHROMIUM_PROBLEM and os.environ.get("CI") != "true":
    pytest.skip(f"browser tests not run: {CHROMIUM_PROBLEM} (as root: apt-get install chromium); "
                "everything else ran", allow_module_level=True)


# --- Processes: started and stopped by id, nothing left running ------------------------------

def _stat(pid):
    """(state, ppid, start time) of a process from /proc, or None if it is gone."""
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    except (OSError, IndexError):
        return None
    return fields[0], int(fields[1]), int(fields[19])


def descendants(pid):
    """[(pid, start time)] of every process below `pid` ([] where /proc is not available)."""
    children = {}
    for d in Path("/proc").glob("[0-9]*"):
        st = _stat(d.name)
        if st:
            children.setdefault(st[1], []).append((int(d.name), st[2]))
    found, todo = [], [pid]
    while todo:
        for child in children.get(todo.pop(), []):
            found.append(child)
            todo.append(child[0])
    return found


def still_running(procs):
    """Those of [(pid, start time)] that are still running (same pid and start time, not a zombie)."""
    return [(pid, t) for pid, t in procs if (st := _stat(pid)) and st[2] == t and st[0] != "Z"]


def listening_addresses(port):
    """Local IPv4/IPv6 addresses with a listening TCP socket on `port` (from /proc/net)."""
    found = []
    for name in ("tcp", "tcp6"):
        path = Path("/proc/net") / name
        if not path.exists():
            continue
        for line in path.read_text().splitlines()[1:]:
            local, state = line.split()[1], line.split()[3]
            addr, p = local.rsplit(":", 1)
            if state == "0A" and int(p, 16) == port:
                found.append(addr)
    return found


LOOPBACK = {"0100007F", "00000000000000000000000001000000"}  # 127.0.0.1 and ::1 as /proc/net shows them


class JupyterServer:
    """`jupyter lab` on 127.0.0.1 and a free port (port 0: the OS picks it, the server writes it
    to its runtime file), its output in a log file, stopped by its process id. A server that
    exits or does not answer within `start_timeout` seconds fails the test with its log."""

    def __init__(self, name, jupyter, cwd, root_dir, env, log_path, start_timeout=SERVER_START_TIMEOUT_S):
        self.name, self.cwd, self.env, self.log_path = name, cwd, env, Path(log_path)
        self.start_timeout = start_timeout
        self.token = uuid.uuid4().hex
        self.argv = [str(jupyter), "lab", "--no-browser", "--ip=127.0.0.1", "--port=0",
                     "--ServerApp.port_retries=0", f"--IdentityProvider.token={self.token}",
                     f"--ServerApp.root_dir={root_dir}"] + (["--allow-root"] if os.geteuid() == 0 else [])
        self.proc, self.url, self.port, self.stopped, self.left_running = None, None, None, False, []

    def log_tail(self, n=60):
        lines = self.log_path.read_text(errors="replace").splitlines() if self.log_path.exists() else []
        return "\n".join(lines[-n:])

    def fail(self, why):
        self.stop()
        left = f" (left running, killed: {self.left_running})" if self.left_running else ""
        pytest.fail(f"{self.name} server (pid {self.proc.pid}) {why}{left}; the last lines of its log "
                    f"{self.log_path}:\n{self.log_tail()}", pytrace=False)

    def start(self):
        self.log = open(self.log_path, "w")
        self.proc = subprocess.Popen(self.argv, cwd=self.cwd, env=self.env, stdin=subprocess.DEVNULL,
                                     stdout=self.log, stderr=subprocess.STDOUT)
        runtime = Path(self.env["JUPYTER_RUNTIME_DIR"]) / f"jpserver-{self.proc.pid}.json"
        deadline = time.monotonic() + self.start_timeout
        while True:
            if self.proc.poll() is not None:
                self.fail(f"exited with code {self.proc.returncode} before it came up")
            if runtime.exists():
                try:
                    info = json.loads(runtime.read_text())
                except ValueError:  # being written
                    info = None
                if info and self.api("status", base=info["url"], quiet=True) is not None:
                    self.url, self.port = info["url"], int(info["port"])
                    return self
            if time.monotonic() > deadline:
                self.fail(f"did not come up within {self.start_timeout} s")
            time.sleep(0.2)

    def api(self, path, method="GET", base=None, quiet=False):
        req = urllib.request.Request(f"{base or self.url}api/{path}", method=method,
                                     headers={"Authorization": f"token {self.token}"})
        try:
            with urllib.request.urlopen(req, timeout=10) as r:
                body = r.read()
                return json.loads(body) if body else {}
        except (OSError, ValueError):
            if quiet:
                return None
            raise

    def stop(self):
        """Shut its kernels down (as Kernel > Shut Down All Kernels does), SIGTERM the server by its
        pid and wait for it; anything of its process tree still running then is killed by pid and
        recorded in left_running."""
        if self.proc is None or self.stopped:
            return
        self.stopped = True
        tree = descendants(self.proc.pid)  # kernels and anything else it started
        if self.proc.poll() is None:
            if self.url:
                for k in self.api("kernels", quiet=True) or []:
                    self.api(f"kernels/{k['id']}", method="DELETE", quiet=True)
            self.proc.send_signal(signal.SIGTERM)
            try:
                self.proc.wait(timeout=30)
            except subprocess.TimeoutExpired:
                self.left_running.append((self.proc.pid, "the server itself, 30 s after SIGTERM"))
                self.proc.kill()
                self.proc.wait(timeout=30)
        for pid, _ in still_running(tree):
            try:
                cmd = " ".join(Path(f"/proc/{pid}/cmdline").read_text(errors="replace").split("\0"))[:200]
                os.kill(pid, signal.SIGKILL)
            except OSError:  # it ended just now
                continue
            self.left_running.append((pid, cmd))
        self.log.close()

    def __enter__(self):
        return self.start()

    def __exit__(self, *exc):
        self.stop()

    def check_stopped_cleanly(self):
        assert self.proc.returncode is not None
        assert not self.left_running, f"{self.name} server left processes running: {self.left_running}"
        assert self.port is None or listening_addresses(self.port) == [], \
            f"port {self.port} still listening after the server stopped"


def jupyter_env(home, tmp, prefix=KIT_PREFIX):
    """The environment of a Jupyter server: its own config, data, runtime and settings folders
    (nothing read from or written to the user's ~/.jupyter), one BLAS thread per kernel."""
    env = {k: v for k, v in os.environ.items() if not k.startswith(("JUPYTER", "JPY_"))}
    env.update(course_config.KERNEL_ENV)
    dirs = {"JUPYTER_CONFIG_DIR": "config", "JUPYTER_DATA_DIR": "data", "JUPYTER_RUNTIME_DIR": "runtime",
            "IPYTHONDIR": "ipython", "JUPYTERLAB_SETTINGS_DIR": "lab-settings",
            "JUPYTERLAB_WORKSPACES_DIR": "lab-workspaces"}
    for var, name in dirs.items():
        (tmp / name).mkdir(parents=True, exist_ok=True)
        env[var] = str(tmp / name)
    # no "official Jupyter news?" toast over the notebook, no update check (no network here)
    notify = tmp / "lab-settings" / "@jupyterlab" / "apputils-extension" / "notification.jupyterlab-settings"
    notify.parent.mkdir(parents=True, exist_ok=True)
    notify.write_text(json.dumps({"fetchNews": "false", "checkForUpdates": False}))
    env["HOME"] = str(home)
    env["PATH"] = os.pathsep.join([str(Path(prefix) / "bin"), env.get("PATH", "")])
    return env


# --- The student's Python environment ----------------------------------------------------------

def readme_commands(section, starts):
    """The command lines of a README section that start with one of `starts`."""
    text = (course_config.ROOT / "README.md").read_text()
    body = text.split(f"\n## {section}\n", 1)[1].split("\n## ", 1)[0]
    return [line.strip() for line in body.splitlines() if line.strip().startswith(starts)]


def student_environment(dest):
    """A Python environment of its own (own sys.prefix, so the README's `--sys-prefix` commands
    change it alone), holding the kit's packages as `pip install` left them: their site-packages
    through a .pth file, their Jupyter config (etc/jupyter: nbgrader's server extensions enabled)
    copied, their Jupyter data (JupyterLab, nbgrader's lab extension) linked, their scripts."""
    subprocess.run([sys.executable, "-m", "venv", "--without-pip", str(dest)], check=True)
    site = Path(next(dest.glob("lib/python3*/site-packages")))
    kit_site = sysconfig.get_paths()["purelib"]
    (site / "kit_packages.pth").write_text(f"import site; site.addsitedir({kit_site!r})\n")
    shutil.copytree(KIT_PREFIX / "etc" / "jupyter", dest / "etc" / "jupyter")
    (dest / "share").mkdir(exist_ok=True)
    (dest / "share" / "jupyter").symlink_to(KIT_PREFIX / "share" / "jupyter")
    shebang = f"#!{KIT_PREFIX}/bin/python".encode()
    for script in (KIT_PREFIX / "bin").iterdir():
        target = dest / "bin" / script.name
        if script.is_file() and not target.exists():
            head, _, rest = script.read_bytes().partition(b"\n")
            if head.startswith(shebang):
                target.write_bytes(f"#!{dest}/bin/python".encode() + head[len(shebang):] + b"\n" + rest)
                target.chmod(0o755)
    return dest


# --- Fixtures ------------------------------------------------------------------------------------

@pytest.fixture(scope="module")
def base_course(tmp_path_factory):
    """A scratch course made from source/01_linear_algebra with its release generated (each
    test grades in its own copy)."""
    root = course.new_scratch_course(tmp_path_factory.mktemp("browser") / "course", [A])
    release.generate(root, [A], log=lambda *_: None)
    return root


@pytest.fixture(scope="module")
def graded_course(base_course, tmp_path_factory):
    """The instructor's course: every step's source, step 1 released and its submissions from
    ada (every answer), bo (the first half) and cy (the untouched release) autograded by the kit,
    every step in the gradebook with its due date from course_config; nbgrader_config.py and
    course_config.py copied in, as in the repository."""
    root = tmp_path_factory.mktemp("instructor") / "course"
    shutil.copytree(base_course, root)
    for a in course.available_assignments():
        if a != A:
            shutil.copytree(course_config.ROOT / course_config.SOURCE_DIR / a, root / course_config.SOURCE_DIR / a,
                            ignore=shutil.ignore_patterns(".ipynb_checkpoints", "__pycache__"))
    for name in ("nbgrader_config.py", "course_config.py"):
        shutil.copy(course_config.ROOT / name, root / name)
    source = notebooks.source_notebooks(A, root)[0]
    rel, src = notebooks.read(root / "release" / A / source.name), notebooks.read(source)
    half = list(notebooks.exercises(src))[: len(notebooks.exercises(src)) // 2]
    for student, nb in (("ada", notebooks.fill(rel, src)), ("bo", notebooks.fill(rel, src, solve=half.__contains__)),
                        ("cy", rel)):
        folder = root / course_config.SUBMITTED_DIR / student / A
        shutil.copytree(root / "release" / A, folder)
        nbformat.write(nb, str(folder / source.name))
    graded, problems = autograde.autograde(root, [A], log=lambda *_: None)
    assert not problems and len(graded) == 3, [str(p) for p in problems]
    with course.gradebook(root) as gb:
        course.sync_assignments(gb, course.available_assignments(root))
    return root


@pytest.fixture(scope="module")
def browser():
    """Debian's Chromium through Playwright, for the whole module; closed, and checked to have
    left no process behind, at the end."""
    if CHROMIUM_PROBLEM:  # only in CI: elsewhere the module was skipped
        pytest.fail(f"{CHROMIUM_PROBLEM}: CI must run the browser tests (.ci/run installs Debian's chromium)",
                    pytrace=False)
    from playwright.sync_api import sync_playwright

    before = set(descendants(os.getpid()))
    pw = sync_playwright().start()
    b = pw.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS, headless=True)
    try:
        yield b
    finally:
        ours = set(descendants(os.getpid())) - before  # the Playwright driver and Chromium's processes
        b.close()
        pw.stop()
        left = still_running(ours)
        for pid, _ in left:
            os.kill(pid, signal.SIGKILL)
        assert not left, f"Chromium/Playwright processes left running: {left}"


@pytest.fixture()
def page_of(browser):
    """page_of(server) -> a new page (its own context) on that server, closed afterwards."""
    contexts = []

    def open_page(server, path="lab"):
        ctx = browser.new_context(viewport={"width": 1400, "height": 1000})
        contexts.append(ctx)
        page = ctx.new_page()
        page.set_default_timeout(UI_TIMEOUT_MS)
        page.goto(f"{server.url}{path}?token={server.token}")
        return page

    yield open_page
    for ctx in contexts:
        ctx.close()


# --- Driving JupyterLab as a person does -------------------------------------------------------

def menu(page, *labels):
    """Click through JupyterLab's menu bar: menu(page, "Run", "Run All Cells")."""
    page.locator(".lm-MenuBar-itemLabel", has_text=re.compile(f"^{re.escape(labels[0])}$")).click()
    for label in labels[1:]:
        page.locator(".lm-Menu-itemLabel", has_text=re.compile(f"^{re.escape(label)}$")).click()


def type_into_answer_cell(page, cell, body_lines):
    """Replace the release's `# YOUR CODE HERE / raise NotImplementedError()` with body_lines, by
    keyboard: click the placeholder line, select from it to the end of the cell, type line by
    line. After Enter the editor auto-indents; Shift+Home selects that indentation so each line
    is typed with exactly its own."""
    cell.locator(".cm-line", has_text="# YOUR CODE HERE").click()
    page.keyboard.press("End")
    page.keyboard.press("Home")                    # to the end of the indentation
    page.keyboard.press("Shift+Control+End")       # ... through the end of the cell
    page.keyboard.type(body_lines[0].lstrip())     # the placeholder's indentation stays
    for line in body_lines[1:]:
        page.keyboard.press("Enter")
        page.keyboard.press("Shift+Home")          # select the auto-indent
        if line.strip():
            page.keyboard.type(line)
        else:
            page.keyboard.press("Delete")


def code_cell(page, first_line):
    return page.locator(".jp-CodeCell").filter(has=page.locator(".cm-line", has_text=first_line)).first


# --- Servers: loopback only, started and stopped by id, failing with their log ------------------

def test_a_server_that_does_not_come_up_fails_with_its_log_not_a_hang(tmp_path):
    env = jupyter_env(tmp_path, tmp_path / "jupyter")
    broken = JupyterServer("broken JupyterLab", KIT_PREFIX / "bin" / "jupyter", tmp_path, tmp_path / "no-such-folder",
                           env, tmp_path / "broken.log")
    with pytest.raises(pytest.fail.Exception, match=r"(?s)exited with code [1-9]\d* before it came up.*no-such-folder"):
        broken.start()
    broken.check_stopped_cleanly()
    silent = tmp_path / "silent-server"
    silent.write_text("#!/bin/sh\necho starting up...\nexec sleep 600\n")
    silent.chmod(0o755)
    hung = JupyterServer("hung server", silent, tmp_path, tmp_path, env, tmp_path / "hung.log", start_timeout=2)
    t0 = time.monotonic()
    with pytest.raises(pytest.fail.Exception, match=r"(?s)did not come up within 2 s.*starting up\.\.\."):
        hung.start()
    assert time.monotonic() - t0 < 60
    hung.check_stopped_cleanly()  # stopped by its pid, nothing left running


# --- The student's journey -----------------------------------------------------------------------

def test_student_completes_validates_and_saves_an_exercise(browser, page_of, base_course, tmp_path):
    from playwright.sync_api import expect

    source = notebooks.source_notebooks(A, base_course)[0]
    src = notebooks.read(source)
    exercises = notebooks.exercises(src)
    solved = next(iter(exercises))                        # the first exercise of the notebook
    answer_src = src.cells[exercises[solved].answer_index].source
    body = notebooks.SOLUTION_BLOCK.search(answer_src).group(1).rstrip("\n").splitlines()
    expected_answer = notebooks.strip_markers(answer_src).rstrip()
    untouched = [gid for gid in exercises if gid != solved]
    defines = {gid: re.findall(r"^def (\w+)", src.cells[ex.answer_index].source, re.M) for gid, ex in exercises.items()}

    # a fresh home holding the step's release, as the instructor's student export lays it out
    home = tmp_path / "home"
    shutil.copytree(base_course / course_config.RELEASE_DIR / A, home / A)
    nb_path = home / A / source.name

    # the student's environment, with the README's instructor-only extensions disabled
    env_dir = student_environment(tmp_path / "student-env")
    env = jupyter_env(home, tmp_path / "jupyter", prefix=env_dir)
    commands = readme_commands("For instructors", ("jupyter labextension disable", "jupyter server extension disable"))
    assert len(commands) == 2 and all("formgrader" in c for c in commands), commands
    assert "@jupyter/nbgrader:create-assignment" in commands[0]
    runs = [subprocess.Popen([str(env_dir / "bin" / argv[0])] + argv[1:], env=env, text=True,
                             stdout=subprocess.PIPE, stderr=subprocess.STDOUT)
            for argv in map(shlex.split, commands)]  # independent files: run both at once
    for cmd, run in zip(commands, runs):
        out = run.communicate(timeout=300)[0]
        assert run.returncode == 0 and "fail" not in out.lower(), f"{cmd}\n{out}"

    with JupyterServer("student JupyterLab", env_dir / "bin" / "jupyter", home, home, env,
                       tmp_path / "student-server.log") as server:
        assert server.url.startswith("http://127.0.0.1:")
        assert set(listening_addresses(server.port)) <= LOOPBACK
        page = page_of(server, f"lab/tree/{A}/{source.name}")
        page.locator(".jp-Notebook").wait_for()
        page.locator(".jp-Notebook-ExecutionIndicator[data-status='idle']").wait_for()

        # the student sees Validate, and none of the instructor's pieces
        assert page.locator(".validate-button").is_visible()
        page.locator(".lm-MenuBar-itemLabel", has_text="Nbgrader").click()
        student_menu = page.locator(".lm-Menu-content").inner_text()
        page.keyboard.press("Escape")
        assert "Assignment List" in student_menu and "Formgrader" not in student_menu, student_menu
        assert page.get_by_text("Create Assignment").count() == 0

        # answer one exercise through the editor, run everything, validate, save
        cell = code_cell(page, f"def {defines[solved][0]}(")
        type_into_answer_cell(page, cell, body)
        menu(page, "Run", "Run All Cells")
        # the run stops at the first failing cell: the next exercise's test, still unanswered
        page.locator(".jp-OutputArea-output", has_text="NotImplementedError").first.wait_for()
        page.locator(".jp-Notebook-ExecutionIndicator[data-status='idle']").wait_for()

        page.locator(".validate-button").click()
        verdict = page.locator("#validation-message")
        verdict.wait_for(timeout=VALIDATE_TIMEOUT_MS)
        verdict_text = verdict.inner_text()
        ARTIFACTS.mkdir(parents=True, exist_ok=True)
        page.screenshot(path=str(ARTIFACTS / "student_validate.png"))
        page.locator(".jp-Dialog-button.jp-mod-accept").click()

        with page.expect_response(lambda r: r.request.method == "PUT" and f"/api/contents/{A}/" in r.url) as put:
            page.keyboard.press("Control+s")
        assert put.value.ok
        # the screenshot: the answer at the top, its test cell and that test's "ok" below it
        cell.evaluate("e => e.scrollIntoView({block: 'start'})")
        test_cell = cell.locator("xpath=following-sibling::div[contains(@class, 'jp-CodeCell')][1]")
        expect(test_cell.locator(".jp-OutputArea-output")).to_have_text(re.compile(r"^\s*ok\s*$"))
        expect(test_cell.locator(".jp-OutputArea-output")).to_be_in_viewport()
        page.screenshot(path=str(ARTIFACTS / "student_notebook.png"))
    server.check_stopped_cleanly()

    # Validate's verdict: one failed cell per test of an untouched exercise and per untouched written
    # answer, every untouched exercise named, the solved one not
    n_tests = sum(len(ex.test_indices) for ex in exercises.values())
    n_written = sum(notebooks.is_manual(c) for c in src.cells)
    assert verdict_text.count("The following cell failed") == n_tests - len(exercises[solved].test_indices) + n_written, \
        verdict_text
    missing = [gid for gid in untouched if not any(f"{name}(" in verdict_text for name in defines[gid])]
    assert not missing, f"Validate does not name {missing}:\n{verdict_text}"
    assert not any(name in verdict_text for name in defines[solved]), verdict_text

    # the saved notebook holds the answer exactly as meant (auto-indent handled) and its outputs
    saved = notebooks.read(nb_path)
    answer = next(c for c in saved.cells if notebooks.grade_id(c) == solved)
    assert answer.source.rstrip() == expected_answer
    tests = [c for c in saved.cells if notebooks.grade_id(c) == notebooks.grade_id(src.cells[exercises[solved].test_indices[0]])]
    assert tests and any("ok" in o.get("text", "") for o in tests[0].outputs), "the visible tests did not run"

    # the kit's autograde: the solved exercise earns its points, every untouched one 0
    root = tmp_path / "course"
    shutil.copytree(base_course, root)
    shutil.copytree(home / A, root / course_config.SUBMITTED_DIR / "student" / A,
                    ignore=shutil.ignore_patterns(".ipynb_checkpoints"))
    graded, problems = autograde.autograde(root, [A], log=lambda *_: None)
    assert graded == [("student", A)] and not problems, [str(p) for p in problems]
    with course.gradebook(root) as gb:
        grades = {g.name: (g.score, g.max_score) for nb in gb.find_submission(A, "student").notebooks
                  for g in nb.grades}
    solved_tests = {notebooks.grade_id(src.cells[i]) for i in exercises[solved].test_indices}
    assert all(grades[t][0] == grades[t][1] > 0 for t in solved_tests), grades
    assert all(score == 0 for gid, (score, _) in grades.items() if gid not in solved_tests), grades


# --- The instructor's journey --------------------------------------------------------------------

def test_instructor_grades_a_written_answer_in_the_formgrader(browser, page_of, graded_course, tmp_path):
    from playwright.sync_api import expect

    root = graded_course
    steps = course.available_assignments(root)
    source = notebooks.source_notebooks(A, root)[0]
    written = next(notebooks.grade_id(c) for c in notebooks.read(source).cells if notebooks.is_manual(c))
    due = {a: datetime.fromisoformat(course_config.step_of(a).due).astimezone(timezone.utc)
           .strftime("%Y-%m-%d %H:%M:%S UTC") for a in steps}

    env = jupyter_env(root, tmp_path / "jupyter")
    env["PYTHONPATH"] = str(course_config.ROOT)  # as when started from the repository: tools/ importable
    with JupyterServer("instructor JupyterLab", KIT_PREFIX / "bin" / "jupyter", root, root, env,
                       tmp_path / "instructor-server.log") as server:
        assert server.url.startswith("http://127.0.0.1:")
        assert set(listening_addresses(server.port)) <= LOOPBACK
        page = page_of(server)
        menu(page, "Nbgrader", "Formgrader")
        fg = page.frame_locator("iframe[src*='formgrader']")

        # Manage Assignments: every step with its due date, step 1's three submissions, and the
        # configuration nbgrader_config.py loaded from course_config.py
        fg.get_by_text(steps[-1], exact=True).wait_for()
        rows = {line.split("\t")[0]: line.split("\t") for line in fg.locator("table").first.inner_text().splitlines()}
        for a in steps:
            assert a in rows and rows[a][1] == due[a], (a, rows.get(a))
        assert rows[A][2] == "draft" and "3" in rows[A][3:], rows[A]
        fg.get_by_text("Current configuration (click to expand)").click()
        config = fg.locator("#collapseConfig")
        config.wait_for()
        assert f"'course_id': '{course_config.COURSE_ID}'" in config.inner_text()
        assert f"'db_url': '{course_config.db_url(root)}'" in config.inner_text()

        # Manual Grading > step 1 > its notebook: the three submissions; grade ada's written answer
        fg.get_by_role("link", name="Manual Grading").click()
        fg.get_by_role("link", name=A, exact=True).click()
        fg.get_by_role("link", name=source.stem, exact=True).click()
        expect(fg.get_by_role("link", name=re.compile(r"^Submission #\d+$"))).to_have_count(3)  # anonymous
        fg.get_by_role("button", name="Show All Names").click()
        for student in ("ada", "bo", "cy"):
            fg.get_by_role("link", name=student, exact=True).wait_for()
        fg.get_by_role("link", name="ada", exact=True).click()
        score = fg.locator(f"input#{written}")
        score.scroll_into_view_if_needed()
        with page.expect_response(lambda r: "/formgrader/api/grade/" in r.url and r.request.method == "PUT") as put:
            score.fill(f"{GRADER_SCORE:g}")
            score.press("Tab")
        assert put.value.ok and put.value.json()["manual_score"] == GRADER_SCORE
        ARTIFACTS.mkdir(parents=True, exist_ok=True)
        page.screenshot(path=str(ARTIFACTS / "instructor_formgrader.png"))
    server.check_stopped_cleanly()

    # the grade is in nbgrader's gradebook and in the kit's gradebook CSV
    with course.gradebook(root) as gb:
        grade = gb.find_grade(written, source.stem, A, "ada")
        assert grade.manual_score == GRADER_SCORE and not grade.needs_manual_grade
        total = gb.find_submission(A, "ada").score
    paths = gradebook.write(root, tmp_path / "gradebooks")
    step_csv = next(p for p in paths if p.name == f"{course_config.step_of(A).name}.csv")
    with open(step_csv, newline="") as f:
        rows = {r["student"]: r for r in csv.DictReader(f)}
    assert float(rows["ada"][f"{source.stem}:{written}"]) == GRADER_SCORE
    assert float(rows["ada"]["total"]) == pytest.approx(total) and total > GRADER_SCORE
