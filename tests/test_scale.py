"""Issue 12: one step graded by a pool of worker processes, and on a real Dask cluster with the
gradebook in a real PostgreSQL server, gives exactly the grades that plain, serial nbgrader
gives (cell by cell); unchanged graded submissions are not graded again; --force grades them.

The class is the toy step (tests/fixtures/toy.ipynb as step 1) with 16 submissions of six
kinds, so every score a cell can get appears."""
import os
import shutil
import socket
import subprocess
import sys
import tempfile
from datetime import timedelta
from pathlib import Path

import nbformat
import pytest

import course_config
from tools import autograde, check, course, grade, notebooks, release

pytestmark = pytest.mark.xdist_group("scale")
TOY = Path(__file__).parent / "fixtures" / "toy.ipynb"
A = "01_linear_algebra"
KINDS = {
    "full": {},
    "blank": None,
    "hidden": {"double": "def double(x):\n    return x + 1"},
    "square_only": {"double": "def double(x):\n    raise NotImplementedError()"},
    "wrong_square": {"square": "def square(x):\n    return abs(x) * x"},
    "error": {"square": "def square(x):\n    return x ** 2 / 0"},
}
CLASS = [f"s{k:02d}_{kind}" for k, kind in zip(range(16), list(KINDS) * 3)]


def make_course(root):
    (root / course_config.SOURCE_DIR / A).mkdir(parents=True)
    shutil.copy(TOY, root / course_config.SOURCE_DIR / A / "toy.ipynb")
    release.generate(root, [A], log=lambda *_: None)
    source_nb, blank = notebooks.read(TOY), notebooks.read(root / course_config.RELEASE_DIR / A / "toy.ipynb")
    for student in CLASS:
        answers = KINDS[student.split("_", 1)[1]]
        nb = blank if answers is None else notebooks.fill(blank, source_nb, answers)
        folder = root / course_config.SUBMITTED_DIR / student / A
        folder.mkdir(parents=True)
        nbformat.write(nb, str(folder / "toy.ipynb"))
        (folder / "timestamp.txt").write_text((course.due_date(A) - timedelta(hours=1)).strftime("%Y-%m-%d %H:%M:%S UTC"))
    return root


def cell_grades(root):
    """{(student, notebook, cell): (auto score, needs manual grade)} from nbgrader's gradebook."""
    with course.gradebook(root) as gb:
        return {(sub.student.id, nb.name, g.name): (g.auto_score, g.needs_manual_grade)
                for sub in gb.find_assignment(A).submissions for nb in sub.notebooks for g in nb.grades}


@pytest.fixture(scope="module")
def serial_nbgrader(tmp_path_factory):
    """The reference: plain nbgrader, one submission after another in one process (its API's
    autograde, as `nbgrader autograde` runs it)."""
    root = make_course(tmp_path_factory.mktemp("serial") / "course")
    nb_api = course.api(root)
    for student in CLASS:
        assert nb_api.autograde(A, student, force=True, create=True)["success"]
    return cell_grades(root)


def test_reference_has_every_kind_of_score(serial_nbgrader):
    totals = {}
    for (student, _, cell), (score, _) in serial_nbgrader.items():
        totals.setdefault(student.split("_", 1)[1], {})[cell] = score
    assert totals["full"] == {"test_double": 2, "test_square": 3, "explain_square": None}
    assert totals["blank"] == {"test_double": 0, "test_square": 0, "explain_square": 0}
    assert totals["hidden"]["test_double"] == 0 and totals["hidden"]["test_square"] == 3
    assert totals["wrong_square"]["test_square"] == 0 and totals["error"]["test_square"] == 0
    assert len({s for s, _, _ in serial_nbgrader}) == 16


