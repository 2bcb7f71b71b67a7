"""Mutation testing of the hidden tests (issue 13): `python -m tools audit [STEP...]`.

Each answer cell's solution block is mutated with Python's `ast`, one small change a mutant:
an arithmetic operator, a comparison, a constant (+1, -1, 0, x2), an axis (axis=0 <-> 1,
keepdims dropped), an off-by-one range or slice bound, a dropped term of a sum or product,
swapped arguments or operands, a removed transform (`.T`, `return np.abs(x)` -> `return x`),
`and`/`or`, a removed minus. Every mutant is graded by the real autograder (nbgrader's
autograde through tools.autograde) in a scratch course, one "student" a mutant whose notebook is
the solution with that one answer cell replaced, all of a step in one batch. A mutant is

- killed      when its exercise's test cells lose points (the report says which check: visible
              or hidden);
- survived    when they keep full marks: a hidden test too weak, or an equivalent mutant that no
              rule below recognized (a person judges; the report shows each one's diff);
- equivalent  when a syntactic rule proves it cannot change the result: dead code (after a
              return, or an assignment never read), `x*1` <-> `x/1`, `x+0` <-> `x-0`, dropping a
              `*1` or `+0`, swapping the arguments of a commutative function (np.maximum, max, ...),
              a comparison with a tolerance moved across its boundary (`< tol` <-> `<= tol`), a
              tolerance doubled. Those are not graded;
- stillborn   when the answer cell itself raises (reported apart: any student would see it).

The kill rate is killed / (killed + survived). A mutant's notebook ends after its exercise's
last test cell (later cells cannot change those cells' results), and a cell may run at most
--timeout seconds (a mutant that loops stops there and counts as killed).
Reports: build/audit/<assignment>.json and .md, and build/audit/report.md for the whole run."""
import ast
import difflib
import json
import multiprocessing
import os
import random
import re
import shutil
import sys
import tempfile
import time
from concurrent.futures import ProcessPoolExecutor
from dataclasses import asdict, dataclass, field
from pathlib import Path

import nbformat

import course_config
from tools import course, notebooks, release

OUT_DIR = course_config.ROOT / "build" / "audit"
SCRATCH = course_config.ROOT / "build" / "audit-scratch"
TIMEOUT_S = 60
BASELINE = "solution"

# --- Mutation operators ------------------------------------------------------------------

BIN_SYMBOL = {ast.Add: "+", ast.Sub: "-", ast.Mult: "*", ast.Div: "/", ast.FloorDiv: "//", ast.Mod: "%",
              ast.Pow: "**", ast.MatMult: "@", ast.BitAnd: "&", ast.BitOr: "|", ast.BitXor: "^",
              ast.LShift: "<<", ast.RShift: ">>"}
BIN_SWAP = {ast.Add: [ast.Sub], ast.Sub: [ast.Add], ast.Mult: [ast.Div], ast.Div: [ast.Mult],
            ast.FloorDiv: [ast.Div], ast.Mod: [ast.FloorDiv], ast.Pow: [ast.Mult], ast.MatMult: [ast.Mult]}
BIN_PREC = {ast.BitOr: 6, ast.BitXor: 7, ast.BitAnd: 8, ast.LShift: 9, ast.RShift: 9, ast.Add: 10, ast.Sub: 10,
            ast.Mult: 11, ast.MatMult: 11, ast.Div: 11, ast.FloorDiv: 11, ast.Mod: 11, ast.Pow: 13}
NON_COMMUTATIVE = (ast.Sub, ast.Div, ast.MatMult, ast.FloorDiv)
CMP_SYMBOL = {ast.Lt: "<", ast.LtE: "<=", ast.Gt: ">", ast.GtE: ">=", ast.Eq: "==", ast.NotEq: "!=",
              ast.Is: "is", ast.IsNot: "is not", ast.In: "in", ast.NotIn: "not in"}
CMP_PATTERN = {ast.Lt: r"<(?![<=])", ast.LtE: r"<=", ast.Gt: r">(?![>=])", ast.GtE: r">=", ast.Eq: r"==",
               ast.NotEq: r"!=", ast.Is: r"\bis\b(?!\s+not\b)", ast.IsNot: r"\bis\s+not\b",
               ast.In: r"(?<!not )\bin\b", ast.NotIn: r"\bnot\s+in\b"}
CMP_SWAP = {ast.Lt: [ast.LtE, ast.Gt], ast.LtE: [ast.Lt, ast.Gt], ast.Gt: [ast.GtE, ast.Lt],
            ast.GtE: [ast.Gt, ast.Lt], ast.Eq: [ast.NotEq], ast.NotEq: [ast.Eq], ast.Is: [ast.IsNot],
            ast.IsNot: [ast.Is], ast.In: [ast.NotIn], ast.NotIn: [ast.In]}
