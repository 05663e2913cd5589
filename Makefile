# Gifhorn Integration Portal: `make run` serves the portal with demo content, `make test` runs every check.
# Both work on a fresh Debian 12 with python3, make and git (see README.md).

PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
RUN_ENV := DEBUG=1

.PHONY: run test bench venv lint messages clean

# --- virtual environment ------------------------------------------------------------------------------------
# Debian ships Python without venv/ensurepip; install python3-venv when we may (root), else say how.
$(BIN)/python:
	@if ! $(PYTHON) -c "import ensurepip, venv" >/dev/null 2>&1; then \
	  if [ "$$(id -u)" = "0" ]; then \
	    echo "Installiere python3-venv …"; apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq python3-venv; \
	  else \
	    echo ""; echo "Python kann noch keine virtuelle Umgebung anlegen. Bitte einmal ausführen:"; \
	    echo "    sudo apt-get install python3-venv"; echo ""; exit 1; \
	  fi; \
	fi
	rm -rf $(VENV)
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

$(VENV)/.installed-run: $(BIN)/python requirements.txt
	$(BIN)/pip install --quiet -r requirements.txt
	touch $@

$(VENV)/.installed-test: $(VENV)/.installed-run requirements-dev.txt
	$(BIN)/pip install --quiet -r requirements-dev.txt
	touch $@

venv: $(VENV)/.installed-run

# axe-core for the accessibility tests comes from npm; without npm the browser tests are skipped (and say so).
node_modules/.package-lock.json: package.json package-lock.json
	@if command -v npm >/dev/null 2>&1; then npm ci --no-audit --no-fund --loglevel=error; \
	else echo "npm fehlt: Browser- und Barrierefreiheitstests werden übersprungen."; fi

# --- the two commands ---------------------------------------------------------------------------------------
run: $(VENV)/.installed-run
	$(RUN_ENV) $(BIN)/python manage.py migrate --noinput
	$(RUN_ENV) $(BIN)/python manage.py load_demo_content
	$(RUN_ENV) $(BIN)/python manage.py create_demo_staff
	@echo "Das Portal läuft auf http://127.0.0.1:8000/ (Beenden mit Strg+C)."
	$(RUN_ENV) $(BIN)/python manage.py runserver 127.0.0.1:8000

test: $(VENV)/.installed-test
	@$(MAKE) --no-print-directory node_modules/.package-lock.json || true
	$(BIN)/ruff check .
	$(BIN)/python manage.py makemigrations --check --dry-run --settings=gifhorn_integration.settings_test
	$(BIN)/python -m pytest $(PYTEST_ARGS)

# Needs PostgreSQL: DATABASE_URL=postgres://… make bench. Writes docs/performance.md.
bench: $(VENV)/.installed-run
	@test -n "$$DATABASE_URL" || { echo "Bitte DATABASE_URL=postgres://… setzen (make bench braucht PostgreSQL)."; exit 1; }
	@command -v wrk >/dev/null 2>&1 || { [ "$$(id -u)" = "0" ] && apt-get install -y -qq wrk; } || { echo "Bitte: sudo apt-get install wrk"; exit 1; }
	$(RUN_ENV) $(BIN)/python manage.py migrate --noinput
	$(RUN_ENV) $(BIN)/python manage.py bench

# --- more ---------------------------------------------------------------------------------------------------
lint: $(VENV)/.installed-test
	$(BIN)/ruff check .

# Extract UI strings into locale/*/LC_MESSAGES/django.po (needs GNU gettext) and compile them.
messages: $(VENV)/.installed-run
	$(RUN_ENV) $(BIN)/python manage.py makemessages --all --no-location --no-obsolete -i node_modules -i .venv -i staticfiles
	$(RUN_ENV) $(BIN)/python manage.py compile_catalogues

clean:
	rm -rf $(VENV) node_modules staticfiles .pytest_cache .ruff_cache test-artifacts
