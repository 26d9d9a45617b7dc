# The course's commands. On a fresh machine with Python 3 and make, each target
# creates .venv and installs the pinned set (constraints.txt) on first use.

PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed
JOBS   ?= 2
STUDENT_DIR ?= student
BOOK_FLAGS  := --warningiserror --nitpick --keep-going

.PHONY: help install book book-strict book-student test lint unit nbval book-tests lab execute student bench clean

help:
	@echo "make book          build the HTML book into _build/html (main job)"
	@echo "make book-student  build the solution-free student edition into _build/student/html"
	@echo "make test          every check: lint, unit tests, nbval, strict book build, book tests"
	@echo "make lab           JupyterLab on notebooks/"
	@echo "make execute       re-execute every notebook in place"
	@echo "make student       write solution-free student notebooks to $(STUDENT_DIR)/"
	@echo "make bench         run the benchmarks, results in benchmarks/results/"

$(STAMP): pyproject.toml constraints.txt
	@test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet "pip==26.3"
	$(BIN)/python -m pip install --quiet -c constraints.txt -e ".[notebooks,book,test]"
	@touch $(STAMP)

install: $(STAMP)

book: $(STAMP)
	$(BIN)/jupyter-book build . --keep-going
	@echo "The book is at $(CURDIR)/_build/html/index.html"

book-strict: $(STAMP)
	$(BIN)/jupyter-book build . $(BOOK_FLAGS)

book-student: $(STAMP)
	$(BIN)/python book/_ext/build_student.py $(BOOK_FLAGS)

lint: $(STAMP)
	$(BIN)/ruff check src tests benchmarks book/_ext
	$(BIN)/nbqa ruff notebooks

unit: $(STAMP)
	$(BIN)/pytest tests -m "not book" -n $(JOBS) -q

nbval: $(STAMP)
	OMP_NUM_THREADS=1 OPENBLAS_NUM_THREADS=1 $(BIN)/pytest --nbval --nbval-current-env -p no:cacheprovider -n $(JOBS) --dist loadscope notebooks -q

book-tests: $(STAMP)
	$(BIN)/pytest tests -m book -q

test: $(STAMP)
	$(MAKE) lint
	$(MAKE) unit
	$(MAKE) nbval
	$(MAKE) book-strict
	$(MAKE) book-student
	$(MAKE) book-tests

lab: $(STAMP)
	$(BIN)/jupyter lab --notebook-dir=notebooks

execute: $(STAMP)
	$(BIN)/curriculum execute notebooks --jobs $(JOBS)

student: $(STAMP)
	$(BIN)/curriculum student $(STUDENT_DIR)

bench: $(STAMP)
	$(BIN)/python benchmarks/run_all.py

clean:
	rm -rf _build $(STUDENT_DIR)
