"""The grading kernel in a sandbox: a submission's code runs under bubblewrap (Debian's
`bubblewrap`, /usr/bin/bwrap), so it can neither read the instructor's files nor change anyone's
grades.

nbgrader still runs every notebook through its own pipeline (its `Execute` preprocessor, i.e.
nbclient): `course_config.apply` sets `Execute.kernel_manager_class` to `SandboxKernelManager`
below, which only changes how the kernel process is started:

* a read-only system (/usr, /etc), a read-only venv and Python install, nothing else of the
  machine: no source/, instructor/, gradebook, other students' folders, no home directory;
* the submission's own autograded folder (the kernel's working folder) is the only writable
  folder, plus a private /tmp that disappears with the kernel;
* its own network (nothing but its own loopback), pid, IPC and UTS namespaces; a new session
  (no terminal to type into); it dies with the grader (--die-with-parent), and every process it
  started dies with it (the pid namespace ends when the kernel does);
* limits on memory (address space), file size and open files, set by a tiny launcher inside the
  sandbox, which then, when grading runs as root, drops to a user id of its own and limits its
  processes (the limit counts a user's processes: an unprivileged grader's session would count);
* `python -I`: files shipped with the submission (an `ipykernel_launcher.py`, a `numpy.py`)
  cannot shadow the kernel's modules, and PYTHON* variables and the user's IPython startup
  files do not reach it;
* the kernel talks to nbgrader over unix sockets (zmq's ipc transport) in a private folder
  bound into the sandbox, and is interrupted by message (a signal cannot cross the pid
  namespace);
* a watchdog kills the kernel once the notebook's wall-clock budget
  (`course_config.NOTEBOOK_TIMEOUT_S`, plus a grace period) is spent.

`available()` says whether bubblewrap can run here; autograde refuses to grade without it
unless told `--no-sandbox`.
"""
import os
import secrets
import shutil
import subprocess
import sys
import tempfile
import threading
import time
from functools import lru_cache
from pathlib import Path
from queue import Empty

from jupyter_client.asynchronous import AsyncKernelClient
from jupyter_client.manager import AsyncKernelManager
from traitlets import Bool, Type, Unicode, default

import course_config

BWRAP = shutil.which("bwrap") or "/usr/bin/bwrap"
# As root, each kernel runs as a user id of its own, in this range (no account needed): the
# process limit is then per kernel, and no kernel can signal or read another.
KERNEL_UIDS = range(200_000, 1_200_000)
FIX = ("install bubblewrap (apt-get install bubblewrap) and allow user namespaces "
       "(sysctl kernel.unprivileged_userns_clone=1), or grade without the sandbox: --no-sandbox")

# Run inside the sandbox before the kernel: limits, then (as root) a user id of its own, then
# exec the kernel. Arguments: memory MB, processes, file size MB, open files, user id, then the
# kernel's argv.
LAUNCHER = r"""
import os, resource, sys
mem, nproc, fsize, nofile, uid = (int(a) for a in sys.argv[1:6])
def limit(what, value):
    soft, hard = resource.getrlimit(what)
    value = value if hard == resource.RLIM_INFINITY else min(value, hard)
    resource.setrlimit(what, (value, value))
limit(resource.RLIMIT_AS, mem << 20)
limit(resource.RLIMIT_FSIZE, fsize << 20)
limit(resource.RLIMIT_NOFILE, nofile)
limit(resource.RLIMIT_CORE, 0)
if os.getuid() == 0:  # a user id of its own, so the process limit counts this kernel only
    os.setgroups([])
    os.setgid(uid)
    os.setuid(uid)
    limit(resource.RLIMIT_NPROC, nproc)
os.execv(sys.argv[6], sys.argv[6:])
"""


@lru_cache(maxsize=None)
def available():
    """(True, "") if bubblewrap can start a sandbox here, else (False, one line: why and the fix)."""
    if not Path(BWRAP).exists():
        return False, f"bubblewrap is not installed ({BWRAP} missing): {FIX}"
    try:
        run = subprocess.run(sandbox_command(["/bin/true"], cwd=None, extra_binds=()),
                             capture_output=True, text=True, timeout=30)
    except (OSError, subprocess.TimeoutExpired) as e:
        return False, f"bubblewrap cannot run ({e}): {FIX}"
    if run.returncode != 0:
        why = (run.stderr.strip().splitlines() or ["exit status %d" % run.returncode])[-1]
        return False, f"bubblewrap cannot start a sandbox here ({why}): {FIX}"
    return True, ""


