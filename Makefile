# Mitra — see README.md. The two commands: `make run` and `make test`.
SHELL := /bin/bash
.DEFAULT_GOAL := help

# Rasa 3.6 needs Python 3.10: use python3.10 from PATH if it runs, else pyenv's.
PYTHON310 ?= $(shell for p in python3.10 $$HOME/.pyenv/versions/3.10.*/bin/python3.10 /usr/bin/python3.10; do \
	  $$p -c 'import sys; assert sys.version_info[:2] == (3, 10)' >/dev/null 2>&1 && { echo $$p; break; }; done)
VENV := .venv
PY := $(VENV)/bin/python
RASA := RASA_TELEMETRY_ENABLED=false TF_CPP_MIN_LOG_LEVEL=2 $(VENV)/bin/rasa
MODEL := models/mitra.tar.gz
DATA := bot/data build/data
# Everything a trained model depends on: retrain only when one of these changed.
TRAIN_INPUTS := config.yml domain.yml $(shell find bot/data bot/nlu -type f \( -name '*.yml' -o -name '*.py' \) 2>/dev/null)

export RASA_TELEMETRY_ENABLED=false

.PHONY: help run chat test train content content-check content-report eval crossval bench retention install web clean

help:
	@echo "make run    start Mitra (web chat, REST API) on this machine; Ctrl-C stops it"
	@echo "make test   run the whole test suite"
	@echo "more: make train | chat | content-check | content-report | eval | crossval | bench | clean"

install: $(VENV)/.installed

$(VENV)/.installed: pyproject.toml constraints.txt
	@if [ -z "$(PYTHON310)" ]; then \
	  echo "Mitra needs Python 3.10 (Rasa 3.6 does not run on newer Pythons)."; \
	  echo "Install it, e.g. 'pyenv install 3.10.13' or 'apt-get install python3.10 python3.10-venv',"; \
	  echo "or point to it: make PYTHON310=/path/to/python3.10 ..."; exit 1; fi
	@test -x $(PY) || $(PYTHON310) -m venv $(VENV)
	$(PY) -m pip install --quiet --disable-pip-version-check -c constraints.txt pip setuptools wheel
	$(PY) -m pip install --quiet --disable-pip-version-check -c constraints.txt -e '.[dev]'
	@touch $@

# The web chat's socket.io client, pinned in web/package-lock.json (web/node_modules is git-ignored).
web: web/node_modules/.package-lock.json

web/node_modules/.package-lock.json: web/package.json web/package-lock.json
	@command -v npm >/dev/null || { echo "The web chat needs npm (e.g. apt-get install npm)."; exit 1; }
	npm ci --prefix web --no-audit --no-fund
	@touch $@

# Compile content/ into training data (only files whose text changed are rewritten).
content: install
	@$(PY) -m bot.content compile

content-check: install
	@$(PY) -m bot.content check

content-report: install
	@$(PY) -m bot.content report --html build/content-report.html
	@echo "HTML report: build/content-report.html"

train: content
	@$(MAKE) --no-print-directory $(MODEL)

$(MODEL): $(TRAIN_INPUTS) build/data/nlu/content.yml build/data/rules/topics.yml
	$(RASA) train --data $(DATA) --domain domain.yml --config config.yml \
	  --out models --fixed-model-name mitra
	@touch $@

run: content-check train web
	@$(PY) -m bot.servers

chat: train
	@echo "Starting the action server; type /stop to leave the chat."
	@mkdir -p var; $(RASA) run actions --actions bot.actions > var/actions-chat.log 2>&1 & pid=$$!; \
	  trap "kill $$pid 2>/dev/null" EXIT INT TERM HUP; sleep 8; \
	  $(RASA) shell --model $(MODEL) --endpoints endpoints.yml

test: content-check train web
	$(RASA) data validate --data $(DATA) --domain domain.yml --config config.yml --fail-on-warnings
	$(PY) -m pytest
	$(RASA) test core --stories tests/stories --model $(MODEL) --out results/core \
	  --fail-on-prediction-errors

# NLU quality on held-out questions (tests/nlu/heldout), per language, with two
# baselines; report in results/eval/ (report.md, report.json, confusion.png).
eval: train
	$(PY) scripts/eval.py

# For example writers: each training example predicted by a model trained on the
# others (no held-out questions involved). ONLY=ne for one language: a minute or two instead of much longer.
crossval: install
	$(PY) scripts/crossval.py $(if $(ONLY),--language $(ONLY))

# Training time, server start time, memory and reply latency (results/bench/).
# FRESH=1 also times a fresh clone to the first reply of `make run`.
bench: content
	$(PY) scripts/bench.py $(if $(FRESH),--fresh)

# Delete conversations with no message for DAYS days (default 30); run it daily.
retention: install
	$(PY) -m bot.privacy.retention --days $(or $(DAYS),30)

clean:
	rm -rf build models results var
