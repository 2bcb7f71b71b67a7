"""Tampering is flagged, never silently rewarded.

Two checks, both inside nbgrader's own pipeline (`GuardedExecute` replaces nbgrader's `Execute`
preprocessor in `course_config.apply`, so `nbgrader autograde` and the formgrader run them too):

* before grading, `scan_notebook` reads the code of the cells a student can edit: IPython input
  transformers, display hooks, custom exception handlers, import hooks, patched modules or
  builtins, `exec`/`eval` of built strings, dunder access to the shell or the interpreter,
  shell escapes and magics that change the shell. Each finding holds the submission; an honest
  `exec` of a literal, a `getattr` with a computed name and the like are only listed for review;
* while grading, before each test cell the shell's state is compared with its state before the
  student's first cell (input transformers, display and exception hooks, the shell's methods,
  import hooks, builtins, numpy's and math's functions and their defaults, against the
  grader's own copy of the same venv), and each test cell that reports success must prove it
  ran to its last line (a line the grader adds with a fresh random token and removes again).

A held submission keeps the scores nbgrader gave it, but the reports show it "held for review"
with the reason and do not count its autograded points until a person releases it
(`python -m tools release-hold <student> <step>`, or `release_hold`). The store is one JSON file
in the course root (course_config.HELD_FILE), written under a lock by any grading process.
"""
import ast
import fcntl
import json
import os
import re
import secrets
import time
from contextlib import contextmanager
from pathlib import Path

from nbclient.exceptions import DeadKernelError
from nbclient.util import run_sync
from nbformat import NotebookNode
import nbformat

import course_config
from tools import notebooks
from nbgrader.preprocessors import Execute
from traitlets import Bool, Integer

# --- the store of held submissions ---------------------------------------------------------


def _store(root):
    return Path(root) / course_config.HELD_FILE


@contextmanager
def _locked(root):
    """The held-submissions file, read and written under an exclusive lock."""
    path = _store(root)
    path.parent.mkdir(parents=True, exist_ok=True)
    with open(str(path) + ".lock", "a") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        data = json.loads(path.read_text()) if path.exists() and path.stat().st_size else {}
        yield data
        tmp = path.with_suffix(".tmp")
        tmp.write_text(json.dumps(data, indent=1, sort_keys=True))
        os.replace(tmp, path)


def _entry(data, student, assignment):
    return data.setdefault(f"{student}/{assignment}", {"reasons": [], "released": [], "review": []})


def hold(root, student, assignment, reason):
    """Hold a submission for review (a reason a person already released stays released)."""
    with _locked(root) as data:
        entry = _entry(data, student, assignment)
        if reason not in entry["reasons"] and reason not in entry["released"]:
            entry["reasons"].append(reason)


def note_for_review(root, student, assignment, note):
    """List something for a person to look at, without holding the submission."""
    with _locked(root) as data:
        entry = _entry(data, student, assignment)
        if note not in entry["review"]:
            entry["review"].append(note)


def clear(root, student, assignment, prefix=""):
    """Forget the unreleased reasons and review notes starting with `prefix` (a notebook's name)
    before it is graded again; released reasons are kept."""
    with _locked(root) as data:
        key = f"{student}/{assignment}"
        if key in data:
            entry = data[key]
            entry["reasons"] = [r for r in entry["reasons"] if not r.startswith(prefix)]
            entry["review"] = [r for r in entry["review"] if not r.startswith(prefix)]
            if not entry["reasons"] and not entry["released"] and not entry["review"]:
                del data[key]


def held(root):
    """{(student, assignment): reason} of the submissions held for review now."""
    path = _store(root)
    if not path.exists() or not path.stat().st_size:
        return {}
    data = json.loads(path.read_text())
    return {tuple(k.split("/", 1)): "; ".join(v["reasons"]) for k, v in sorted(data.items()) if v["reasons"]}


def for_review(root):
    """{(student, assignment): [notes]}: listed for a person, not held."""
    path = _store(root)
    if not path.exists() or not path.stat().st_size:
        return {}
    data = json.loads(path.read_text())
    return {tuple(k.split("/", 1)): v["review"] for k, v in sorted(data.items()) if v["review"]}


UNSANDBOXED = "graded without the sandbox (--no-sandbox)"


def graded_without_sandbox(root):
    """{(student, assignment)} whose last grading ran with --no-sandbox (a gradebook flag)."""
    return {key for key, notes in for_review(root).items() if any(n.endswith(UNSANDBOXED) for n in notes)}


def release_hold(root, student, assignment):
    """A person looked at the submission: count its points again. Returns the released reasons."""
    with _locked(root) as data:
        entry = data.get(f"{student}/{assignment}")
        if not entry:
            return []
        released, entry["reasons"] = entry["reasons"], []
        entry["released"] += released
        return released


# --- the check before grading: the code of the cells a student can edit --------------------