BOUNDARY = {(ast.Lt, ast.LtE), (ast.LtE, ast.Lt), (ast.Gt, ast.GtE), (ast.GtE, ast.Gt)}
AXIS_SWAP = {0: 1, 1: 0, -1: 0, -2: -1, 2: 1}
# Functions whose two arguments commute: swapping them is an equivalent mutant.
COMMUTATIVE = {"maximum", "minimum", "fmax", "fmin", "add", "multiply", "hypot", "max", "min", "logical_and",
               "logical_or", "logical_xor", "array_equal", "equal", "not_equal", "gcd", "lcm", "union1d",
               "intersect1d", "bitwise_and", "bitwise_or"}
# `return f(x)` / `return x.f()` / `return x.T` -> `return x`
# (not float(), int(), .item(), np.asarray(): those change a type, almost never a value)
RETURN_TRANSFORMS = {"abs", "sqrt", "exp", "log", "squeeze", "ravel", "real", "flatten", "copy", "sort", "conj",
                     "transpose", "fabs", "atleast_2d", "negative", "sign", "round", "clip", "nan_to_num", "triu",
                     "tril"}
TOLERANCE_NAME = re.compile(r"(^|_)[ar]?tol(_|$)|(^|_)eps(ilon)?(_|$)|tolerance", re.I)
KINDS = ("operator", "swapped operands", "comparison", "boolean", "removed minus", "constant", "axis",
         "off-by-one", "dropped term", "swapped arguments", "removed transform")


@dataclass
class Mutant:
    assignment: str
    notebook: str           # source notebook file name
    exercise: str           # the answer cell's grade_id
    kind: str               # one of KINDS
    line: int               # line of the change in the answer cell (markers removed), 1-based
    original: str           # the answer cell as a student who solved it has it (markers removed)
    code: str               # the mutant answer cell
    equivalent: str = ""    # why it cannot change the result, if a rule recognized it
    status: str = ""        # killed, survived, equivalent, stillborn, baseline failed
    detail: str = ""        # which check killed it, or the answer cell's error
    student: str = ""

    def diff(self, context=0):
        """The changed lines of the answer cell, as a unified diff without its headers."""
        lines = difflib.unified_diff(self.original.splitlines(), self.code.splitlines(), n=context, lineterm="")
        return [l for l in lines if not l.startswith(("---", "+++", "@@"))]


def solution_cell(source):
    """(answer cell without marker lines, set of its 1-based line numbers inside solution blocks)."""
    kept, inside, sol = [], False, set()
    for line in source.splitlines(keepends=True):
        m = re.match(r"[ \t]*### (BEGIN|END) (SOLUTION|HIDDEN TESTS)", line)
        if m:
            if m.group(2) == "SOLUTION":
                inside = m.group(1) == "BEGIN"
            continue
        kept.append(line)
        if inside:
            sol.add(len(kept))
    return "".join(kept), sol


class _Source:
    """Character offsets of ast nodes in a cell's text (ast columns count UTF-8 bytes)."""

    def __init__(self, text):
        self.text, self.lines = text, text.splitlines(keepends=True)
        self.starts = [0]
        for line in self.lines:
            self.starts.append(self.starts[-1] + len(line))

    def offset(self, lineno, col):
        return self.starts[lineno - 1] + len(self.lines[lineno - 1].encode()[:col].decode(errors="ignore"))

    def span(self, node):
        return self.offset(node.lineno, node.col_offset), self.offset(node.end_lineno, node.end_col_offset)

    def seg(self, node):
        a, b = self.span(node)
        return self.text[a:b]


def precedence(node):
    if isinstance(node, ast.Lambda):
        return 0
    if isinstance(node, ast.IfExp):
        return 1
    if isinstance(node, ast.BoolOp):
        return 2 if isinstance(node.op, ast.Or) else 3
    if isinstance(node, ast.UnaryOp):
        return 4 if isinstance(node.op, ast.Not) else 12
    if isinstance(node, ast.Compare):
        return 5
    if isinstance(node, ast.BinOp):
        return BIN_PREC.get(type(node.op), 11)
    if isinstance(node, ast.Constant) and isinstance(node.value, (int, float)) and node.value < 0:
        return 12
    return 16


def _text_precedence(text):
    try:
        return precedence(ast.parse(text.strip(), mode="eval").body)
    except SyntaxError:
        return 0


