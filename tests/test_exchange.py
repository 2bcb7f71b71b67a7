"""Issue 10: nbgrader's file-based exchange (a JupyterHub's), for real on one machine, in a fresh
copy of the course root: the instructor's `nbgrader release_assignment`, a student's
`nbgrader fetch_assignment` and `nbgrader submit` from their own home, the instructor's
`nbgrader collect`, then the kit's autograde. The exchange root comes from course_config
(EXCHANGE_ROOT, overridden here by AIMATH_EXCHANGE_ROOT)."""
import getpass
import os
import subprocess

import nbformat
import pytest
from nbgrader.api import Gradebook

import course_config
from test_course_root import fresh_clone
from tools import notebooks

pytestmark = pytest.mark.xdist_group("exchange")
A = "01_linear_algebra"


def nbgrader(args, cwd, env):
    done = subprocess.run([str(course_config.ROOT / ".venv" / "bin" / "nbgrader"), *args], cwd=cwd, env=env,
                          capture_output=True, text=True, timeout=600)
    assert done.returncode == 0, f"nbgrader {' '.join(args)}:\n{done.stdout[-2000:]}\n{done.stderr[-2000:]}"
    return done.stdout + done.stderr


def test_release_fetch_submit_collect_autograde(tmp_path):
    root = fresh_clone(tmp_path / "course")
    exchange = tmp_path / "exchange"
    exchange.mkdir()
    exchange.chmod(0o777)
    env = {k: v for k, v in os.environ.items() if not k.startswith(("JUPYTER", "AIMATH_"))}
    env["AIMATH_EXCHANGE_ROOT"] = str(exchange)
    # the instructor publishes step 1 from the course root (nbgrader_config.py loads course_config)
    out = nbgrader(["release_assignment", A], root, env)
    assert (exchange / course_config.COURSE_ID / "outbound" / A / "linear_algebra.ipynb").is_file(), out
    # a student, in their own home, without the course's config: fetch, answer, submit
    home = tmp_path / "student"
    home.mkdir()
    student_env = dict(env, HOME=str(home))
    student_env.pop("AIMATH_EXCHANGE_ROOT")
    common = [f"--Exchange.root={exchange}", f"--course={course_config.COURSE_ID}"]
    nbgrader(["fetch_assignment", A, *common], home, student_env)
    fetched = home / A / "linear_algebra.ipynb"
    source = notebooks.source_notebooks(A, root)[0]
    nbformat.write(notebooks.fill(notebooks.read(fetched), notebooks.read(source)), str(fetched))
    nbgrader(["submit", A, *common], home, student_env)
    # the instructor collects into submitted/ and the kit grades
    nbgrader(["collect", A], root, env)
    student = getpass.getuser()
    assert (root / course_config.SUBMITTED_DIR / student / A / "linear_algebra.ipynb").is_file()
    done = subprocess.run([str(root / ".venv" / "bin" / "python"), "-m", "tools", "autograde", A], cwd=root, env=env,
                          capture_output=True, text=True, timeout=1200)
    assert done.returncode == 0 and "graded 1 submission(s); 0 could not be graded" in done.stdout, done.stdout + done.stderr
    with Gradebook(f"sqlite:///{root / 'gradebook.db'}", course_id=course_config.COURSE_ID) as gb:
        sub = gb.find_submission(A, student)
        code = [g for nb in sub.notebooks for g in nb.grades if g.cell_type == "code"]
        assert code and all(g.auto_score == g.max_score for g in code)
        assert sub.timestamp is not None   # nbgrader's submit stamped it