def test_worker_pool_grades_equal_serial_nbgrader_and_resumes(serial_nbgrader, tmp_path):
    root = make_course(tmp_path / "course")
    lines = []
    graded, problems = autograde.autograde(root, [A], jobs=2, log=lines.append)
    assert not problems and sorted(s for s, _ in graded) == sorted(CLASS)
    assert cell_grades(root) == serial_nbgrader
    progress = [l for l in lines if "autograde [" in l]
    assert len(progress) == 16 and progress[-1].startswith("  autograde [16/16]") and "left" in progress[-1]
    # graded and unchanged: not graded again; a changed submission is; --force grades everyone
    sub = root / course_config.SUBMITTED_DIR / CLASS[1] / A / "toy.ipynb"
    nbformat.write(notebooks.fill(notebooks.read(sub), notebooks.read(TOY)), str(sub))
    lines = []
    graded, _ = autograde.autograde(root, [A], jobs=2, log=lines.append)
    assert graded == [(CLASS[1], A)]
    assert "  15 submission(s) already graded and unchanged: not graded again (--force grades them)" in lines
    assert cell_grades(root)[(CLASS[1], "toy", "test_double")] == (2, False)
    # --force from the command line (one thread: the workers are forked with nbgrader imported)
    run = subprocess.run([sys.executable, "-m", "tools", "autograde", A, "--jobs", "2", "--force", "--root", str(root)],
                         cwd=course_config.ROOT, capture_output=True, text=True)
    assert run.returncode == 0 and "graded 16 submission(s); 0 could not be graded" in run.stdout, run.stdout + run.stderr
    full = {(cell, nb): v for (s, nb, cell), v in serial_nbgrader.items() if s == CLASS[0]}
    expected = {**serial_nbgrader, **{(CLASS[1], nb, cell): v for (cell, nb), v in full.items()}}
    assert cell_grades(root) == expected


def test_workers_are_forked_only_from_a_process_without_threads(tmp_path):
    """The command line forks its workers (nbgrader already imported: no start-up each); a
    process running other threads spawns them (fork would copy a lock another thread holds)."""
    root = make_course(tmp_path / "course")
    code = ("import sys, threading; from tools import grade\n"
            "if sys.argv[2] == 'thread': threading.Thread(target=threading.Event().wait, daemon=True).start()\n"
            "pool = grade.warm_pool(sys.argv[1], 2, 16)\n"
            "assert pool.submit(grade._api, sys.argv[1]).result() is not None\n"
            "print(pool._mp_context.get_start_method()); pool.shutdown()")
    methods = [subprocess.run([sys.executable, "-c", code, str(root), how], cwd=course_config.ROOT, check=True,
                              capture_output=True, text=True).stdout.split()[-1] for how in ("alone", "thread")]
    assert methods == ["fork", "spawn"]


def test_a_worker_makes_what_nbgrader_remakes_per_submission_once(tmp_path, monkeypatch):
    """While a worker grades, nbgrader's Gradebooks share one SQLAlchemy engine per database and
    its cell-metadata schema is checked once, not per cell; broken metadata still fails as in
    nbgrader; outside a grading, nbgrader is untouched."""
    import jsonschema
    import nbgrader.nbgraderformat.common as metadata
    from nbgrader.api import Gradebook
    from nbgrader.nbgraderformat import MetadataValidator, ValidationError

    root = make_course(tmp_path / "course")
    url = course_config.db_url(root)
    nb = notebooks.read(root / course_config.RELEASE_DIR / A / "toy.ipynb")
    broken = notebooks.read(root / course_config.RELEASE_DIR / A / "toy.ipynb")
    next(c for c in broken.cells if c.metadata.get("nbgrader", {}).get("points"))["metadata"]["nbgrader"]["points"] = "many"
    schema_checks = []
    cls = jsonschema.validators.validator_for(MetadataValidator().schema)
    check_schema = cls.check_schema
    monkeypatch.setattr(cls, "check_schema", classmethod(lambda c, s, **kw: (schema_checks.append(1), check_schema(s, **kw))))
    monkeypatch.setattr(grade, "_VALIDATORS", {})
    with grade._nbgrader_per_worker():
        with Gradebook(url) as one, Gradebook(url) as two:
            assert one.engine is two.engine
        MetadataValidator().validate_nb(nb)
        MetadataValidator().validate_nb(nb)
        assert len(schema_checks) == 1
        with pytest.raises(ValidationError):
            MetadataValidator().validate_nb(broken)
    grade._forget(str(root))
    with Gradebook(url) as one, Gradebook(url) as two:
        assert one.engine is not two.engine
    assert metadata.jsonschema is jsonschema
    with pytest.raises(ValidationError):
        MetadataValidator().validate_nb(broken)