def _real_folder(executable):
    """The executable's path with its folder's symlinks resolved but not the file's own: a
    venv's python is a symlink to the base interpreter, and only its venv path keeps the venv."""
    return str(Path(executable).parent.resolve() / Path(executable).name)


def _python_roots():
    """Folders the kernel's Python needs, read-only: the venv and the base install."""
    roots = {Path(sys.prefix).resolve(), Path(sys.base_prefix).resolve(),
             Path(sys.executable).resolve().parent.parent}
    return sorted(r for r in roots if not str(r).startswith(("/usr", "/etc")))


def sandbox_command(kernel_argv, cwd, extra_binds):
    """The bwrap command line that runs `kernel_argv` with `cwd` as its only writable folder;
    `extra_binds` are further writable folders (the kernel's socket folder)."""
    args = [BWRAP, "--ro-bind", "/usr", "/usr"]
    for link in ("bin", "lib", "lib64", "sbin"):
        target = Path("/" + link)
        if target.is_symlink():
            args += ["--symlink", os.readlink(target), "/" + link]
        elif target.is_dir():
            args += ["--ro-bind", "/" + link, "/" + link]
    args += ["--ro-bind", "/etc", "/etc"]
    args += ["--proc", "/proc", "--dev", "/dev", "--perms", "1777", "--tmpfs", "/tmp",
             "--perms", "1777", "--tmpfs", "/var/tmp", "--tmpfs", "/run"]
    read_only = [str(r) for r in _python_roots()]
    writable = [str(Path(b).resolve()) for b in extra_binds] + ([str(Path(cwd).resolve())] if cwd else [])
    # bwrap makes the folders above a bind mount private (0700): open them, or user nobody
    # cannot reach the venv or its own folder
    made = {"/", "/usr", "/etc", "/proc", "/dev", "/tmp", "/var/tmp", "/run"}
    for path in read_only + writable:
        for parent in reversed(Path(path).parents):
            if str(parent) not in made:
                made.add(str(parent))
                args += ["--perms", "0755", "--dir", str(parent)]
    for folder in read_only:
        args += ["--ro-bind", folder, folder]
    for folder in writable:
        args += ["--bind", folder, folder]
    args += ["--unshare-net", "--unshare-pid", "--unshare-ipc", "--unshare-uts", "--unshare-cgroup-try",
             "--die-with-parent", "--new-session", "--clearenv"]
    env = {"PATH": "/usr/bin:/bin", "HOME": "/tmp", "LANG": "C.UTF-8", "TMPDIR": "/tmp",
           "IPYTHONDIR": "/tmp/.ipython", "MPLCONFIGDIR": "/tmp/.matplotlib", "MPLBACKEND": "agg",
           "JPY_PARENT_PID": "1",  # no parent polling (the sandbox dies with its parent), no banner
           **course_config.KERNEL_ENV}
    if os.environ.get("NBGRADER_EXECUTION"):
        env["NBGRADER_EXECUTION"] = os.environ["NBGRADER_EXECUTION"]
    for k, v in env.items():
        args += ["--setenv", k, v]
    if cwd:
        args += ["--chdir", str(cwd)]
    return args + ["--"] + list(kernel_argv)


def _give_to(folder, uid, gid):
    """As root, the kernel runs as a user of its own: let it write its own working folder (only that), and
    give the folder back to the grader afterwards."""
    if os.getuid() != 0 or not folder or not os.path.isdir(folder):
        return
    for top, dirs, files in os.walk(folder, followlinks=False):
        for name in [top, *(os.path.join(top, n) for n in dirs + files)]:
            os.lchown(name, uid, gid)


class GradingKernelClient(AsyncKernelClient):
    """jupyter_client's client, ready as soon as the kernel has answered `kernel_info` and its
    IOPub channel has delivered a message (so no output of the first cell can be lost).
    jupyter_client's own wait then listens to IOPub until it has been silent for 0.2 s: idle
    time every submission paid. Nothing needs that drain: nbclient ignores IOPub messages that
    answer other requests."""

    async def wait_for_ready(self, timeout=None):
        deadline = time.monotonic() + (float("inf") if timeout is None else timeout)
        while True:
            self.kernel_info()
            try:
                reply = await self.shell_channel.get_msg(timeout=1)
            except Empty:
                reply = None
            if reply is not None and reply["msg_type"] == "kernel_info_reply":
                try:
                    await self.iopub_channel.get_msg(timeout=0.2)
                except Empty:  # IOPub not subscribed yet (its messages were dropped): ask again
                    pass
                else:
                    self._handle_kernel_info_reply(reply)
                    return
            if not await self.is_alive():
                raise RuntimeError("Kernel died before replying to kernel_info")
            if time.monotonic() > deadline:
                raise RuntimeError(f"Kernel didn't respond in {timeout} seconds")