SHELL_HOOKS = {
    "installs an IPython input transformer": {
        "input_transformers_cleanup", "input_transformers_post", "input_transformer_manager",
        "ast_transformers", "transform_cell", "transform_ast", "cleanup_transforms", "line_transforms",
        "token_transformers", "InputTransformer", "register_magic_function", "register_magics"},
    "replaces the display hook": {"displayhook", "display_trap", "display_pub", "display_formatter",
                                  "DisplayHook", "__displayhook__"},
    "changes how errors are reported": {
        "excepthook", "__excepthook__", "set_custom_exc", "custom_exceptions", "CustomTB", "showtraceback",
        "_showtraceback", "showsyntaxerror", "InteractiveTB", "SyntaxTB", "_get_exc_info", "xmode"},
    "installs an import hook": {"meta_path", "path_hooks", "path_importer_cache"},
    "reaches into the IPython shell or kernel": {
        "run_cell", "run_cell_async", "run_ast_nodes", "run_code", "user_ns_hidden", "shell_handlers",
        "do_execute", "builtin_trap", "user_global_ns"},
    "installs an audit hook": {"addaudithook"},
    "reaches into the interpreter's internals": {
        "__globals__", "__code__", "__closure__", "__subclasses__", "__builtins__", "__builtin__",
        "__import__", "__loader__", "__spec__", "f_back", "f_globals", "f_locals", "f_builtins",
        "tb_frame", "gi_frame", "cr_frame", "_getframe", "currentframe", "__defaults__",
        "__kwdefaults__", "__setattr__", "__delattr__", "__getattribute__"},
}
HOOK_OF = {name: reason for reason, names in SHELL_HOOKS.items() for name in names}
# The kernel's own messaging (a student's code could send the grader a forged reply): held as an
# attribute or a string, not as a variable name (a student may well call a variable `session`).
KERNEL_MESSAGING = {"session", "iopub_socket", "iopub_thread", "get_parent", "set_parent", "parent_header",
                    "_parent_header", "shell_stream", "shell_streams", "control_stream", "send_response",
                    "_publish_status", "shell_channel", "iopub_channel", "_trait_values", "trait_values",
                    "_shell_parent", "_shell_parent_ident", "_get_shell_context_var", "user_ns"}
FORBIDDEN_MODULES = {
    "builtins": "patches builtins", "ctypes": "loads C code (ctypes)", "gc": "walks the interpreter's objects (gc)",
    "inspect": "inspects the caller's frames (inspect)", "sqlite3": "opens a database (sqlite3)",
    "socket": "opens network connections", "subprocess": "starts processes", "signal": "changes signal handling",
    "atexit": "registers exit handlers", "importlib": "imports modules by computed names", "IPython": "imports IPython",
    "ipykernel": "imports the kernel", "nbgrader": "imports the grader", "nbformat": "reads notebooks",
    "threading": "starts threads that outlive its cells", "multiprocessing": "starts processes",
    "pty": "opens a terminal", "shutil": "moves or deletes files", "sys": None, "os": None,
}
OS_CALLS = {"system", "popen", "fork", "forkpty", "kill", "killpg", "_exit", "abort", "setsid", "execv",
            "execve", "execl", "execlp", "execvp", "execvpe", "spawnl", "spawnv", "posix_spawn", "remove",
            "unlink", "rmdir", "rename", "replace", "chmod", "chown", "symlink", "link", "putenv"}
MAGICS_ALLOWED = {"matplotlib", "timeit", "time", "precision", "pprint", "who", "whos", "capture"}


def _python(source):
    """The cell's code as Python (IPython magics and shell escapes become get_ipython() calls)."""
    from IPython.core.inputtransformer2 import TransformerManager
    try:
        return TransformerManager().transform_cell(source)
    except Exception:
        return source


def _root_name(node):
    while isinstance(node, (ast.Attribute, ast.Subscript, ast.Call)):
        node = node.func if isinstance(node, ast.Call) else node.value
    return node.id if isinstance(node, ast.Name) else None


COMPARISONS = {"__eq__", "__ne__", "__lt__", "__le__", "__gt__", "__ge__", "__bool__", "__array_ufunc__",
               "__array_function__"}


def _bindings(tree, data=True):
    """{name: the statement that binds it (ast.dump), or None for a value} bound by a cell's code
    outside function and class bodies (inside if/for/with/try blocks too): imports, defs and
    classes, and (data=True) assigned names, loop and `with` targets, walrus targets."""
    out, todo = {}, list(tree.body)
    while todo:
        node = todo.pop(0)
        if isinstance(node, (ast.Import, ast.ImportFrom)):
            for a in node.names:
                out[(a.asname or a.name).split(".")[0]] = ast.dump(a) + (getattr(node, "module", None) or "")
        elif isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)):
            out[node.name] = ast.dump(node)
            continue
        elif data and isinstance(node, (ast.Assign, ast.AnnAssign, ast.AugAssign, ast.For, ast.AsyncFor,
                                        ast.With, ast.AsyncWith, ast.NamedExpr)):
            targets = (node.targets if isinstance(node, ast.Assign) else [node.target] if hasattr(node, "target")
                       else [i.optional_vars for i in node.items if i.optional_vars is not None])
            for t in targets:
                out.update({n.id: None for n in ast.walk(t) if isinstance(n, ast.Name)})
        todo += [c for c in ast.iter_child_nodes(node) if isinstance(c, (ast.stmt, ast.expr, ast.excepthandler))]
    return out