def test_threads_of_one_worker_grade_one_at_a_time_and_leave_nbgrader_as_it_was(serial_nbgrader, tmp_path):
    """A Dask worker started with several threads: its threads grade in turn (they would share
    one gradebook session), the grades are serial nbgrader's, nbgrader is left unpatched."""
    import threading
    import nbgrader.api
    import nbgrader.nbgraderformat.common as metadata

    root = make_course(tmp_path / "course")
    course.register(root, [A], log=lambda *_: None)
    before = (nbgrader.api.create_engine, metadata.jsonschema)
    outcomes = []
    threads = [threading.Thread(target=lambda s=s: outcomes.append(grade.grade_submission(root, A, s))) for s in CLASS[:4]]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    grade._forget(str(root.resolve()))
    assert sorted(o.student for o in outcomes if o.graded) == sorted(CLASS[:4])
    assert (nbgrader.api.create_engine, metadata.jsonschema) == before
    assert cell_grades(root) == {k: v for k, v in serial_nbgrader.items() if k[0] in CLASS[:4]}


def test_the_kits_processes_skip_the_iri_grammar_jsonschema_would_build():
    """jsonschema (through nbformat) would build rfc3987_syntax's ~35 parsers in every process of
    the kit (~1.2 s each); no schema the kit validates uses that format, and notebooks still
    validate."""
    code = ("import sys, tools.grade, nbformat\n"
            "nbformat.validate(nbformat.read(sys.argv[1], as_version=4))\n"
            "print(sys.modules.get('rfc3987_syntax') is None, 'jsonschema._format' in sys.modules)")
    out = subprocess.run([sys.executable, "-c", code, str(TOY)], cwd=course_config.ROOT, check=True,
                         capture_output=True, text=True).stdout.split()
    assert out == ["True", "True"]


def test_interrupted_batch_resumes_with_the_rest(tmp_path):
    """A batch stopped after some submissions (here: --student for the first five, as if Ctrl-C
    came then) leaves those recorded; the next run grades exactly the others."""
    root = make_course(tmp_path / "course")
    autograde.autograde(root, [A], students=CLASS[:5], jobs=1, log=lambda *_: None)
    assert all(check.is_current(root, s, A) for s in CLASS[:5])
    graded, _ = autograde.autograde(root, [A], jobs=2, log=lambda *_: None)
    assert sorted(s for s, _ in graded) == sorted(CLASS[5:])


# --- A real Dask cluster and a real PostgreSQL server ---------------------------------------

def _free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _pg_bin():
    found = sorted(Path("/usr/lib/postgresql").glob("*/bin/initdb"))
    return found[-1].parent if found else None


