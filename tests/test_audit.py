"""`python -m tools audit` (issue 13): mutation testing of the hidden tests.

The mutation operators on one answer cell (no grading), then the audit through the real
autograder on a toy step built from tests/fixtures/toy.ipynb with one exercise, relu(x) =
max(x, 0), whose visible assert (relu(2) == 2) cannot tell max(x, 0) from max(x, 1) or
max(x, -1): its hidden assert (relu(-3) == 0) can. The same notebook is step 1 with the hidden
block and step 2 without it (a deliberately weakened test): the audit must report the two
constant mutants killed by a hidden check on step 1, surviving with their diff on step 2, and
max(0, x) as equivalent (max is commutative) on both, ungraded."""
import json
import subprocess
import sys
from pathlib import Path

import nbformat
import pytest

import course_config
from tools import audit, notebooks

pytestmark = pytest.mark.xdist_group("audit")
TOY = Path(__file__).parent / "fixtures" / "toy.ipynb"
INTACT, WEAKENED = "01_linear_algebra", "02_calculus_gradients"
RELU = 'def relu(x):\n    """max(x, 0) for a number x."""\n    ### BEGIN SOLUTION\n    return max(x, 0)\n    ### END SOLUTION'
TEST_RELU = ('assert relu(2) == 2, "relu(2) should be 2"\n### BEGIN HIDDEN TESTS\n'
             'assert relu(-3) == 0, "hidden: relu(-3) should be 0"\n### END HIDDEN TESTS\nprint("ok")')

CELL = '''def f(X, y, n, k, tol=1e-8):
    """Docstring: 2 * x."""
    ### BEGIN SOLUTION
    m = X.mean(axis=0, keepdims=True)
    s = 0
    for i in range(n):
        s = s + y[i] * 1
    if abs(s) < tol:
        return 0
    return np.abs((X - m).T @ y[:k])
    s = 3
    ### END SOLUTION
'''


def test_mutation_operators_and_equivalence_rules():
    text, solution_lines = audit.solution_cell(CELL)
    assert solution_lines == set(range(3, 11)) and "### " not in text
    found = audit.mutate_cell(CELL)
    got = {(kind, code.splitlines()[line - 1].strip(), eq) for kind, line, code, eq in found}
    expected = {
        ("axis", "m = X.mean(axis=1, keepdims=True)", ""),
        ("axis", "m = X.mean(axis=0)", ""),
        ("off-by-one", "for i in range(n - 1):", ""),
        ("off-by-one", "for i in range(n + 1):", ""),
        ("operator", "s = s - y[i] * 1", ""),
        ("operator", "s = s + y[i] / 1", "x * 1 and x / 1 are both x"),
        ("dropped term", "s = s", ""),
        ("dropped term", "s = s + y[i]", "dropping a factor 1"),
        ("constant", "s = s + y[i] * 0", ""),
        ("comparison", "if abs(s) <= tol:", "a comparison with a tolerance moved across its boundary"),
        ("comparison", "if abs(s) > tol:", ""),
        ("removed transform", "return (X - m).T @ y[:k]", ""),
        ("removed transform", "return np.abs((X - m) @ y[:k])", ""),
        ("swapped operands", "return np.abs(y[:k] @ (X - m).T)", ""),
        ("swapped operands", "return np.abs((m - X).T @ y[:k])", ""),
        ("off-by-one", "return np.abs((X - m).T @ y[:k - 1])", ""),
        ("constant", "s = 4", "dead code: it follows a return, raise, break or continue"),
    }
    assert expected <= got, sorted(expected - got)
    # only the solution block is mutated (never the signature or the docstring), each mutant once
    assert all(3 <= line <= 10 for _, line, _, _ in found)
    assert len({code for _, _, code, _ in found}) == len(found)
    # a precedence-aware splice: a lower-precedence replacement gets parentheses
    assert ("swapped operands", "y = (b - a) * c", "") in {
        (k, c.strip(), e) for k, _, c, e in audit.mutate_cell("### BEGIN SOLUTION\ny = (a - b) * c\n### END SOLUTION")}
    # a sign change under abs / np.abs / np.linalg.norm / an even power is equivalent; elsewhere not
    sign = {(k, c.strip(), e) for k, _, c, e in audit.mutate_cell(
        "### BEGIN SOLUTION\ne = np.abs(f - g) + (p - q) ** 2 + (u - v) ** 3 + abs(-w)\n### END SOLUTION")}
    assert ("swapped operands", "e = np.abs(g - f) + (p - q) ** 2 + (u - v) ** 3 + abs(-w)",
            "a - b and b - a differ only in sign, and its sign is dropped by abs()") in sign
    assert ("swapped operands", "e = np.abs(f - g) + (q - p) ** 2 + (u - v) ** 3 + abs(-w)",
            "a - b and b - a differ only in sign, and its sign is dropped by ** 2") in sign
    assert ("swapped operands", "e = np.abs(f - g) + (p - q) ** 2 + (v - u) ** 3 + abs(-w)", "") in sign
    assert ("removed minus", "e = np.abs(f - g) + (p - q) ** 2 + (u - v) ** 3 + abs(w)",
            "-x and x differ only in sign, and its sign is dropped by abs()") in sign
    assert ("off-by-one", "y = x[(i + j) + 1]", "") not in {
        (k, c.strip(), e) for k, _, c, e in audit.mutate_cell("### BEGIN SOLUTION\ny = x[i + j:]\n### END SOLUTION")}