def _needs_parens(node):
    """Whether an expression of lower precedence put in `node`'s place needs parentheses."""
    parent = getattr(node, "parent", None)
    if isinstance(parent, (ast.BinOp, ast.UnaryOp, ast.BoolOp, ast.Compare, ast.IfExp, ast.Await, ast.Starred)):
        return True
    if isinstance(parent, (ast.Attribute, ast.Subscript)) and parent.value is node:
        return True
    return isinstance(parent, ast.Call) and parent.func is node


def _name(func):
    return func.attr if isinstance(func, ast.Attribute) else func.id if isinstance(func, ast.Name) else ""


SIGN_BLIND = {"abs", "absolute", "fabs", "square", "norm"}  # f(-x) = f(x)


def _sign_blind(node):
    """Why the sign of `node`'s value cannot matter, or "": it is the argument of abs, np.abs,
    np.square or np.linalg.norm, or raised to an even integer power (`(a - b) ** 2`)."""
    parent = getattr(node, "parent", None)
    if isinstance(parent, ast.Call) and parent.args and parent.args[0] is node and _name(parent.func) in SIGN_BLIND:
        return f"its sign is dropped by {_name(parent.func)}()"
    if isinstance(parent, ast.BinOp) and isinstance(parent.op, ast.Pow) and parent.left is node and \
            _is_number(parent.right) and isinstance(parent.right.value, int) and parent.right.value % 2 == 0:
        return f"its sign is dropped by ** {parent.right.value}"
    return ""


def _is_number(node, value=None):
    ok = isinstance(node, ast.Constant) and isinstance(node.value, (int, float)) and not isinstance(node.value, bool)
    return ok and (value is None or node.value == value)


def _mentions_tolerance(node):
    for n in ast.walk(node):
        if _is_number(n) and isinstance(n.value, float) and 0 < abs(n.value) <= 1e-5:
            return True
        if isinstance(n, ast.Name) and TOLERANCE_NAME.search(n.id):
            return True
        if isinstance(n, ast.Attribute) and TOLERANCE_NAME.search(n.attr):
            return True
    return False


def _is_tolerance_constant(node):
    if not _is_number(node):
        return False
    parent = getattr(node, "parent", None)
    named = isinstance(parent, ast.keyword) and parent.arg and TOLERANCE_NAME.search(parent.arg)
    return bool(named) or (isinstance(node.value, float) and 0 < abs(node.value) <= 1e-5)


def _dead(node):
    """Why `node` is dead code, or ''."""
    child = node
    while getattr(child, "parent", None) is not None:
        parent = child.parent
        if isinstance(child, ast.stmt):
            for fld in ("body", "orelse", "finalbody"):
                block = getattr(parent, fld, None)
                if isinstance(block, list) and child in block:
                    before = block[:block.index(child)]
                    if any(isinstance(s, (ast.Return, ast.Raise, ast.Continue, ast.Break)) for s in before):
                        return "dead code: it follows a return, raise, break or continue"
        child = parent
    stmt = node
    while stmt is not None and not isinstance(stmt, ast.stmt):
        stmt = getattr(stmt, "parent", None)
    func = stmt
    while func is not None and not isinstance(func, (ast.FunctionDef, ast.AsyncFunctionDef)):
        func = getattr(func, "parent", None)
    if func is None or not isinstance(stmt, (ast.Assign, ast.AugAssign, ast.AnnAssign)):
        return ""
    targets = stmt.targets if isinstance(stmt, ast.Assign) else [stmt.target]
    if not all(isinstance(t, ast.Name) for t in targets):
        return ""
    names = {t.id for t in targets}
    used = {n.id for n in ast.walk(func) if isinstance(n, ast.Name) and isinstance(n.ctx, ast.Load)}
    declared = {x for n in ast.walk(func) if isinstance(n, (ast.Global, ast.Nonlocal)) for x in n.names}
    if names & (used | declared):
        return ""
    return f"dead code: {', '.join(sorted(names))} is never read"