def given_names(nb):
    """{name: its statement} of the functions, classes and imports the notebook's locked cells
    give the test cells (rel_error, numerical_gradient, ...): a student cell that binds one anew,
    other than with the very same statement (a copy of the given cell), is listed for review (an
    honest student may well write a helper of the same name). Given data (params, X_train) a
    student may well reassign while exploring: not counted."""
    out = {}
    for cell in nb.cells:
        meta = cell.get("metadata", {}).get("nbgrader", {})
        if cell.cell_type == "code" and meta.get("locked") and not meta.get("solution") and not meta.get("grade"):
            try:
                out.update(_bindings(ast.parse(_python(cell.source)), data=False))
            except SyntaxError:
                pass
    return out


def scan_code(source, given=None):
    """(hold reasons, review notes) for one cell's code, each with its line number; `given`:
    the names the notebook's locked cells bind (given_names)."""
    holds, reviews = [], []
    try:
        tree = ast.parse(_python(source))
    except SyntaxError:
        return holds, reviews  # it fails when run, like any syntax error
    for name, how in _bindings(tree).items():
        if given and name in given and how != given[name]:
            reviews.append(f"defines {name} anew, which the notebook gives (its tests may use it)")
    for node in ast.walk(tree):
        if isinstance(node, ast.Global):
            holds += [f"line {node.lineno}: rebinds np from inside a function (the test cells use numpy)"
                      for n in node.names if n == "np"]
            holds += [f"line {node.lineno}: rebinds {n} from inside a function, which the notebook gives the tests"
                      for n in node.names if given and n in given]
        elif isinstance(node, ast.ClassDef):
            reviews += [f"line {f.lineno}: defines {f.name} (a value that could fool the tests' comparisons)"
                        for f in node.body if isinstance(f, (ast.FunctionDef, ast.AsyncFunctionDef))
                        and f.name in COMPARISONS]
        elif isinstance(node, (ast.Assign, ast.AnnAssign, ast.AugAssign, ast.NamedExpr)) and any(
                isinstance(n, ast.Name) and n.id == "np" and isinstance(n.ctx, ast.Store) for n in ast.walk(node)):
            holds.append(f"line {node.lineno}: binds np to something else than numpy (the test cells use numpy)")
        elif isinstance(node, (ast.Import, ast.ImportFrom)) and any(
                a.asname == "np" and (a.name != "numpy" or isinstance(node, ast.ImportFrom)) for a in node.names):
            holds.append(f"line {node.lineno}: imports something else than numpy as np (the test cells use numpy)")
    modules = set()
    for node in ast.walk(tree):
        if isinstance(node, (ast.Import, ast.ImportFrom)):
            names = [node.module or ""] if isinstance(node, ast.ImportFrom) else [a.name for a in node.names]
            for a in node.names:
                modules.add((a.asname or a.name).split(".")[0])
            for name in names:
                top = name.split(".")[0]
                if FORBIDDEN_MODULES.get(top):
                    holds.append(f"line {node.lineno}: {FORBIDDEN_MODULES[top]} (import {name})")
            if isinstance(node, ast.ImportFrom) and (node.module or "").split(".")[0] in ("os", "sys"):
                for a in node.names:
                    if a.name in OS_CALLS or a.name in HOOK_OF or a.name in ("modules", "settrace", "setprofile"):
                        holds.append(f"line {node.lineno}: imports {node.module}.{a.name}")
    for node in ast.walk(tree):
        line = getattr(node, "lineno", "?")
        callee = isinstance(node, ast.Call) and (getattr(node.func, "attr", None) or getattr(node.func, "id", None))
        if callee in ("attrgetter", "methodcaller") and not all(
                isinstance(a, ast.Constant) for a in (node.args if callee == "attrgetter" else node.args[:1])):
            reviews.append(f"line {line}: {callee} with a computed name")
        if isinstance(node, ast.Attribute) and node.attr in HOOK_OF:
            holds.append(f"line {line}: {HOOK_OF[node.attr]} (.{node.attr})")
        elif isinstance(node, ast.Name) and node.id in HOOK_OF:
            holds.append(f"line {line}: {HOOK_OF[node.id]} ({node.id})")
        elif isinstance(node, ast.Constant) and isinstance(node.value, str) and node.value in HOOK_OF:
            holds.append(f"line {line}: {HOOK_OF[node.value]} ('{node.value}')")
        elif isinstance(node, ast.Attribute) and node.attr in KERNEL_MESSAGING:
            holds.append(f"line {line}: reaches the kernel's messaging (.{node.attr})")
        elif isinstance(node, ast.Constant) and isinstance(node.value, str) and node.value in KERNEL_MESSAGING:
            holds.append(f"line {line}: reaches the kernel's messaging ('{node.value}')")
        elif isinstance(node, ast.Attribute) and _root_name(node) == "os" and node.attr in OS_CALLS:
            holds.append(f"line {line}: calls os.{node.attr}")
        elif isinstance(node, ast.Attribute) and _root_name(node) == "sys" and node.attr in (
                "modules", "settrace", "setprofile", "stdout", "stderr", "exit", "_getframe", "setrecursionlimit"):
            holds.append(f"line {line}: changes or reads sys.{node.attr}")
        elif isinstance(node, (ast.Assign, ast.AugAssign, ast.AnnAssign, ast.Delete)):
            targets = node.targets if isinstance(node, (ast.Assign, ast.Delete)) else [node.target]
            for t in targets:
                if isinstance(t, ast.Attribute) and _root_name(t) in modules:
                    holds.append(f"line {line}: patches {ast.unparse(t)} (an imported module's attribute)")
                elif isinstance(t, ast.Subscript) and "__dict__" in ast.unparse(t.value) or (
                        isinstance(t, ast.Subscript) and isinstance(t.value, ast.Call)
                        and isinstance(t.value.func, ast.Name) and t.value.func.id in ("vars", "globals")):
                    holds.append(f"line {line}: writes {ast.unparse(t.value)} directly")
        elif isinstance(node, ast.Call) and isinstance(node.func, ast.Name):
            fn, args = node.func.id, node.args
            literal = bool(args) and isinstance(args[0], ast.Constant) and isinstance(args[0].value, str)
            if fn in ("exec", "eval", "compile"):
                if literal:
                    reviews.append(f"line {line}: {fn} of a literal string")
                else:
                    holds.append(f"line {line}: {fn} of a built string")
            elif fn == "__import__":
                holds.append(f"line {line}: __import__")
            elif fn in ("setattr", "delattr") and args:
                if _root_name(args[0]) in modules:
                    holds.append(f"line {line}: {fn} on {ast.unparse(args[0])} (an imported module)")
                else:
                    reviews.append(f"line {line}: {fn}")
            elif fn == "getattr" and len(args) >= 2:
                name = args[1]
                if isinstance(name, ast.Constant) and isinstance(name.value, str) and name.value in HOOK_OF:
                    pass  # the constant itself is reported above
                elif not isinstance(name, ast.Constant):
                    reviews.append(f"line {line}: getattr with a computed name")
            elif fn in ("vars", "globals", "locals", "dir") and fn != "dir":
                reviews.append(f"line {line}: {fn}()")
            elif fn == "chr":
                reviews.append(f"line {line}: builds a string from character codes")
        elif isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute) and node.func.attr in (
                "run_line_magic", "run_cell_magic", "system", "getoutput", "magic"):
            name = node.args[0].value if node.args and isinstance(node.args[0], ast.Constant) else "?"
            if node.func.attr in ("system", "getoutput"):
                holds.append(f"line {line}: runs a shell command (!)")
            elif name not in MAGICS_ALLOWED:
                holds.append(f"line {line}: uses the %{name} magic")
    return list(dict.fromkeys(holds)), list(dict.fromkeys(reviews))