class SandboxKernelManager(AsyncKernelManager):
    """nbgrader's kernel manager with the kernel started inside bubblewrap (see the module's
    docstring). With `sandbox = False` it is the plain kernel (`--no-sandbox`), still
    started with `python -I` and the notebook's wall-clock watchdog."""

    sandbox = Bool(True, help="Start the kernel inside bubblewrap.").tag(config=True)
    socket_dir = Unicode("")
    client_factory = Type(GradingKernelClient, klass=AsyncKernelClient, config=True)

    @default("transport")
    def _default_transport(self):
        return "ipc" if self.sandbox else "tcp"

    @property
    def kernel_spec(self):
        spec = super().kernel_spec
        if spec is not None and self.sandbox:
            spec.interrupt_mode = "message"  # SIGINT cannot reach a kernel in its own pid namespace
        return spec

    async def _async_pre_start_kernel(self, **kw):
        self._cwd = kw.get("cwd") or os.getcwd()
        if self.sandbox:
            ok, why = available()
            if not ok:
                raise RuntimeError(why)
            self.socket_dir = tempfile.mkdtemp(prefix="grading-kernel-")
            self.ip = os.path.join(self.socket_dir, "kernel")
            self.connection_file = os.path.join(self.socket_dir, "kernel.json")
        return await super()._async_pre_start_kernel(**kw)

    def format_kernel_cmd(self, extra_arguments=None):
        cmd = super().format_kernel_cmd(extra_arguments)
        if cmd and os.path.isabs(cmd[0]):  # a venv reached through a symlinked folder: its real folder
            cmd = [_real_folder(cmd[0]), *cmd[1:]]
        if cmd and Path(cmd[0]).name.startswith("python") and "-I" not in cmd[1:2]:
            cmd = [cmd[0], "-I", *cmd[1:]]
        if not self.sandbox:
            return cmd
        uid = KERNEL_UIDS[secrets.randbelow(len(KERNEL_UIDS))]
        _give_to(self.socket_dir, uid, uid)
        _give_to(self._cwd, uid, uid)
        launcher = [_real_folder(sys.executable), "-I", "-c", LAUNCHER, str(course_config.KERNEL_MAX_MEMORY_MB),
                    str(course_config.KERNEL_MAX_PROCESSES), str(course_config.KERNEL_MAX_FILE_MB),
                    str(course_config.KERNEL_MAX_OPEN_FILES), str(uid)]
        return sandbox_command(launcher + cmd, self._cwd, [self.socket_dir])

    async def _async_launch_kernel(self, kernel_cmd, **kw):
        if self.sandbox:
            kw.pop("env", None)  # bwrap --clearenv sets the kernel's environment
            kw["env"] = {"PATH": os.environ.get("PATH", "/usr/bin:/bin")}
        await super()._async_launch_kernel(kernel_cmd, **kw)
        self._watchdog = threading.Timer(course_config.NOTEBOOK_TIMEOUT_S + course_config.NOTEBOOK_GRACE_S,
                                         self._kill_now)
        self._watchdog.daemon = True
        self._watchdog.start()

    def _kill_now(self):
        """The notebook's wall-clock budget is spent: end the kernel and all it started."""
        process = getattr(self.provisioner, "process", None)
        if process is not None and process.poll() is None:
            self.log.error("grading kernel ran past the notebook's %s s budget: killed",
                           course_config.NOTEBOOK_TIMEOUT_S)
            process.kill()

    async def cleanup_resources(self, restart=False):
        watchdog = getattr(self, "_watchdog", None)
        if watchdog is not None:
            watchdog.cancel()
        await super()._async_cleanup_resources(restart=restart)
        if self.sandbox and not restart:
            _give_to(getattr(self, "_cwd", None), os.getuid(), os.getgid())
        if self.socket_dir and not restart:
            shutil.rmtree(self.socket_dir, ignore_errors=True)
            self.socket_dir = ""
