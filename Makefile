# GeoBlur: `make demo` runs the main job on bundled samples, `make test` runs every test.
# Both install what they need: Debian's QGIS (apt) and a venv with the pinned Python packages.

SHELL := /bin/bash
VENV ?= .venv
PY := $(VENV)/bin/python
SUDO := $(shell [ "$$(id -u)" = 0 ] || echo sudo)
APT_PACKAGES := qgis python3-qgis qgis-providers xvfb python3-pil
QGIS_PROCESS := /usr/bin/qgis_process.bin
export QT_QPA_PLATFORM := offscreen
export PYTHONDONTWRITEBYTECODE := 1

.PHONY: all system venv test test-unit test-qgis test-e2e demo bench package models translations screenshots styles clean

all: test

# Debian 12's QGIS 3.22 LTR (and Pillow, which the tests use to write CMYK and palette images); installed only when missing.
system:
	@if ! [ -x $(QGIS_PROCESS) ] || ! /usr/bin/python3 -c "import qgis.core, PIL" 2>/dev/null; then \
	  $(SUDO) apt-get update -qq && \
	  DEBIAN_FRONTEND=noninteractive $(SUDO) apt-get install -y -qq $(APT_PACKAGES) qgis-plugin-grass- ; \
	fi

# The venv sees Debian's qgis and numpy (--system-site-packages); pins come from requirements*.txt.
$(VENV)/.installed: requirements.txt requirements-dev.txt | system
	/usr/bin/python3 -m venv --system-site-packages $(VENV)
	$(PY) -m pip install -q --disable-pip-version-check -r requirements-dev.txt
	touch $@

venv: $(VENV)/.installed

test: venv
	$(PY) -m pytest -q -p no:cacheprovider tests

test-unit: venv
	$(PY) -m pytest -q -p no:cacheprovider tests/unit

test-qgis: venv
	$(PY) -m pytest -q -p no:cacheprovider tests/qgis

test-e2e: venv
	$(PY) -m pytest -q -p no:cacheprovider tests/e2e

demo: venv
	$(PY) scripts/demo.py

bench: venv
	$(PY) -m bench

# PACKAGE_DIR=... puts the zip elsewhere than dist/ (the end-to-end test does).
package: venv
	@command -v zip >/dev/null || command -v 7z >/dev/null || $(SUDO) apt-get install -y -qq zip
	$(PY) scripts/package.py --output $(or $(PACKAGE_DIR),dist)

models: venv
	$(PY) models/rebuild.py

# The README's screenshots, taken by the desktop review test under Xvfb.
screenshots: venv
	GEOBLUR_SCREENSHOTS=$(CURDIR)/docs/screenshots $(PY) -m pytest -q -p no:cacheprovider tests/e2e/test_review_desktop.py

# The QGIS styles the command line stores in its GeoPackages (core/cli/styles/), from qgis_support/styles.py.
styles: venv
	$(PY) scripts/styles.py

translations: venv
	$(PY) scripts/translations.py

clean:
	rm -rf $(VENV) build dist zip_build