def student_cells(nb):
    """(index, cell) of the code cells a student can change: answer cells and cells they added
    (nbgrader overwrites the locked and test cells with the instructor's versions)."""
    for i, cell in enumerate(nb.cells):
        meta = cell.get("metadata", {}).get("nbgrader", {})
        if cell.cell_type == "code" and (meta.get("solution") or not (meta.get("grade") or meta.get("locked"))):
            yield i, cell


def scan_notebook(nb):
    """(hold reasons, review notes) for the cells a student can edit, each naming its cell."""
    holds, reviews = [], []
    given = given_names(nb)
    for i, cell in student_cells(nb):
        where = cell.get("metadata", {}).get("nbgrader", {}).get("grade_id") or f"cell {i + 1}"
        h, r = scan_code(cell.source, given)
        holds += [f"{where} {x}" for x in h]
        reviews += [f"{where} {x}" for x in r]
    return holds, reviews


def scan_folder(folder):
    """Hold reasons for files shipped with a submission: symbolic links (nbgrader would copy
    what they point to)."""
    folder = Path(folder)
    return [f"ships a symbolic link {p.relative_to(folder)}" for p in sorted(folder.rglob("*")) if p.is_symlink()]


# --- the check during grading ----------------------------------------------------------------

# The functions of numpy, math, operator and unittest, by type (and defaults for Python
# functions): run in the kernel (inside PROBE) and in the grader's own process (same venv).
DESCRIBE_MODULES = r'''
def _describe_modules():
    import re, sys, types
    roots = tuple({sys.prefix, sys.base_prefix, sys.exec_prefix})
    out = {}
    for name in ("numpy", "numpy.testing", "numpy.linalg", "math", "numpy.testing._private.utils",
                 "numpy._core.numeric", "operator", "unittest"):
        m = sys.modules.get(name)
        if m is None:
            continue
        if not isinstance(m, types.ModuleType) or not (getattr(m, "__file__", None) or roots[0]).startswith(roots):
            out[name] = "replaced"
            continue
        out[name] = {k: type(v).__qualname__ + ("|" + re.sub(" at 0x[0-9a-f]+", "", repr(
                         (getattr(v, "__defaults__", None), getattr(v, "__kwdefaults__", None))))[:400]
                         if isinstance(v, types.FunctionType) else "")
                     for k, v in list(vars(m).items()) if callable(v) and not k.startswith("__")}
    return out
'''
# Runs inside the kernel (through user_expressions, which no input transformer sees) and
# describes the shell's state; the grader compares it with the state before the first cell.
PROBE = DESCRIBE_MODULES + r'''
def _probe():
    import builtins, json, os, sys, types
    ip = sys.modules["IPython"].get_ipython()
    roots = tuple({sys.prefix, sys.base_prefix, sys.exec_prefix})
    def where(o):
        f = getattr(o, "__func__", o)
        c = getattr(f, "__code__", None)
        if c is not None:
            return c.co_filename
        cls = o if isinstance(o, type) else type(o)
        for k in cls.__mro__[:-1]:  # a finder or hook object: where its class's methods were written
            for v in vars(k).values():
                c = getattr(getattr(v, "__func__", v), "__code__", None)
                if c is not None:
                    return c.co_filename
        m = sys.modules.get(getattr(o, "__module__", None) or type(o).__module__)
        return getattr(m, "__file__", None) or "<builtin>"
    def foreign(o):  # written by the student: in a cell, an exec'd string or a file of theirs
        w = where(o)
        if w == "<builtin>" or w.startswith("<frozen "):
            return False
        if w.startswith("<"):
            return True
        return os.path.isabs(w) and not w.startswith(roots)  # Cython records a relative path
    def ident(o):
        if hasattr(o, "__func__") and hasattr(o, "__self__"):
            return "%s@%s" % (id(o.__func__), id(o.__self__))
        return "%s:%s" % (type(o).__qualname__, id(o))
    s = {}
    tm = ip.input_transformer_manager
    hooks = list(ip.input_transformers_cleanup) + list(ip.input_transformers_post) + list(ip.ast_transformers) \
        + list(tm.cleanup_transforms) + list(tm.line_transforms) + list(tm.token_transformers)
    s["transformers"] = [ident(h) for h in hooks]
    s["foreign_transformers"] = [repr(h)[:80] for h in hooks if foreign(h)]
    s["hooks"] = {"sys.displayhook": ident(sys.displayhook), "shell.displayhook": ident(ip.displayhook),
                  "display_trap": ident(ip.display_trap.hook), "display_pub": ident(ip.display_pub),
                  "display_formatter": ident(ip.display_formatter), "sys.excepthook": ident(sys.excepthook),
                  "custom_exceptions": repr(ip.custom_exceptions), "InteractiveTB": ident(ip.InteractiveTB),
                  "compile": ident(ip.compile), "stdout": type(sys.stdout).__qualname__,
                  "stderr": type(sys.stderr).__qualname__}
    s["foreign_hooks"] = [k for k, o in (("sys.displayhook", sys.displayhook), ("sys.excepthook", sys.excepthook),
                          ("shell.displayhook", ip.displayhook), ("display_trap", ip.display_trap.hook))
                          if foreign(o)]
    s["instance_overrides"] = sorted(k for k, v in vars(ip).items() if callable(v) and hasattr(type(ip), k)
                                     and not k.startswith("_trait"))
    classes = {}
    for obj in (ip, ip.displayhook, ip.display_pub, ip.InteractiveTB, ip.display_formatter, ip.compile,
                getattr(ip, "kernel", None), tm):
        for cls in type(obj).__mro__:
            if cls.__module__.split(".")[0] in ("IPython", "ipykernel", "traitlets"):
                classes[cls.__module__ + "." + cls.__qualname__] = sorted(
                    "%s:%s" % (k, id(getattr(v, "__code__", v))) for k, v in vars(cls).items()
                    if isinstance(v, (types.FunctionType, staticmethod, classmethod, property)))
    s["classes"] = classes
    s["meta_path"] = [ident(f) for f in sys.meta_path] + ["|"] + [ident(f) for f in sys.path_hooks]
    s["foreign_meta_path"] = [repr(f)[:80] for f in list(sys.meta_path) + list(sys.path_hooks) if foreign(f)]
    s["builtins"] = {k: id(v) for k, v in vars(builtins).items()}
    s["foreign_builtins"] = sorted(k for k, v in vars(builtins).items() if callable(v) and foreign(v)
                                   and k not in ("display", "get_ipython", "exit", "quit"))
    s["modules"] = _describe_modules()
    s["foreign_in_modules"] = sorted(
        "%s.%s" % (n, k) for n, m in list(sys.modules.items())
        if n.split(".")[0] in ("numpy", "math", "operator", "unittest") and isinstance(m, types.ModuleType)
        for k, v in list(vars(m).items()) if isinstance(v, (types.FunctionType, types.MethodType)) and foreign(v))
    return json.dumps(s)
_r = _probe()
'''
PROBE_EXPRESSION = ("(lambda ns: (exec(%r, ns), ns['_r'])[1])({'__name__': '__grader_probe__'})" % PROBE)
PROBE_TIMEOUT_S = 15
# Installed in the kernel before the first cell: no audit hook can be added after it (CPython
# drops a new hook when an existing one raises RuntimeError on "sys.addaudithook"; a hook cannot
# be removed), so none can watch for the grader's checks and hide from them.
AUDIT_GUARD = ("__import__('sys').addaudithook(lambda event, args: (_ for _ in ()).throw(RuntimeError("
               "'no audit hook while grading')) if event == 'sys.addaudithook' else None)")


