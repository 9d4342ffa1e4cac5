# The two commands: `make run` (a running local service) and `make test` (the whole suite).
PYTHON ?= python3.11
VENV := .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed-$(shell cat requirements.txt requirements-dev.txt | cksum | cut -d' ' -f1)
STAGE ?= dev

CHROMEDRIVER := /usr/bin/chromedriver

.PHONY: run test soak model-soak bench package clean browser

$(STAMP): requirements.txt requirements-dev.txt
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --disable-pip-version-check -r requirements-dev.txt
	rm -f $(VENV)/.installed-* && touch $(STAMP)

run: $(STAMP)
	$(PY) -m infra.local up

# The seller console's browser test drives Debian's Chromium; a fresh machine (CI is one) installs it once.
browser: $(CHROMEDRIVER)

$(CHROMEDRIVER):
	apt-get update && DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends chromium chromium-driver

test: $(STAMP) $(CHROMEDRIVER)
	$(PY) -m pytest -n 2 --dist loadfile -q

# The reliability replay at full size (tests/reliability; `make test` replays 800 events): 3 runs of a month.
soak: $(STAMP)
	mkdir -p build
	CSBA_REPLAY_EVENTS=$${CSBA_REPLAY_EVENTS:-5000} CSBA_REPLAY_REPORT=build/soak.json \
		$(PY) -m pytest tests/reliability/test_replay_and_chaos.py -q -p no:cacheprovider
	cat build/soak.json

# The differential test against the reference model (tests/model) at depth; `make test` runs 4 examples.
model-soak: $(STAMP)
	CSBA_MODEL_EXAMPLES=$${CSBA_MODEL_EXAMPLES:-200} \
		$(PY) -m pytest tests/model/test_differential.py -q -p no:cacheprovider -p no:logging

bench: $(STAMP)
	$(PY) -m bench $(BENCH_ARGS)

package: $(STAMP)
	rm -rf build/$(STAGE)
	AWS_DEFAULT_REGION=$${AWS_DEFAULT_REGION:-us-east-1} $(VENV)/bin/chalice package --stage $(STAGE) \
		--merge-template infra/template.yaml --template-format yaml build/$(STAGE)
	$(VENV)/bin/cfn-lint build/$(STAGE)/sam.yaml

clean:
	rm -rf $(VENV) build .pytest_cache
