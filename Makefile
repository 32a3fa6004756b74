# The two commands a newcomer needs: `make run` and `make test`. Everything else is a chore.
PYTHON ?= python3.11
VENV := .venv
BIN := $(VENV)/bin
PORT ?= 8000
WORKERS ?= 2
export PYTHONDONTWRITEBYTECODE := 1

.PHONY: run serve test test-fast test-e2e lint format messages assets install install-dev chromium benchmark clean

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip

$(VENV)/.installed: pyproject.toml | $(BIN)/python
	$(BIN)/pip install --quiet -e .
	touch $@

$(VENV)/.installed-dev: pyproject.toml $(VENV)/.installed
	$(BIN)/pip install --quiet -e '.[dev]'
	touch $@

install: $(VENV)/.installed
install-dev: $(VENV)/.installed-dev

# Front-end libraries come from the npm registry (package-lock.json) and are copied next to
# our own static files; none of them is kept in the repository.
node_modules/.package-lock.json: package.json package-lock.json
	npm ci --no-audit --no-fund --loglevel=error
	touch $@

static/vendor/.built: node_modules/.package-lock.json
	mkdir -p static/vendor/htmx static/vendor/chart.js static/vendor/cytoscape static/vendor/pico
	cp node_modules/htmx.org/dist/htmx.min.js static/vendor/htmx/
	cp node_modules/chart.js/dist/chart.umd.min.js node_modules/chart.js/dist/chart.umd.min.js.map static/vendor/chart.js/
	cp node_modules/cytoscape/dist/cytoscape.min.js static/vendor/cytoscape/
	cp node_modules/@picocss/pico/css/pico.min.css static/vendor/pico/
	touch $@

assets: static/vendor/.built

run: install assets
	$(BIN)/cityimpact migrate --no-input
	$(BIN)/cityimpact load_demo
	$(BIN)/cityimpact load_sdg_demo
	$(BIN)/cityimpact load_handprint_demo
	$(BIN)/cityimpact load_campaigns_demo
	$(BIN)/cityimpact collectstatic --no-input --verbosity 0
	@echo "cityimpact is at http://127.0.0.1:$(PORT)/"
	$(BIN)/gunicorn config.wsgi:application --bind 127.0.0.1:$(PORT) --workers $(WORKERS) --access-logfile -

# Browser tests drive Debian's Chromium; install it when it is missing (root or sudo).
chromium:
	@command -v chromium >/dev/null 2>&1 || { \
	  SUDO=$$( [ "$$(id -u)" = 0 ] || echo sudo ); \
	  $$SUDO apt-get update -qq && DEBIAN_FRONTEND=noninteractive $$SUDO apt-get install -y -qq chromium >/dev/null; }

test: install-dev assets chromium
	$(BIN)/pytest -n 2 -p no:cacheprovider

test-fast: install-dev assets
	$(BIN)/pytest -m "not e2e" -x

test-e2e: install-dev assets chromium
	$(BIN)/pytest -m e2e

lint: install-dev
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/mypy cityimpact config
	$(BIN)/cityimpact makemigrations --check --dry-run

format: install-dev
	$(BIN)/ruff format .
	$(BIN)/ruff check --fix .

messages: install-dev
	$(BIN)/cityimpact makemessages --locale fi --locale sv --ignore '.venv/*' --ignore 'node_modules/*' --ignore 'var/*' --no-obsolete
	$(BIN)/cityimpact compilemessages --ignore '.venv/*' --ignore 'node_modules/*'

benchmark: install-dev assets
	$(BIN)/python benchmarks/web.py

clean:
	rm -rf $(VENV) node_modules static/vendor var/static
