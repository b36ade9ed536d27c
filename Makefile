# Set-up, tests and the app in one place, so a fresh Debian clone and CI do the same thing.

PYTHON ?= python3
VENV   := .venv
STAMP  := $(VENV)/.installed-stamp
PYTEST_ARGS ?=
# The suite on two worker processes (pytest-xdist), whole test modules to whichever is free (a
# module's shared set-up is built once); `PYTEST_XDIST=` runs it in one process.
PYTEST_XDIST ?= -n 2 --dist loadfile --no-loadscope-reorder

# What PySide6-Essentials' xcb and offscreen plugins link against (read off `readelf -d`
# of QtCore/Gui/Widgets/DBus/XcbQpa and plugins/platforms, xcbglintegrations), plus a
# CJK font so Chinese renders as glyphs, Xvfb (+ xauth for xvfb-run) for a real X screen, and
# poppler-utils (pdffonts, pdftotext) with which the tests read the PDF reports back.
DEB_PACKAGES := \
	fonts-noto-cjk xvfb xauth poppler-utils \
	libgl1 libegl1 libglib2.0-0 libfontconfig1 libfreetype6 libdbus-1-3 \
	libx11-6 libx11-xcb1 libxkbcommon0 libxkbcommon-x11-0 \
	libxcb1 libxcb-cursor0 libxcb-glx0 libxcb-icccm4 libxcb-image0 libxcb-keysyms1 \
	libxcb-randr0 libxcb-render0 libxcb-render-util0 libxcb-shape0 libxcb-shm0 \
	libxcb-sync1 libxcb-util1 libxcb-xfixes0 libxcb-xkb1 \
	desktop-file-utils appstream
# (the last two: tests/test_packaging.py validates packaging/linux/ with desktop-file-validate and appstreamcli)
# The Spark engine's tests (tests/test_spark.py: pyspark 4.0 in local mode) need a Java 17 runtime;
# installed only when no `java` is found, and a failure to install it only makes that test skip.
SPARK_DEB := openjdk-17-jre-headless

.PHONY: deps venv install run test test-under-load bench bundle bundle-test clean translations