def mutate_cell(source):
    """[(kind, line, mutant cell source, equivalence reason or '')] for one answer cell's source
    (with its ### markers): one mutation each, only inside the solution blocks, in source order,
    duplicates and mutants that do not parse dropped."""
    text, sol_lines = solution_cell(source)
    try:
        tree = ast.parse(text)
    except SyntaxError:
        return []
    src = _Source(text)
    for parent in ast.walk(tree):
        for child in ast.iter_child_nodes(parent):
            child.parent = parent
    docstrings = {id(n.body[0].value) for n in ast.walk(tree)
                  if isinstance(n, (ast.Module, ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)) and n.body
                  and isinstance(n.body[0], ast.Expr) and isinstance(n.body[0].value, ast.Constant)
                  and isinstance(n.body[0].value.value, str)}
    found, seen = [], {text}

    def inside(node):
        return all(n in sol_lines for n in range(node.lineno, node.end_lineno + 1))

    def add(kind, node, edits, equivalent=""):
        code = text
        for a, b, new in sorted(edits, reverse=True):
            code = code[:a] + new + code[b:]
        if code in seen:
            return
        try:
            ast.parse(code)
        except SyntaxError:
            return
        seen.add(code)
        found.append((kind, node.lineno, code, equivalent or _dead(node)))

    def replace(node, new):
        """An edit putting the expression `new` in place of `node` (parenthesized if needed)."""
        a, b = src.span(node)
        if _text_precedence(new) < precedence(node) and _needs_parens(node):
            new = f"({new})"
        return (a, b, new)

    def operand(node, min_prec):
        t = src.seg(node)
        return f"({t})" if precedence(node) < min_prec else t

    def gap_edit(left, right, pattern, new):
        """Replace the operator matching `pattern` between two operands (keeps the layout)."""
        a, b = src.span(left)[1], src.span(right)[0]
        m = re.search(pattern, src.text[a:b])
        return (a + m.start(), a + m.end(), new) if m else None

    nodes = sorted((n for n in ast.walk(tree) if hasattr(n, "lineno") and isinstance(n, ast.AST)),
                   key=lambda n: (n.lineno, n.col_offset, -n.end_lineno, -n.end_col_offset))
    for node in nodes:
        if not isinstance(node, (ast.expr, ast.stmt, ast.keyword)) or not inside(node):
            continue
        if isinstance(node, (ast.BinOp, ast.AugAssign)):
            op = type(node.op)
            left, right = (node.left, node.right) if isinstance(node, ast.BinOp) else (node.target, node.value)
            sym = BIN_SYMBOL.get(op)
            for new_op in BIN_SWAP.get(op, []):
                pattern = r"(?<![*/<>=!])" + re.escape(sym) + (r"(?![*/])" if isinstance(node, ast.BinOp) else "=")
                edit = gap_edit(left, right, pattern, BIN_SYMBOL[new_op] + ("" if isinstance(node, ast.BinOp) else "="))
                identity = {ast.Mult, ast.Div, ast.Pow, ast.FloorDiv}
                eq = ""
                if _is_number(right, 1) and op in identity and new_op in identity:
                    eq = f"x {sym} 1 and x {BIN_SYMBOL[new_op]} 1 are both x"
                elif _is_number(right, 0) and {op, new_op} == {ast.Add, ast.Sub}:
                    eq = "x + 0 and x - 0 are both x"
                if edit:
                    add("operator", node, [edit], eq)
        if isinstance(node, ast.BinOp):
            op, p = type(node.op), precedence(node)
            sym = BIN_SYMBOL.get(op, "")
            if isinstance(node.op, NON_COMMUTATIVE):
                eq = _sign_blind(node) if op is ast.Sub else ""
                add("swapped operands", node, [replace(node, f"{operand(node.right, p)} {sym} {operand(node.left, p + 1)}")],
                    f"a - b and b - a differ only in sign, and {eq}" if eq else "")
            drops = {ast.Add: [node.left, node.right], ast.Sub: [node.left], ast.Mult: [node.left, node.right],
                     ast.Div: [node.left]}.get(op, [])
            for kept in drops:
                other = node.right if kept is node.left else node.left
                eq = ""
                if (op in (ast.Mult, ast.Div) and _is_number(other, 1) and other is node.right) or \
                        (op is ast.Mult and _is_number(other, 1)):
                    eq = "dropping a factor 1"
                elif op in (ast.Add, ast.Sub) and _is_number(other, 0) and (other is node.right or op is ast.Add):
                    eq = "dropping a term 0"
                add("dropped term", node, [replace(node, src.seg(kept))], eq)
        elif isinstance(node, ast.Compare):
            operands = [node.left] + node.comparators
            for i, op in enumerate(node.ops):
                for new_op in CMP_SWAP[type(op)]:
                    edit = gap_edit(operands[i], operands[i + 1], CMP_PATTERN[type(op)], CMP_SYMBOL[new_op])
                    eq = ""
                    if (type(op), new_op) in BOUNDARY and (_mentions_tolerance(operands[i]) or
                                                           _mentions_tolerance(operands[i + 1])):
                        eq = "a comparison with a tolerance moved across its boundary"
                    if edit:
                        add("comparison", node, [edit], eq)
        elif isinstance(node, ast.BoolOp):
            new = "or" if isinstance(node.op, ast.And) else "and"
            edit = gap_edit(node.values[0], node.values[1], r"\b(and|or)\b", new)
            if edit:
                add("boolean", node, [edit])
        elif isinstance(node, ast.UnaryOp) and isinstance(node.op, (ast.USub, ast.Not)):
            eq = _sign_blind(node) if isinstance(node.op, ast.USub) else ""
            add("removed minus" if isinstance(node.op, ast.USub) else "boolean", node,
                [replace(node, src.seg(node.operand))], f"-x and x differ only in sign, and {eq}" if eq else "")
        elif _is_number(node) and id(node) not in docstrings:
            parent = getattr(node, "parent", None)
            if isinstance(parent, ast.keyword) and parent.arg == "axis":
                continue
            v = node.value
            for new in dict.fromkeys([v + 1, v - 1, 0 if isinstance(v, int) else 0.0, v * 2]):
                if new == v:
                    continue
                eq = "a tolerance doubled" if new == v * 2 and _is_tolerance_constant(node) else ""
                add("constant", node, [replace(node, repr(new))], eq)
        elif isinstance(node, ast.keyword) and node.arg == "axis" and _is_number(node.value) \
                and node.value.value in AXIS_SWAP:
            add("axis", node, [replace(node.value, repr(AXIS_SWAP[node.value.value]))])
        elif isinstance(node, ast.keyword) and node.arg == "keepdims":
            a, b = src.span(node)
            comma = src.text.rfind(",", 0, a)
            if comma >= 0:
                add("axis", node, [(comma, b, "")])
        elif isinstance(node, ast.Call):
            name = _name(node.func)
            args = node.args
            if name == "range" and args and not any(isinstance(x, ast.Starred) for x in args):
                stop = args[0] if len(args) == 1 else args[1]
                for delta in ("- 1", "+ 1"):
                    add("off-by-one", node, [replace(stop, _shift(src, stop, delta))])
                if len(args) >= 2:
                    add("off-by-one", node, [replace(args[0], _shift(src, args[0], "+ 1"))])
            if len(args) >= 2 and not any(isinstance(x, ast.Starred) for x in args[:2]) \
                    and src.seg(args[0]) != src.seg(args[1]) and name not in ("range", "isinstance", "getattr"):
                eq = f"{name} is commutative" if name in COMMUTATIVE else ""
                a0, a1 = src.span(args[0]), src.span(args[1])
                add("swapped arguments", node, [(*a0, src.seg(args[1])), (*a1, src.seg(args[0]))], eq)
        elif isinstance(node, ast.Slice):
            if node.lower is not None:
                add("off-by-one", node, [replace(node.lower, _shift(src, node.lower, "+ 1"))])
            if node.upper is not None:
                for delta in ("- 1", "+ 1"):
                    add("off-by-one", node, [replace(node.upper, _shift(src, node.upper, delta))])
        elif isinstance(node, ast.Attribute) and node.attr == "T":
            add("removed transform", node, [replace(node, src.seg(node.value))])
        if isinstance(node, ast.Return) and node.value is not None:
            v = node.value
            if isinstance(v, ast.Call) and _name(v.func) in RETURN_TRANSFORMS:
                if isinstance(v.func, ast.Attribute) and not v.args and _name(v.func) not in ("abs",):
                    add("removed transform", node, [replace(v, src.seg(v.func.value))])
                elif v.args and not isinstance(v.args[0], ast.Starred):
                    add("removed transform", node, [replace(v, src.seg(v.args[0]))])
    return found


