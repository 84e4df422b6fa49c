# The README's two commands are `make book` and `make test`. Both create .venv when it is
# missing and install what they need; a re-run installs again only when pyproject.toml changes.

PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
# cache: re-execute only notebooks that changed; force: execute every notebook (CI).
EXECUTE ?= cache
# Parallel pytest workers. --dist loadfile keeps each file (so each notebook, whose cells share
# one kernel) on one worker.
JOBS ?= 2

# Quiet TensorFlow in every notebook, test and command started from here. (Do not set
# MPLBACKEND here: the notebooks need matplotlib's inline backend to show figures.)
export TF_CPP_MIN_LOG_LEVEL := 3
export TF_ENABLE_ONEDNN_OPTS := 0
export PYDEVD_DISABLE_FILE_VALIDATION := 1

.PHONY: book test workbook grade bench clean

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade "pip>=24,<27"

$(VENV)/.installed-book: pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --quiet -e ".[book]"
	touch $@

$(VENV)/.installed-test: pyproject.toml $(VENV)/.installed-book
	$(BIN)/python -m pip install --quiet -e ".[book,test]"
	touch $@

book: $(VENV)/.installed-book
	DLNOTES_EXECUTE=$(EXECUTE) PATH="$(abspath $(BIN)):$$PATH" \
	  $(BIN)/jupyter-book build . -W -n --keep-going $(if $(filter force,$(EXECUTE)),--all)

# $(JOBS) workers run side by side, so each gets one BLAS thread: two workers with two threads
# each on two cores run several times slower than with one.
test: $(VENV)/.installed-test
	OPENBLAS_NUM_THREADS=1 OMP_NUM_THREADS=1 MKL_NUM_THREADS=1 PATH="$(abspath $(BIN)):$$PATH" \
	  $(BIN)/python -m pytest -n $(JOBS) --dist loadfile

workbook: $(VENV)/.installed-book
	$(BIN)/python -m dlnotes.workbook book _build/workbook

# Runs the learner's workbook (WORKBOOK=folder or one chapter) and lists which exercises pass.
WORKBOOK ?= _build/workbook
grade: $(VENV)/.installed-test
	$(BIN)/python -m dlnotes grade $(WORKBOOK)

bench: $(VENV)/.installed-test
	PATH="$(abspath $(BIN)):$$PATH" sh -c 'for b in bench/*.py; do $(BIN)/python "$$b" || exit 1; done'

clean:
	rm -rf _build