@pytest.fixture(scope="module")
def postgres():
    """A PostgreSQL server of its own on loopback (Debian's postgresql package: initdb + pg_ctl),
    stopped at the end. In CI it must run (.ci/run installs it); elsewhere a missing server is
    said in one line."""
    bindir = _pg_bin()
    if bindir is None:
        if os.environ.get("CI") == "true":
            pytest.fail("PostgreSQL's server (Debian package postgresql) is not installed; .ci/run installs it")
        pytest.skip("PostgreSQL's server is not installed (apt-get install postgresql)")
    data = Path(tempfile.mkdtemp(prefix="aimath-pg-"))
    as_user = []
    if os.geteuid() == 0:  # initdb refuses to run as root: run the server as Debian's postgres user
        shutil.chown(data, "postgres")
        as_user = ["runuser", "-u", "postgres", "--"]
    port = _free_port()
    subprocess.run(as_user + [str(bindir / "initdb"), "-D", str(data / "db"), "-A", "trust", "-U", "grader"],
                   check=True, capture_output=True)
    subprocess.run(as_user + [str(bindir / "pg_ctl"), "-D", str(data / "db"), "-w", "-l", str(data / "log"),
                              "-o", f"-c listen_addresses=127.0.0.1 -p {port} -k {data}", "start"],
                   check=True, capture_output=True)
    try:
        yield f"postgresql+psycopg2://grader@127.0.0.1:{port}"
    finally:
        subprocess.run(as_user + [str(bindir / "pg_ctl"), "-D", str(data / "db"), "-m", "fast", "stop"],
                       capture_output=True)
        shutil.rmtree(data, ignore_errors=True)


def test_dask_cluster_with_postgresql_grades_equal_serial_nbgrader(serial_nbgrader, postgres, tmp_path, monkeypatch):
    import psycopg2
    from distributed import LocalCluster

    conn = psycopg2.connect(f"{postgres}/postgres".replace("+psycopg2", ""))
    conn.autocommit = True
    conn.cursor().execute("CREATE DATABASE dask_class")
    conn.close()
    monkeypatch.setenv("AIMATH_DB_URL", f"{postgres}/dask_class")   # the workers inherit it
    root = make_course(tmp_path / "course")
    assert course_config.db_url(root).startswith("postgresql+psycopg2://") and not (root / "gradebook.db").exists()
    with LocalCluster(n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None,
                      host="127.0.0.1") as cluster:
        assert len(cluster.scheduler_info["workers"]) == 2   # two worker processes, one address each
        graded, problems = autograde.autograde(root, [A], scheduler=cluster.scheduler_address, log=lambda *_: None)
    assert not problems and len(graded) == 16
    assert cell_grades(root) == serial_nbgrader
    assert not (root / "gradebook.db").exists()   # every grade went to PostgreSQL


def test_ctrl_c_then_the_next_run_grades_exactly_the_rest(tmp_path):
    """`autograde` interrupted with Ctrl-C (SIGINT to its process group, as a terminal sends it)
    once the first submission is graded: what was graded stays recorded, and the next run grades
    exactly the submissions the first one did not finish."""
    import signal
    import sys

    root = make_course(tmp_path / "course")
    env = dict(os.environ, PYTHONUNBUFFERED="1")
    proc = subprocess.Popen([sys.executable, "-m", "tools", "autograde", A, "--jobs", "2", "--root", str(root)],
                            cwd=course_config.ROOT, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
                            text=True, start_new_session=True)
    seen = []
    for line in proc.stdout:
        seen.append(line)
        if "autograde [1/16]" in line:
            os.killpg(proc.pid, signal.SIGINT)
            break
    rest = proc.stdout.read()
    assert proc.wait(timeout=600) in (0, 130), "".join(seen) + rest
    first = {s for s in CLASS if check.is_current(root, s, A)}
    assert first, "".join(seen) + rest
    if len(first) < len(CLASS):
        assert "run the same command again" in rest
    graded, problems = autograde.autograde(root, [A], jobs=2, log=lambda *_: None)
    assert not problems
    assert sorted(s for s, _ in graded) == sorted(set(CLASS) - first)


def test_a_dot_folder_is_not_a_student(tmp_path):
    """A submitted/ folder named like the kit's own state (autograded/.kit/) is refused in one line,
    never graded: its kernel's writable folder would be the state of everyone's grading."""
    (tmp_path / course_config.SUBMITTED_DIR / ".kit" / A).mkdir(parents=True)
    (tmp_path / course_config.RELEASE_DIR / A).mkdir(parents=True)
    todo, problems, current = check.plan(tmp_path, [A])
    assert todo == [] and current == [] and [p.student for p in problems] == [".kit"]
    assert "is not a student id" in str(problems[0]) and "\n" not in str(problems[0])
