# The two commands a fresh machine needs: `make run` and `make test`.
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
PIP := $(PY) -m pip --disable-pip-version-check -q

.PHONY: run test bench install install-test install-bench build map lock clean

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

# The world map of /map, drawn at build time from Natural Earth's boundaries (npm: world-atlas) into the
# server's static files; never fetched at run time. Needs Node.js and npm (on the machine, or apt-get
# install nodejs npm).
MAP := src/yntymaq/web/static/world.json
$(MAP): web-assets/build-map.mjs web-assets/package.json web-assets/package-lock.json
	cd web-assets && npm ci --no-audit --no-fund --loglevel=error
	node web-assets/build-map.mjs $@

map: $(MAP)
install: $(VENV)/.installed $(MAP)
install-test: $(VENV)/.installed-test $(MAP)
install-bench: $(VENV)/.installed-bench $(MAP)

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
	rm -rf $(VENV) build dist src/*.egg-info web-assets/node_modules $(MAP)
