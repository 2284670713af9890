# Firebreak entry points. Both set up everything on a fresh machine: Node (system if >= 22,
# otherwise Node 24 into .toolchain/), Yarn 4 via corepack, and the locked dependencies.
#   make start   the demo portal: backend on :7007, frontend on :3000, data in .data/
#   make test    type-check, lint, every test (unit, SQLite + PostgreSQL, integration,
#                frontend, browser end-to-end)
#   make bench   alert ingestion, then the read and write paths at 100,000 incidents
#                (seeds firebreak_bench_incidents; results appended to docs/benchmarks.md)
SHELL := /bin/bash
TOOLCHAIN := . scripts/toolchain.sh &&
export BACKSTAGE_TEST_DATABASE_POSTGRES15_CONNECTION_STRING ?= postgresql://postgres@127.0.0.1:5432

.PHONY: start test setup services typecheck lint imports api-reports alerting unit e2e adopter bench clean

setup:
	@$(TOOLCHAIN) node --version && yarn --version && yarn install --immutable

start: setup
	@mkdir -p .data/sqlite
	@$(TOOLCHAIN) yarn start

services:
	@bash scripts/ensure-services.sh

typecheck: setup
	@$(TOOLCHAIN) yarn tsc

lint: setup
	@$(TOOLCHAIN) yarn lint && yarn prettier:check

# The backend's folders import one way (ARCHITECTURE.md) and no package has a file-level import
# cycle (madge); the fixture tests prove both checks bite.
imports: setup
	@$(TOOLCHAIN) node scripts/import-rules/check.mjs && \
	  yarn madge --circular --extensions ts,tsx --exclude '\.test\.tsx?$$' plugins/*/src packages/*/src && \
	  node --test scripts/import-rules/check.test.mjs

# The public API of every package matches its checked-in report (yarn build:api-reports to
# update them), and every package is publishable (no undeclared dependency, fields in order).
api-reports: setup
	@$(TOOLCHAIN) yarn build:api-reports --ci && yarn backstage-cli repo fix --publish --check

alerting:
	@$(TOOLCHAIN) bash scripts/test-alerting.sh

unit: setup services
	@$(TOOLCHAIN) CI=true yarn test

e2e: setup services
	@$(TOOLCHAIN) yarn test:e2e

# Packs the packages and installs them into a fresh Backstage app by the README's steps.
adopter: setup
	@$(TOOLCHAIN) yarn test:adopter

test: setup services
	@$(MAKE) --no-print-directory typecheck lint imports api-reports alerting unit e2e adopter

bench: setup services
	@$(TOOLCHAIN) yarn bench:alerts && yarn bench:scale

clean:
	rm -rf node_modules packages/*/node_modules plugins/*/node_modules packages/*/dist plugins/*/dist dist-types