def _state(text):
    """The shell's state from the probe's text/plain value, or None."""
    try:
        return json.loads(ast.literal_eval(text)) if text else None
    except (ValueError, SyntaxError):
        return None



def reference_modules():
    """numpy's, math's, operator's and unittest's functions described in the grader's own
    process (the same venv): what the kernel's must still look like."""
    import math, operator, unittest  # noqa: E401,F401
    import numpy, numpy.linalg, numpy.testing  # noqa: E401,F401
    ns = {"__name__": "__grader_reference__"}
    exec(DESCRIBE_MODULES, ns)
    return ns["_describe_modules"]()


_REFERENCE = None


def compare(baseline, now):
    """Reasons the shell's state `now` shows tampering, given `baseline` (before the first cell)."""
    global _REFERENCE
    if _REFERENCE is None:
        _REFERENCE = reference_modules()
    reasons = []
    if now.get("foreign_transformers") or now["transformers"] != baseline["transformers"]:
        reasons.append("an IPython input transformer was installed")
    changed = [k for k in now["hooks"] if now["hooks"][k] != baseline["hooks"].get(k)]
    if now.get("foreign_hooks"):
        changed += [k for k in now["foreign_hooks"] if k not in changed]
    if changed:
        reasons.append("the shell's hooks were replaced (" + ", ".join(changed) + ")")
    overrides = sorted(set(now["instance_overrides"]) - set(baseline["instance_overrides"]))
    classes = sorted(k for k in now["classes"]
                     if k in baseline["classes"] and now["classes"][k] != baseline["classes"][k])
    if overrides or classes:
        reasons.append("the shell's methods were patched (" + ", ".join(overrides + classes)[:200] + ")")
    if now.get("foreign_meta_path"):
        reasons.append("an import hook was installed")
    builtins = sorted(k for k, v in now["builtins"].items() if baseline["builtins"].get(k) != v
                      and k not in ("_", "__", "___", "display", "get_ipython", "exit", "quit", "__IPYTHON__"))
    builtins += [k for k in now.get("foreign_builtins", []) if k not in builtins]
    if builtins:
        reasons.append("builtins were changed (" + ", ".join(builtins)[:200] + ")")
    patched = list(now.get("foreign_in_modules", []))
    for name, attrs in now["modules"].items():
        ref = _REFERENCE.get(name)
        if attrs == "replaced":
            patched.append(name)
        elif ref is not None:
            patched += [f"{name}.{k}" for k, v in attrs.items() if k in ref and ref[k] != v]
    if patched:
        reasons.append("assertion helpers or library functions were patched ("
                       + ", ".join(sorted(set(patched)))[:200] + ")")
    return reasons


