"""Data: every file a notebook reads sits beside it, matches its master copy in data/, is
described (source and license) in data/README.md, and no notebook reaches outside its folder."""
import filecmp
import re

import pytest

import course_config
from conftest import SOURCE_NOTEBOOKS
from tools import notebooks

DATA = course_config.ROOT / "data"
COPIES = sorted(p for p in (course_config.ROOT / "source").glob("*/data/*") if p.is_file())


@pytest.mark.parametrize("copy", COPIES, ids=[f"{p.parts[-3]}/{p.name}" for p in COPIES])
def test_copy_beside_notebook_matches_master(copy):
    master = DATA / copy.name
    assert master.exists(), f"{copy} has no master copy in data/"
    assert filecmp.cmp(copy, master, shallow=False), f"{copy} differs from {master}"


def test_every_dataset_has_source_and_license():
    readme = (DATA / "README.md").read_text()
    for path in sorted(DATA.iterdir()):
        if path.name != "README.md":
            assert path.name in readme, f"data/README.md does not describe {path.name}"
    assert readme.lower().count("license") >= 1


@pytest.mark.parametrize("assignment_id, path", SOURCE_NOTEBOOKS, ids=[f"{a}/{p.stem}" for a, p in SOURCE_NOTEBOOKS])
def test_notebook_reads_only_files_beside_it(assignment_id, path):
    nb = notebooks.read(path)
    code = "\n".join(c.source for c in nb.cells if c.cell_type == "code")
    assert not re.search(r"""["'](\.\./|/)[^"']*data""", code), \
        f"{path.name} reads data outside its folder; use data/<file> beside the notebook"
    for name in re.findall(r"""["']data/([\w.\-]+)["']""", code):
        assert (path.parent / "data" / name).exists(), f"{path.name} reads data/{name}, which is not beside it"