def _shift(src, node, delta):
    """`node`'s text with +1/-1 added: a number becomes the next number, anything else `x + 1`."""
    if _is_number(node) and isinstance(node.value, int):
        return repr(node.value + (1 if delta == "+ 1" else -1))
    t = src.seg(node)
    return f"({t}) {delta}" if precedence(node) <= 10 else f"{t} {delta}"


def mutants(assignment_id, per_cell=None, seed=0, exercises=None, source_root=course_config.ROOT):
    """The mutants of every answer cell of a step (or of the given exercises). With per_cell,
    at most that many per cell, a deterministic sample (seeded by seed, step and cell)."""
    out = []
    for path in notebooks.source_notebooks(assignment_id, source_root):
        nb = notebooks.read(path)
        for gid, ex in notebooks.exercises(nb).items():
            if exercises and gid not in exercises:
                continue
            source = nb.cells[ex.answer_index].source
            original = notebooks.strip_markers(source)
            found = mutate_cell(source)
            if per_cell is not None and len(found) > per_cell:
                rng = random.Random(f"{seed}/{assignment_id}/{gid}")
                found = [found[i] for i in sorted(rng.sample(range(len(found)), per_cell))]
            for kind, line, code, eq in found:
                out.append(Mutant(assignment_id, path.name, gid, kind, line, original, code, eq,
                                  "equivalent" if eq else ""))
    return out


