"""AI Math -> ML course kit: thin glue over nbgrader's Python API (see `python -m tools --help`)."""
import sys

# jsonschema (through nbformat) imports `rfc3987_syntax`, its optional checker of the "iri" and
# "iri-reference" formats, if it is installed (jupyter-events pulls it in); that import builds ~35
# Earley parsers and costs every process of the kit ~1.2 s (jsonschema issue #1428). No schema
# the kit or nbgrader validates uses those formats: jsonschema goes without them here.
sys.modules.setdefault("rfc3987_syntax", None)
