"""One live Jupyter kernel for running notebook cells one at a time (the wrong-answer checks)."""
import os

from jupyter_client.manager import KernelManager

import course_config


class Kernel:
    def __init__(self, cwd):
        env = dict(os.environ, **course_config.KERNEL_ENV, MPLBACKEND="Agg")
        self.km = KernelManager(kernel_name="python3")
        self.km.start_kernel(cwd=str(cwd), env=env,
                             extra_arguments=["--HistoryManager.hist_file=:memory:", "--IPKernelApp.log_level=ERROR"])
        self.kc = self.km.client()
        self.kc.start_channels()
        self.kc.wait_for_ready(timeout=60)

    def run(self, code, timeout=course_config.CELL_TIMEOUT_S):
        """Execute code; return None on success, else 'ExceptionName: message'."""
        reply = self.kc.execute_interactive(code, timeout=timeout, output_hook=lambda msg: None,
                                            allow_stdin=False)
        content = reply["content"]
        if content["status"] == "ok":
            return None
        return f"{content.get('ename')}: {str(content.get('evalue'))[:200]}"

    def close(self):
        self.kc.stop_channels()
        self.km.shutdown_kernel(now=True)

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.close()