# --- Grading -------------------------------------------------------------------------------

def _grade_shard(args):
    """Autograde one scratch course of mutants (in a worker process or in this one); returns
    {student: (status, detail)}."""
    root, a, spec, timeout, progress = args
    from tools import autograde
    os.environ.update(course_config.KERNEL_ENV)  # one BLAS thread here and in the grading kernels
    saved, course_config.CELL_TIMEOUT_S = course_config.CELL_TIMEOUT_S, timeout
    counted = [0]

    def log(line):
        if line.startswith("  autograde [") and counted[0] < len(spec):
            counted[0] += 1
            progress(1)
    try:
        autograde.autograde(root, [a], jobs=1, log=log)
        return {student: ("baseline", "") if student == BASELINE else _outcome(root, a, student, notebook, gid, tests)
                for student, notebook, gid, tests in spec}
    finally:
        course_config.CELL_TIMEOUT_S = saved
        if counted[0] < len(spec):
            progress(len(spec) - counted[0])


def _outcome(root, a, student, notebook, gid, tests):
    """(status, detail) of one graded mutant: stillborn, killed or survived."""
    from tools.selfgrade import Check, explain
    path = Path(root) / course_config.AUTOGRADED_DIR / student / a / notebook
    if not path.exists():
        return "not graded", "nbgrader could not grade it"
    cells = {notebooks.grade_id(c): c for c in notebooks.read(path).cells if notebooks.grade_id(c)}
    answer = cells.get(gid)
    errors = [o for o in (answer.get("outputs", []) if answer else []) if o.get("output_type") == "error"]
    if errors:
        return "stillborn", f"{errors[0].get('ename')}: {str(errors[0].get('evalue', ''))[:120]}".rstrip(": ")
    with course.gradebook(root) as gb:
        nb = next(n for n in gb.find_submission(a, student).notebooks if n.name == Path(notebook).stem)
        grades = {g.name: (float(g.score or 0), float(g.max_score)) for g in nb.grades}
    failed = []
    for t in tests:
        score, max_score = grades[t]
        if score < max_score:
            check = Check(t, score, max_score)
            explain(check, cells.get(t))
            if any(e in check.error for e in notebooks.TIMEOUT_ERRORS):
                check.error = f"ran past the {course_config.CELL_TIMEOUT_S} s audit limit"
            failed.append(check.describe())
    return ("killed", "; ".join(failed)) if failed else ("survived", "")


def _shards(items, n):
    n = max(1, min(n, len(items)))
    return [items[i::n] for i in range(n)]


def _submit(root, a, mutant, student):
    """Write the mutant's notebook (solution elsewhere, cut after its exercise's tests) and the
    step's other notebooks (no cells: nothing to run) as submitted/<student>/<a>/."""
    folder = root / course_config.SUBMITTED_DIR / student / a
    shutil.copytree(root / course_config.RELEASE_DIR / a, folder)
    for src in notebooks.source_notebooks(a, root):
        rel = notebooks.read(root / course_config.RELEASE_DIR / a / src.name)
        source_nb = notebooks.read(src)
        if mutant is None:
            nb = notebooks.fill(rel, source_nb)
        elif src.name == mutant.notebook:
            nb = notebooks.fill(rel, source_nb, {mutant.exercise: mutant.code})
            last = notebooks.exercises(source_nb)[mutant.exercise].test_indices[-1]
            last_id = notebooks.grade_id(source_nb.cells[last])
            cut = next(i for i, c in enumerate(nb.cells) if notebooks.grade_id(c) == last_id)
            nb.cells = nb.cells[:cut + 1]
        else:
            nb = nbformat.from_dict(rel)
            nb.cells = []
        nbformat.write(nb, str(folder / src.name))


class Progress:
    """One updating line on stderr: done/total, rate, time left."""

    def __init__(self, total, stream=sys.stderr):
        self.total, self.done, self.stream, self.t0, self.last = total, 0, stream, time.perf_counter(), 0.0
        self.tty = hasattr(stream, "isatty") and stream.isatty()

    def __call__(self, n=1):
        self.done += n
        now = time.perf_counter()
        if not self.tty and self.done < self.total and now - self.last < 30:
            return
        self.last = now
        elapsed = now - self.t0
        rate = self.done / elapsed if elapsed > 0 else 0.0
        left = (self.total - self.done) / rate if rate else float("nan")
        line = (f"audit: {self.done}/{self.total} notebooks graded, {60 * rate:.1f}/min, "
                f"{_minutes(elapsed)} elapsed, about {_minutes(left)} left")
        self.stream.write(("\r" + line + "\x1b[K") if self.tty else line + "\n")
        if self.tty and self.done >= self.total:
            self.stream.write("\n")
        self.stream.flush()