def course_root_of(resources):
    """The course root of the notebook nbgrader is grading (autograded/<student>/<assignment>/)."""
    path = Path((resources or {}).get("metadata", {}).get("path") or ".").resolve()
    info = (resources or {}).get("nbgrader", {})
    if info.get("student") and path.name == info.get("assignment") and path.parent.name == info["student"]:
        return path.parents[2]
    return None


class GuardedExecute(Execute):
    """nbgrader's Execute with the tamper checks, the notebook's wall-clock budget, output capped
    by bytes, and a partial notebook kept when the kernel dies (see the module's docstring)."""

    # A big output (50 MB printed at once) may still be arriving when the cell's reply does: wait
    # for it a little longer, and do not fail the whole notebook when it takes longer still
    # (errors come with the reply itself; the rest of that output is dropped, as the cap would).
    iopub_timeout = Integer(10).tag(config=True)
    raise_on_iopub_timeout = Bool(False).tag(config=True)

    def __init__(self, *args, **kwargs):
        from tools.sandbox import SandboxKernelManager
        kwargs.setdefault("kernel_manager_class", SandboxKernelManager)
        super().__init__(*args, **kwargs)

    def preprocess(self, nb, resources=None, km=None):
        self._deadline = time.monotonic() + course_config.NOTEBOOK_TIMEOUT_S
        self._bytes_nb, self._bytes_cell, self._cut = 0, {}, set()
        self._baseline, self._reasons, self._last_reply = None, [], None
        self._compared = (None, [])
        # nbclient skips a cell tagged with this: a tag no student can guess (tags are the
        # student's to edit, and nbgrader restores a test cell's source, not its tags)
        self.skip_cells_with_tag = "not-a-student-tag-" + secrets.token_hex(16)
        info = (resources or {}).get("nbgrader", {})
        self._where = (course_root_of(resources), info.get("student"), info.get("assignment"),
                       f"{info.get('notebook', 'notebook')}.ipynb")
        root, student, assignment, name = self._where
        holds, reviews = scan_notebook(nb)
        if root is not None:
            clear(root, student, assignment, prefix=name)
            stale = Path(root) / course_config.PARTIAL_DIR / student / assignment / name
            if stale.exists():
                stale.unlink()
            for r in reviews:
                note_for_review(root, student, assignment, f"{name}: {r}")
        self._reasons += holds
        try:
            return super().preprocess(nb, resources, km)
        except DeadKernelError:
            self._keep_partial(nb, resources)
            raise
        finally:
            self._record()

    def _record(self):
        root, student, assignment, name = self._where
        if root is not None and not course_config.sandbox_on():
            note_for_review(root, student, assignment, f"{name}: {UNSANDBOXED}")
        reasons = list(dict.fromkeys(self._reasons))
        for r in reasons:
            self.log.warning("held for review: %s/%s %s: %s", student, assignment, name, r)
            if root is not None:
                hold(root, student, assignment, f"{name}: {r}")

    def _keep_partial(self, nb, resources):
        """nbgrader removes a failed submission's autograded folder: keep the notebook as far as
        it ran in <root>/autograded_partial/<student>/<assignment>/ for review."""
        root, student, assignment, name = self._where
        if root is not None:
            target = Path(root) / course_config.PARTIAL_DIR / student / assignment / name
            target.parent.mkdir(parents=True, exist_ok=True)
            nbformat.write(nb, str(target))
            self.log.error("the kernel died; the notebook as far as it ran is in %s", target)

    # -- the notebook's wall-clock budget --
    def _get_timeout(self, cell):
        timeout = super()._get_timeout(cell)
        left = max(1, int(self._deadline - time.monotonic()))
        return left if timeout is None else min(timeout, left)

    def preprocess_cell(self, cell, resources, index):
        if cell.cell_type != "code" or not cell.source.strip():
            return cell, resources
        if self._baseline is None:
            self._user_expression(AUDIT_GUARD)
            self._baseline = _state(self._user_expression(PROBE_EXPRESSION)[0]) or {}
        if time.monotonic() >= self._deadline:
            cell.outputs = [self._error("CellTimeoutError", f"not run: the notebook's "
                                        f"{course_config.NOTEBOOK_TIMEOUT_S} s time budget was spent")]
            return cell, resources
        if not notebooks.is_test(cell):
            return super().preprocess_cell(cell, resources, index)
        # Each check is a request of its own: read in the request of the cell before, the state
        # would miss what that cell left on the kernel's event loop (a callback run once the
        # request is over); read in the test cell's own request, the end check would be answered
        # by a reply the student's code forged for that request.
        grade_id = cell.metadata["nbgrader"].get("grade_id")
        reasons = self._compare(self._user_expression(PROBE_EXPRESSION)[0])
        if reasons is None:
            self._reasons.append(f"{grade_id}: the shell did not answer the grader's check before this test cell")
        else:
            self._reasons += [f"before test {grade_id}: {r}" for r in reasons]
        token = secrets.token_hex(8)
        original = cell.source
        cell.source = _with_numpy(_with_sentinel(original, token))
        self._last_reply = None
        try:
            cell, resources = super().preprocess_cell(cell, resources, index)
        finally:
            cell.source = original
        reply = self._last_reply or {}
        if reply.get("content", {}).get("status") == "ok":
            end, twice = self._user_expression("globals().get('__grader_reached_end__')",
                                               also_watch=reply.get("parent_header", {}).get("msg_id"))
            if end != repr(token):
                self._reasons.append(f"test {grade_id} reported success without running to its last line")
            if twice:
                self._reasons.append(f"test {grade_id} was answered twice (a reply forged by the student's code)")
        elif any(o.get("output_type") == "execute_result" for o in cell.outputs):
            # nbgrader scores a test cell by the first value it shows, even one shown before its error
            self._reasons.append(f"test {grade_id} showed a value before it failed (nbgrader would score the value)")
        return cell, resources

    def _compare(self, text):
        """Reasons the shell's state in `text` (the probe's answer) shows tampering, None when
        `text` is no state; worked out once per distinct text in a row (the state rarely
        changes between test cells)."""
        if text is None or self._compared[0] != text:
            now = _state(text)
            self._compared = (text, None if now is None else compare(self._baseline, now) if self._baseline else [])
        return self._compared[1]

    def on_cell_executed(self, **kwargs):
        self._last_reply = kwargs.get("execute_reply")
        return super().on_cell_executed(**kwargs)

    @staticmethod
    def _error(ename, evalue):
        return NotebookNode(output_type="error", ename=ename, evalue=evalue,
                            traceback=[f"\x1b[0;31m{ename}\x1b[0m: {evalue}"])

    def _user_expression(self, expression, also_watch=None):
        """(the text/plain value of `expression` in the kernel or None when no answer came in time,
        whether a second reply to the request `also_watch` came before it: the real one, after a
        reply the student's code forged)."""
        msg_id = self.kc.execute("", silent=True, store_history=False, user_expressions={"x": expression})
        reply, twice = run_sync(self._wait_reply)(
            msg_id, min(PROBE_TIMEOUT_S, max(1, self._deadline - time.monotonic())), also_watch)
        value = None
        if reply is not None:
            x = reply["content"].get("user_expressions", {}).get("x", {})
            value = x.get("data", {}).get("text/plain") if x.get("status") == "ok" else None
        return value, twice

    async def _wait_reply(self, msg_id, timeout, also_watch=None):
        from queue import Empty
        deadline, twice = time.monotonic() + timeout, False
        while time.monotonic() < deadline:
            try:
                msg = await self.kc.shell_channel.get_msg(timeout=max(0.1, deadline - time.monotonic()))
            except Empty:
                continue
            parent = msg["parent_header"].get("msg_id")
            if parent == msg_id:
                return msg, twice
            twice = twice or (also_watch is not None and parent == also_watch and msg["msg_type"] == "execute_reply")
        return None, twice

    # -- output capped by bytes (nbgrader's LimitOutput caps lines) --
    def output(self, outs, msg, display_id, cell_index):
        content = msg.get("content", {})
        size = len(content.get("text", "")) + sum(len(v) if isinstance(v, str) else len(json.dumps(v, default=str))
                                                  for v in content.get("data", {}).values())
        kept = self._bytes_cell.get(cell_index, 0)
        if msg["msg_type"] != "error" and (kept + size > course_config.MAX_OUTPUT_BYTES_PER_CELL
                                           or self._bytes_nb + size > course_config.MAX_OUTPUT_BYTES_PER_NOTEBOOK):
            if cell_index not in self._cut:
                self._cut.add(cell_index)
                cut = NotebookNode(output_type="stream", name="stdout", text=(
                    f"\n[output cut: over {course_config.MAX_OUTPUT_BYTES_PER_CELL} bytes in this cell or "
                    f"{course_config.MAX_OUTPUT_BYTES_PER_NOTEBOOK} in the notebook]\n"))
                outs.append(cut)
            if msg["msg_type"] == "stream" and msg["content"].get("name") == "stderr" and not any(
                    o.get("name") == "stderr" for o in outs):
                outs.append(NotebookNode(output_type="stream", name="stderr", text=msg["content"]["text"][:200]))
            return None
        self._bytes_cell[cell_index] = kept + size
        self._bytes_nb += size
        return super().output(outs, msg, display_id, cell_index)