# What is missing is found with `dpkg -s` (anyone may ask): nothing is said when nothing is, a
# second run costs nothing, and a user who is not root is told only what to install.
deps:
	@if ! command -v dpkg >/dev/null 2>&1; then \
		echo "deps: no dpkg here: install your system's equivalents of these Debian packages: $(DEB_PACKAGES)"; \
	else \
		missing=""; \
		for p in $(DEB_PACKAGES); do \
			dpkg -s $$p >/dev/null 2>&1 || missing="$$missing $$p"; \
		done; \
		$(PYTHON) -c "import ensurepip, venv" 2>/dev/null || missing="$$missing python3-venv"; \
		if [ -z "$$missing" ]; then :; \
		elif [ "$$(id -u)" != 0 ] || ! command -v apt-get >/dev/null 2>&1; then \
			echo "deps: not root (or no apt-get): install what is missing yourself: sudo apt install$$missing"; \
		else \
			echo "deps: installing$$missing"; \
			export DEBIAN_FRONTEND=noninteractive; \
			apt-get update -qq && \
			apt-get install -y -qq --no-install-recommends $$missing >/dev/null; \
		fi; \
	fi
	@if [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1 && ! command -v java >/dev/null 2>&1; then \
		echo "deps: installing $(SPARK_DEB) (a Java runtime for the Spark engine's tests)"; \
		export DEBIAN_FRONTEND=noninteractive; mkdir -p /usr/share/man/man1; \
		{ apt-get update -qq && apt-get install -y -qq --no-install-recommends $(SPARK_DEB) >/dev/null; } \
			|| echo "deps: could not install $(SPARK_DEB): tests/test_spark.py will skip (no Java)"; \
	fi

venv: $(STAMP)

$(VENV)/bin/python:
	$(PYTHON) -m venv $(VENV)

# Re-install only when the project's dependencies may have changed.
$(STAMP): pyproject.toml resources/translations/*.ts | $(VENV)/bin/python
	$(VENV)/bin/pip install -q -e '.[test,spark]'  # spark: tests/test_spark.py runs the job in local mode
	$(VENV)/bin/python -m duidu.ui.i18n  # the .qm catalogues Qt loads, from the committed .ts sources
	touch $@

# After changing interface strings: refresh the .ts sources (then translate what is new).
translations: venv
	$(VENV)/bin/python packaging/translations.py
	$(VENV)/bin/python -m duidu.ui.i18n  # the .qm from the .ts just written

# `duidu` on the user's PATH: a link to the venv's command (the venv keeps its own Python and packages).
BIN_DIR ?= $(HOME)/.local/bin

install: venv
	@mkdir -p "$(BIN_DIR)"
	@ln -sfn "$(CURDIR)/$(VENV)/bin/duidu" "$(BIN_DIR)/duidu"
	@echo "install: $(BIN_DIR)/duidu -> $(CURDIR)/$(VENV)/bin/duidu"
	@case ":$$PATH:" in *":$(BIN_DIR):"*) ;; \
		*) echo "install: $(BIN_DIR) is not on your PATH: add it (e.g. to ~/.profile): export PATH=\"$(BIN_DIR):\$$PATH\"";; esac

run: deps venv install
	$(VENV)/bin/duidu

test: deps venv
	QT_QPA_PLATFORM=offscreen $(VENV)/bin/python -m pytest $(PYTEST_XDIST) $(PYTEST_ARGS)

# The suite three times in a row (each in a new random order) while two CPU-bound processes
# compete for the CPUs, as on a busy 2-core CI machine: no test may depend on speed or order.
test-under-load: deps venv
	@$(PYTHON) -c 'while 1: pass' & one=$$!; \
	$(PYTHON) -c 'while 1: pass' & two=$$!; \
	trap 'kill $$one $$two 2>/dev/null' EXIT INT TERM; \
	for n in 1 2 3; do \
		echo "test-under-load: run $$n of 3 (two busy loops running: $$one $$two)"; \
		QT_QPA_PLATFORM=offscreen $(VENV)/bin/python -m pytest $(PYTEST_XDIST) $(PYTEST_ARGS) || exit 1; \
	done; \
	echo "test-under-load: three runs passed"

# The one-folder PyInstaller bundle (packaging/duidu.spec): dist/duidu/duidu and dist/duidu/_internal/.
BUNDLE_STAMP := $(VENV)/.bundle-stamp

$(BUNDLE_STAMP): pyproject.toml $(STAMP)
	$(VENV)/bin/pip install -q -e '.[test,bundle]'
	touch $@

bundle: deps venv $(BUNDLE_STAMP)
	$(VENV)/bin/pyinstaller --noconfirm --clean --log-level WARN \
		--distpath dist --workpath build/pyinstaller packaging/duidu.spec
	@echo "bundle: dist/duidu/ $$(du -sh dist/duidu | cut -f1)"

# Build, then run the bundle with a clean environment (no venv, empty HOME, a new library).
bundle-test: bundle
	bash packaging/check_bundle.sh dist/duidu/duidu

# Every benchmark runs even when one is over its target (each exits 1 then); make reports it at the end.
BENCHMARKS := run conformance quality engine ui similar sigkill write_lock report formats furniture metadata hostile reuse import_speed region_view

bench: venv
	@failed=""; for b in $(BENCHMARKS); do \
		$(VENV)/bin/python benchmarks/$$b.py || failed="$$failed $$b"; \
	done; \
	if [ -n "$$failed" ]; then echo "bench: over target or failed:$$failed"; exit 1; fi

clean:
	rm -rf $(VENV) build dist .pytest_cache duidu.egg-info
	find . -name __pycache__ -type d -prune -exec rm -rf {} +