def _minutes(s):
    return "?" if s != s else f"{int(s // 60)}:{int(s % 60):02d}"


def audit(assignment_ids, per_cell=None, seed=0, jobs=1, timeout=TIMEOUT_S, exercises=None,
          source_root=course_config.ROOT, out_dir=OUT_DIR, scratch=SCRATCH, log=print, progress_stream=sys.stderr):
    """Mutate, grade and report each step; returns {assignment: [Mutant]} (statuses filled in)."""
    if exercises:
        known = {gid for a in assignment_ids for p in notebooks.source_notebooks(a, source_root)
                 for gid in notebooks.exercises(notebooks.read(p))}
        if set(exercises) - known:
            raise ValueError(f"{', '.join(sorted(set(exercises) - known))}: no answer cell of "
                             f"{', '.join(assignment_ids)} has that grade id")
    all_mutants = {a: mutants(a, per_cell, seed, exercises, source_root) for a in assignment_ids}
    scratch = Path(scratch)
    scratch.mkdir(parents=True, exist_ok=True)
    tmp = Path(tempfile.mkdtemp(prefix="audit-", dir=scratch))
    tasks, by_student = [], {}
    try:
        # one scratch course with every step's release: nbgrader creates its gradebook once (slow)
        base = course.new_scratch_course(tmp / "base", assignment_ids, source_root=source_root)
        release.generate(base, assignment_ids, log=lambda *_: None)
        for a in assignment_ids:
            todo = [m for m in all_mutants[a] if not m.equivalent]
            for k, m in enumerate(todo, 1):
                m.student = f"m{k:04d}"
                by_student[(a, m.student)] = m
            for s, shard in enumerate(_shards([None] + todo, jobs)):
                root = tmp / a / f"shard{s}"
                shutil.copytree(base, root)
                for m in shard:
                    _submit(root, a, m, m.student if m else BASELINE)
                spec = [(m.student if m else BASELINE, m.notebook if m else None, m.exercise if m else None,
                         _tests(root, a, m) if m else None) for m in shard]
                tasks.append((str(root), a, spec))
        total = sum(len(t[2]) for t in tasks)
        progress = Progress(total, progress_stream)
        t0 = time.perf_counter()
        results = {}
        if jobs <= 1:
            for root, a, spec in tasks:
                results[(root, a)] = _grade_shard((root, a, spec, timeout, progress))
        else:
            ctx = multiprocessing.get_context("spawn")
            with ctx.Manager() as manager, ProcessPoolExecutor(max_workers=jobs, mp_context=ctx) as pool:
                queue = manager.Queue()
                futures = {pool.submit(_grade_shard, (root, a, spec, timeout, _QueuePut(queue))): (root, a)
                           for root, a, spec in tasks}
                while any(not f.done() for f in futures):
                    _drain(queue, progress, wait=0.5)
                _drain(queue, progress, wait=0)
                results = {key: f.result() for f, key in futures.items()}
        seconds = time.perf_counter() - t0
        baseline = {}
        for (root, a), res in results.items():
            for student, outcome in res.items():
                if student == BASELINE:
                    baseline[a] = _baseline(root, a, source_root)
                else:
                    by_student[(a, student)].status, by_student[(a, student)].detail = outcome
        for a in assignment_ids:
            for m in all_mutants[a]:
                if m.status in ("killed", "survived") and m.exercise in baseline.get(a, set()):
                    m.status, m.detail = "baseline failed", "the unmutated solution loses points on this exercise"
        write_reports(all_mutants, out_dir, seconds, dict(per_cell=per_cell, seed=seed, timeout=timeout))
        for a in assignment_ids:
            log(format_step(a, all_mutants[a]))
        log(f"reports in {out_dir}")
        return all_mutants
    finally:
        shutil.rmtree(tmp, ignore_errors=True)


class _QueuePut:
    def __init__(self, queue):
        self.queue = queue

    def __call__(self, n=1):
        self.queue.put(n)


def _drain(queue, progress, wait):
    import queue as q
    try:
        while True:
            progress(queue.get(timeout=wait) if wait else queue.get_nowait())
    except q.Empty:
        pass


