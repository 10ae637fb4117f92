# The two commands a fresh machine needs: `make run` and `make test`.
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
PIP := $(PY) -m pip --disable-pip-version-check -q

.PHONY: run test bench install install-test install-bench build lock clean

$(PY):
	$(PYTHON) -m venv $(VENV)

$(VENV)/.installed: $(PY) pyproject.toml requirements.lock
	$(PIP) install -r requirements.lock
	$(PIP) install --no-deps -e .
	touch $@

$(VENV)/.installed-test: $(VENV)/.installed requirements-test.lock
	$(PIP) install -r requirements-test.lock
	touch $@

$(VENV)/.installed-bench: $(VENV)/.installed requirements-bench.lock
	$(PIP) install -r requirements-bench.lock
	touch $@

install: $(VENV)/.installed
install-test: $(VENV)/.installed-test
install-bench: $(VENV)/.installed-bench

build: install
	$(VENV)/bin/yntymaq build

run: install
	$(VENV)/bin/yntymaq serve --examples

# The Debian packages the tests need (chromium, postgresql): installed when missing and root can,
# else one line says what to install. SKIP_DEBIAN_PACKAGES=1 leaves the system alone.
test: install-test
	@[ -n "$(SKIP_DEBIAN_PACKAGES)" ] || scripts/ensure-debian-packages chromium postgresql
	$(PY) -m pytest

bench: install-bench
	$(PY) bench/run.py

# Re-pin the dependencies after changing pyproject.toml (needs uv on the PATH).
lock:
	uv pip compile pyproject.toml -q -o requirements.lock
	uv pip compile pyproject.toml -q --extra test -c requirements.lock -o requirements-test.lock
	uv pip compile pyproject.toml -q --extra bench -c requirements.lock -o requirements-bench.lock

clean:
	rm -rf $(VENV) build dist src/*.egg-info
