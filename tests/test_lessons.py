"""Lessons: their Python code blocks run, and each links to notebooks that exist."""
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

import course_config

LESSONS = sorted((course_config.ROOT / "lessons").glob("*.md"))
BLOCK = re.compile(r"^```python[ \t]*\n(.*?)^```", re.M | re.S)


@pytest.mark.parametrize("lesson", LESSONS, ids=[p.stem for p in LESSONS])
def test_python_blocks_run(lesson, tmp_path):
    """All ```python blocks of a lesson run in order, in one namespace, in a fresh interpreter."""
    blocks = BLOCK.findall(lesson.read_text())
    assert blocks, f"{lesson.name} has no runnable Python example"
    script = "\n\n".join(f"# --- block {i + 1}\n{b}" for i, b in enumerate(blocks))
    (tmp_path / "lesson.py").write_text(script)
    env = dict(os.environ, MPLBACKEND="Agg", **course_config.KERNEL_ENV)
    result = subprocess.run([sys.executable, "lesson.py"], cwd=tmp_path, env=env,
                            capture_output=True, text=True, timeout=300)
    assert result.returncode == 0, f"{lesson.name}: a code block fails:\n{result.stderr[-2000:]}"


@pytest.mark.parametrize("lesson", LESSONS, ids=[p.stem for p in LESSONS])
def test_links_resolve(lesson):
    links = re.findall(r"\]\((\.\./[^)#\s]+)\)", lesson.read_text())
    missing = [l for l in links if not (lesson.parent / l).resolve().exists()]
    assert not missing, f"{lesson.name} links to missing files {missing}"


def test_every_step_has_a_lesson():
    names = {p.stem for p in LESSONS}
    present = {s.name for s in course_config.STEPS
               if any((course_config.ROOT / "source" / a).is_dir() for a in s.assignments)}
    assert present <= names, f"steps without a lesson: {sorted(present - names)}"