def _tests(root, a, m):
    nb = notebooks.read(Path(root) / course_config.SOURCE_DIR / a / m.notebook)
    return [notebooks.grade_id(nb.cells[i]) for i in notebooks.exercises(nb)[m.exercise].test_indices]


def _baseline(root, a, source_root):
    """Exercises on which the unmutated solution loses points (their mutants say nothing)."""
    lost = set()
    with course.gradebook(root) as gb:
        sub = gb.find_submission(a, BASELINE)
        grades = {(n.name, g.name): (g.score or 0) < g.max_score for n in sub.notebooks for g in n.grades}
    for path in notebooks.source_notebooks(a, source_root):
        nb = notebooks.read(path)
        for gid, ex in notebooks.exercises(nb).items():
            if any(grades.get((path.stem, notebooks.grade_id(nb.cells[i]))) for i in ex.test_indices):
                lost.add(gid)
    return lost


# --- Reports ---------------------------------------------------------------------------------

def summary(ms):
    """Counts per exercise (in notebook order) and a total row."""
    rows = {}
    for m in ms:
        r = rows.setdefault(m.exercise, dict(exercise=m.exercise, mutants=0, killed=0, survived=0, equivalent=0,
                                             stillborn=0, other=0))
        r["mutants"] += 1
        r[m.status if m.status in ("killed", "survived", "equivalent", "stillborn") else "other"] += 1
    total = dict(exercise="total", **{k: sum(r[k] for r in rows.values())
                                      for k in ("mutants", "killed", "survived", "equivalent", "stillborn", "other")})
    out = list(rows.values()) + [total]
    for r in out:
        judged = r["killed"] + r["survived"]
        r["kill_rate"] = r["killed"] / judged if judged else None
    return out


def _rate(r):
    return "-" if r is None else f"{100 * r:.1f}%"


def format_step(a, ms, markdown=False):
    rows = summary(ms)
    cols = ("mutants", "killed", "survived", "equivalent", "stillborn")
    out = []
    if markdown:
        out += [f"## {a}", "", "| exercise | " + " | ".join(cols) + " | kill rate |",
                "|---" * (len(cols) + 2) + "|"]
        out += [f"| {r['exercise']} | " + " | ".join(str(r[c]) for c in cols) + f" | {_rate(r['kill_rate'])} |"
                for r in rows]
    else:
        w = max(len(r["exercise"]) for r in rows) + 2
        out += [f"{a}: kill rate = killed / (killed + survived)",
                f"{'exercise':<{w}}" + "".join(f"{c:>11}" for c in cols) + f"{'kill rate':>11}"]
        out += [f"{r['exercise']:<{w}}" + "".join(f"{r[c]:>11}" for c in cols) + f"{_rate(r['kill_rate']):>11}"
                for r in rows]
    other = [m for m in ms if m.status not in ("killed", "survived", "equivalent", "stillborn")]
    for m in other:
        out.append(f"  ! {m.exercise}: a mutant was {m.status}: {m.detail}")
    survivors = [m for m in ms if m.status == "survived"]
    if survivors:
        out += ["", f"survivors of {a} (a weak hidden test, or an equivalent mutant no rule recognized: judge each):"]
        for m in survivors:
            out.append(f"- {m.exercise}, {m.kind}, line {m.line}:" if markdown else f"  {m.exercise}, {m.kind}, line {m.line}:")
            body = [f"      {l}" for l in m.diff()]
            out += (["  ```diff"] + [f"  {l}" for l in m.diff()] + ["  ```"]) if markdown else body
    out.append("")
    return "\n".join(out)


def write_reports(all_mutants, out_dir, seconds, options):
    out_dir = Path(out_dir)
    out_dir.mkdir(parents=True, exist_ok=True)
    md = ["# Mutation audit of the hidden tests", "",
          f"Options: {options}; {sum(len(v) for v in all_mutants.values())} mutants, graded in {seconds:.0f} s. "
          "Kill rate = killed / (killed + survived); equivalent mutants are recognized by syntactic rules and not "
          "graded; stillborn mutants make the answer cell itself raise.", ""]
    for a, ms in all_mutants.items():
        data = dict(assignment=a, options=options, summary=summary(ms),
                    mutants=[dict({k: v for k, v in asdict(m).items() if k != "original"}, diff=m.diff())
                             for m in ms])
        (out_dir / f"{a}.json").write_text(json.dumps(data, indent=1))
        step_md = format_step(a, ms, markdown=True)
        (out_dir / f"{a}.md").write_text(step_md)
        md.append(step_md)
    (out_dir / "report.md").write_text("\n".join(md))