def test_per_cell_sample_is_deterministic_and_bounded():
    ms = audit.mutants("01_linear_algebra", per_cell=2, seed=3)
    assert [m.code for m in ms] == [m.code for m in audit.mutants("01_linear_algebra", per_cell=2, seed=3)]
    counts = {}
    for m in ms:
        counts[m.exercise] = counts.get(m.exercise, 0) + 1
    assert counts and max(counts.values()) <= 2


def toy_step(weakened):
    toy = notebooks.read(TOY)
    answer, test = (next(c for c in toy.cells if notebooks.grade_id(c) == g) for g in ("double", "test_double"))
    answer.source, answer.metadata.nbgrader["grade_id"] = RELU, "relu"
    test.source = notebooks.HIDDEN_BLOCK.sub("", TEST_RELU) if weakened else TEST_RELU
    test.metadata.nbgrader["grade_id"] = "test_relu"
    toy.cells = [toy.cells[0], answer, test]
    return toy


@pytest.fixture(scope="module")
def audited(tmp_path_factory):
    source_root = tmp_path_factory.mktemp("audit-source")
    for a, weakened in ((INTACT, False), (WEAKENED, True)):
        (source_root / course_config.SOURCE_DIR / a).mkdir(parents=True)
        nbformat.write(toy_step(weakened), str(source_root / course_config.SOURCE_DIR / a / "toy.ipynb"))
    out_dir, lines = tmp_path_factory.mktemp("audit-out"), []
    with open(out_dir / "progress.txt", "w") as progress:
        result = audit.audit([INTACT, WEAKENED], source_root=source_root, out_dir=out_dir,
                             scratch=tmp_path_factory.mktemp("audit-scratch"), log=lines.append,
                             progress_stream=progress)
    return result, "\n".join(lines), out_dir


def outcomes(ms):
    return sorted((m.code.splitlines()[-1].strip(), m.status) for m in ms)


def test_hidden_test_kills_mutants_the_visible_asserts_miss(audited):
    result, out, _ = audited
    assert outcomes(result[INTACT]) == [("return max(0, x)", "equivalent"), ("return max(x, -1)", "killed"),
                                        ("return max(x, 1)", "killed")]
    killed = [m for m in result[INTACT] if m.status == "killed"]
    assert all(m.detail.startswith("test_relu failed a hidden check (line 3): AssertionError: hidden: relu(-3)")
               for m in killed), [m.detail for m in killed]
    equivalent = next(m for m in result[INTACT] if m.status == "equivalent")
    assert equivalent.equivalent == "max is commutative" and equivalent.student == ""  # never graded
    row = next(l for l in out.splitlines() if l.startswith("relu ") and "100.0%" in l)
    assert row.split() == ["relu", "3", "2", "0", "1", "0", "100.0%"]


def test_weakened_test_lets_mutants_survive_and_shows_their_diff(audited):
    result, out, out_dir = audited
    assert outcomes(result[WEAKENED]) == [("return max(0, x)", "equivalent"), ("return max(x, -1)", "survived"),
                                          ("return max(x, 1)", "survived")]
    section = out[out.index(f"{WEAKENED}: kill rate"):]
    assert [l.split() for l in section.splitlines() if l.startswith(("relu ", "total "))] == [
        ["relu", "3", "0", "2", "1", "0", "0.0%"], ["total", "3", "0", "2", "1", "0", "0.0%"]]
    assert ("  relu, constant, line 3:\n      -    return max(x, 0)\n      +    return max(x, 1)\n"
            "  relu, constant, line 3:\n      -    return max(x, 0)\n      +    return max(x, -1)") in section
    data = json.loads((out_dir / f"{WEAKENED}.json").read_text())
    assert data["summary"][-1] == dict(exercise="total", mutants=3, killed=0, survived=2, equivalent=1, stillborn=0,
                                       other=0, kill_rate=0.0)
    assert sorted(m["diff"][1] for m in data["mutants"] if m["status"] == "survived") == [
        "+    return max(x, -1)", "+    return max(x, 1)"]
    report = (out_dir / "report.md").read_text()
    assert f"## {INTACT}" in report and f"## {WEAKENED}" in report and "+    return max(x, 1)" in report
    progress = (out_dir / "progress.txt").read_text()
    assert "audit: 6/6 notebooks graded" in progress and "left" in progress


def test_audit_explains_itself():
    out = subprocess.run([sys.executable, "-m", "tools", "audit", "--help"], cwd=course_config.ROOT,
                         capture_output=True, text=True, check=True).stdout
    assert "--per-cell" in out and "--jobs" in out and "equivalent" in out and "stillborn" in out
