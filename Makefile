# The reproducibility contract: `make slides` and `make test` work on a fresh machine.
SHELL := /bin/bash
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed
NODE_STAMP := node_modules/.installed
# Outside build/: `make clean` and a cold `make slides` must not repeat the system check.
SYS_STAMP := $(VENV)/.system-deps
NBCONVERT_CONFIG := $(VENV)/etc/jupyter/jupyter_nbconvert_config.py
SERVER_CONFIG := $(VENV)/etc/jupyter/jupyter_server_config.py
KERNEL_CONFIG := $(VENV)/etc/ipython/ipython_kernel_config.py
DECK := build/akudama-drive-season-2.slides.html
PDF := build/akudama-drive-season-2.pdf
DATA ?= data/akudama-drive
# The handout's paper (a4 or letter, portrait); NOTES=1 adds the speaker notes.
PAPER ?= a4
NOTES ?=

.PHONY: all setup slides pdf test test-fast bench lint strip check lock clean

all: slides

# Python environment: exact pins, then the package itself in editable mode.
$(STAMP): requirements.txt pyproject.toml | $(SYS_STAMP)
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -r requirements.txt
	$(PY) -m pip install --quiet --no-deps --no-build-isolation -e .
	touch $@

# reveal.js from the npm registry, at the version in package-lock.json.
$(NODE_STAMP): package.json package-lock.json | $(SYS_STAMP)
	npm ci --no-audit --no-fund --loglevel=error
	touch $@

# Python's venv, npm, Chromium and a Japanese font from Debian (apt-get as root, else an
# instruction); first, since the other steps need them.
$(SYS_STAMP): scripts/install-system-deps
	bash scripts/install-system-deps
	mkdir -p $(VENV) && touch $@

# Plain `jupyter nbconvert --to slides` in this venv uses the showdeck template too.
$(NBCONVERT_CONFIG): jupyter_nbconvert_config.py $(STAMP)
	install -D -m 644 $< $@

# JupyterLab's kernels get CurveZMQ keys; a kernel started without them (papermill) stays quiet.
$(SERVER_CONFIG): jupyter_server_config.py $(STAMP)
	install -D -m 644 $< $@

$(KERNEL_CONFIG): ipython_kernel_config.py $(STAMP)
	install -D -m 644 $< $@

setup: $(SYS_STAMP) $(STAMP) $(NODE_STAMP) $(NBCONVERT_CONFIG) $(SERVER_CONFIG) $(KERNEL_CONFIG)

# Always ask the builder: its content hash of every input (as-of date included) decides whether
# the deck is rebuilt, which file timestamps cannot.
slides: setup
	$(PY) -m showdeck build --data $(DATA) --output $(DECK)

# The handout is the notebook's reading view (nbconvert --to html) printed.
pdf: setup
	$(PY) -m showdeck pdf --data $(DATA) --output $(PDF) --paper $(PAPER)$(if $(NOTES), --notes)

check: $(STAMP)
	$(PY) -m showdeck check $(DATA)

# One pytest-xdist worker per core (JOBS=0: all in this process). Each test module runs whole
# on one worker, so a fixture its tests share (a JupyterLab that ran the notebook, a Lighthouse
# report, a browser) is made once.
JOBS ?= auto
test: setup
	$(PY) -m pytest -n $(JOBS) --dist loadscope

# The tier to run while working: unit and in-process tests, no kernel, no browser, no build.
FAST := not slow and not browser
test-fast: $(STAMP)
	$(PY) -m pytest -m "$(FAST)"

lint: $(STAMP)
	$(PY) -m ruff check showdeck tests notebooks scripts
	$(VENV)/bin/lint-imports --no-cache
	$(VENV)/bin/nbstripout --verify notebooks/*.ipynb

# The notebook is committed without outputs; the build executes it.
strip: $(STAMP)
	$(VENV)/bin/nbstripout notebooks/*.ipynb

bench: setup
	$(PY) scripts/bench.py

# Re-pin requirements.txt from what the environment has now.
lock: $(STAMP)
	{ echo "# Exact pins of everything that builds and tests the deck (regenerate: make lock)."; \
	  $(PY) -m pip freeze --all --exclude-editable | grep -viE '^(showdeck|pip)([=@ ]|$$)'; } > requirements.txt

clean:
	rm -rf build
