"""Gradebook backups: a consistent copy of the SQLite gradebook before every grading batch
(autograde, regrade), kept in <course root>/gradebook_backups/ (the newest BACKUPS_KEPT), and
put back by one command:

    .venv/bin/python -m tools restore-gradebook            # the newest backup
    .venv/bin/python -m tools restore-gradebook PATH       # that one

A restore first backs up the gradebook it replaces, so it can be undone the same way. A
PostgreSQL gradebook (course_config.DB_URL) is backed up by the database's own tools
(pg_dump), not here."""
import sqlite3
from datetime import datetime, timezone
from pathlib import Path

import course_config

BACKUPS_KEPT = 30


def _gradebook(root):
    return Path(root) / course_config.GRADEBOOK_FILE


def _copy(source, target):
    """SQLite's online backup: a consistent copy even while another process has it open."""
    src, dst = sqlite3.connect(str(source)), sqlite3.connect(str(target))
    try:
        with dst:
            src.backup(dst)
    finally:
        src.close()
        dst.close()


def backups(root):
    """The backups of the course at `root`, oldest first."""
    return sorted((Path(root) / course_config.BACKUP_DIR).glob("gradebook-*.db"))


def backup(root):
    """Copy the gradebook into gradebook_backups/gradebook-<UTC time>.db; returns the path (None
    when there is no gradebook yet). Keeps the newest BACKUPS_KEPT."""
    source = _gradebook(root)
    if not source.exists():
        return None
    folder = Path(root) / course_config.BACKUP_DIR
    folder.mkdir(exist_ok=True)
    target = folder / f"gradebook-{datetime.now(timezone.utc).strftime('%Y%m%dT%H%M%S.%fZ')}.db"
    _copy(source, target)
    for old in backups(root)[:-BACKUPS_KEPT]:
        old.unlink()
    return target


def restore(root, path=None):
    """Put a backup (default: the newest) back as the course's gradebook; the gradebook it
    replaces is backed up first. Returns (restored from, backup of the replaced one)."""
    found = backups(root)
    path = Path(path) if path else (found[-1] if found else None)
    if path is None or not path.exists():
        raise FileNotFoundError(f"no gradebook backup {path or 'in ' + str(Path(root) / course_config.BACKUP_DIR)}")
    replaced = backup(root)
    _copy(path, _gradebook(root))
    return path, replaced
