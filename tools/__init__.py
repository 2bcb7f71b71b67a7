"""AI Math -> ML course kit: thin glue over nbgrader's Python API (see `python -m tools --help`)."""
