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

.PHONY: start test setup services typecheck lint imports alerting unit e2e bench clean

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

# The backend's folders import one way (ARCHITECTURE.md); the fixture test proves the check bites.
imports: setup
	@$(TOOLCHAIN) node scripts/import-rules/check.mjs && node --test scripts/import-rules/check.test.mjs

alerting:
	@$(TOOLCHAIN) bash scripts/test-alerting.sh

unit: setup services
	@$(TOOLCHAIN) CI=true yarn test

e2e: setup services
	@$(TOOLCHAIN) yarn test:e2e

test: setup services
	@$(MAKE) --no-print-directory typecheck lint imports alerting unit e2e

bench: setup services
	@$(TOOLCHAIN) yarn bench:alerts && yarn bench:scale

clean:
	rm -rf node_modules packages/*/node_modules plugins/*/node_modules packages/*/dist plugins/*/dist dist-types
