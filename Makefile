# The two commands: `make run` (a running local service) and `make test` (the whole suite).
# Python 3.13, the Lambda runtime: chalice packages for the interpreter it runs on (python3.13 in the template).
# Under pyenv, whose python3.13 shim refuses while another version is selected, the interpreter itself.
PYTHON ?= $(or $(lastword $(wildcard $(HOME)/.pyenv/versions/3.13*/bin/python3.13)),python3.13)
VENV := .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed-$(shell cat requirements.txt requirements-dev.txt | cksum | cut -d' ' -f1)
CHECKOV := .venv-checkov/bin/checkov
STAGE ?= dev

CHROMEDRIVER := /usr/bin/chromedriver

.PHONY: run test soak model-soak bench package deploy clean browser

$(STAMP): requirements.txt requirements-dev.txt
	$(PY) -c 'import sys; sys.exit(sys.version_info[:2] != (3, 13))' 2>/dev/null || { rm -rf $(VENV) && $(PYTHON) -m venv $(VENV); }
	$(PY) -m pip install --quiet --disable-pip-version-check -r requirements-dev.txt
	rm -f $(VENV)/.installed-* && touch $(STAMP)

run: $(STAMP)
	$(PY) -m infra.local up

# The seller console's browser test drives Debian's Chromium; a fresh machine (CI is one) installs it once.
browser: $(CHROMEDRIVER)

$(CHROMEDRIVER):
	apt-get update && DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends chromium chromium-driver

# checkov pins an older boto3 than requirements.txt: it lives in a venv of its own.
$(CHECKOV): requirements-checkov.txt
	rm -rf .venv-checkov && $(PYTHON) -m venv .venv-checkov
	.venv-checkov/bin/pip install --quiet --disable-pip-version-check -r requirements-checkov.txt
	touch $(CHECKOV)

test: $(STAMP) $(CHROMEDRIVER) $(CHECKOV)
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

# What AWS gets, in build/$(STAGE)/: sam.yaml (Stage pinned) and deployment.zip (with bytecode); then the IaC checks.
package: $(STAMP) $(CHECKOV)
	rm -rf build/$(STAGE)
	$(PY) -m infra.package $(STAGE)
	$(VENV)/bin/cfn-lint build/$(STAGE)/sam.yaml
	$(PY) -m infra.iac_checks build/$(STAGE)/sam.yaml

# The one way to ship a stage (README, Deploying): `make deploy STAGE=prod ARTIFACTS_BUCKET=... [ALARM_EMAIL=...]`.
# `chalice deploy` is refused (.chalice/deployed/<stage>.json): it would drop ReportBatchItemFailures and infra/.
deploy:
	@case "$(STAGE)" in dev|prod) ;; *) echo "make deploy: STAGE must be dev or prod" >&2; exit 2;; esac
	@test -n "$(ARTIFACTS_BUCKET)" || { echo "make deploy: ARTIFACTS_BUCKET=<S3 bucket for the code> is required" >&2; exit 2; }
	$(MAKE) package STAGE=$(STAGE)
	aws cloudformation package --template-file build/$(STAGE)/sam.yaml --s3-bucket $(ARTIFACTS_BUCKET) \
		--s3-prefix csba-$(STAGE) --output-template-file build/$(STAGE)/packaged.yaml
	aws cloudformation deploy --template-file build/$(STAGE)/packaged.yaml --stack-name csba-$(STAGE) \
		--capabilities CAPABILITY_IAM CAPABILITY_AUTO_EXPAND --parameter-overrides Stage=$(STAGE) --no-fail-on-empty-changeset
	@if [ -n "$(ALARM_EMAIL)" ]; then \
		aws sns subscribe --protocol email --notification-endpoint "$(ALARM_EMAIL)" --topic-arn "$$(aws cloudformation \
			describe-stacks --stack-name csba-$(STAGE) --output text \
			--query "Stacks[0].Outputs[?OutputKey=='AlarmsTopicArn'].OutputValue")"; \
	fi

clean:
	rm -rf $(VENV) .venv-checkov build .pytest_cache
