# Two commands do everything on a fresh machine with Python 3.11:
#   make demo   the whole course pipeline on a simulated class (scratch course in build/demo/)
#   make test   the test suite (what CI runs)
PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV   := .venv
PY     := $(VENV)/bin/python
# nbgrader runs `alembic` as a subprocess: the venv's bin/ must be on PATH
RUN    := PATH="$(CURDIR)/$(VENV)/bin:$$PATH" $(PY)

.PHONY: demo test release export bench selfgrade audit clean

$(VENV)/.installed: requirements.txt
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -r requirements.txt
	touch $@

demo: $(VENV)/.installed
	$(RUN) -m tools demo $(ARGS)

test: $(VENV)/.installed
	$(RUN) -m pytest $(ARGS)

release: $(VENV)/.installed
	$(RUN) -m tools release

# e.g. make export ARGS="01_linear_algebra 02_calculus_gradients --no-zip"
export: $(VENV)/.installed
	$(RUN) -m tools export $(ARGS)

bench: $(VENV)/.installed
	$(RUN) -m tools bench $(ARGS)

# issue 7, self-study: grade your own notebook with the real autograder, hidden tests included
selfgrade: $(VENV)/.installed
	@test -n "$(NB)" || { echo "usage: make selfgrade NB=path/to/your/notebook.ipynb"; exit 2; }
	$(RUN) -m tools selfgrade $(NB)

# issue 13: mutation audit of the hidden tests, e.g. make audit ARGS="04_optimization --per-cell 5 --jobs 2"
audit: $(VENV)/.installed
	$(RUN) -m tools audit $(ARGS)

clean:
	rm -rf build dist