def _with_sentinel(source, token):
    """The test cell with one line that records `token` added after its last statement (before
    it, when the last statement is an expression whose value nbgrader may read)."""
    line = f"__grader_reached_end__ = {token!r}"
    python = _python(source)
    try:
        body = ast.parse(python).body
    except SyntaxError:
        return source
    if body and isinstance(body[-1], ast.Expr) and python == source:
        lines = source.split("\n")
        at = body[-1].lineno - 1
        indent = re.match(r"[ \t]*", lines[at]).group()
        return "\n".join(lines[:at] + [indent + line] + lines[at:])
    return source.rstrip("\n") + "\n" + line


def _with_numpy(source):
    """The test cell with `import numpy as np; ` in front of its first top-level statement that is
    not a def or a class, on the same line (the feedback maps tracebacks to hidden lines by their
    numbers): its `np` is numpy itself, whatever a student cell bound to that name. Unchanged when
    it does not use `np.`, does not parse, or that statement is compound (for, if, with, ...)."""
    if not re.search(r"\bnp\.", source):
        return source
    try:
        body = ast.parse(source).body
    except SyntaxError:
        return source
    for node in body:
        if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)):
            continue
        if isinstance(node, (ast.For, ast.AsyncFor, ast.While, ast.If, ast.With, ast.AsyncWith, ast.Try,
                             ast.TryStar, ast.Match)) or node.col_offset != 0 or (
                isinstance(node, ast.ImportFrom) and node.module == "__future__"):
            return source
        lines = source.split("\n")
        lines[node.lineno - 1] = "import numpy as np; " + lines[node.lineno - 1]
        return "\n".join(lines)
    return source
