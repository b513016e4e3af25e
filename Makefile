# The index of everything runnable. On a fresh Debian 12 machine:
#   make demo   — install deps, build, run the main job end to end against phr-sandbox
#   make test   — install deps, build, run every test (what CI runs)
SWIFT ?= swift

.PHONY: all deps build release test demo bench crash hostile fuzz sanitize leak-scan deb sandbox docs install help

all: build

help:
	@grep -E '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | sed 's/:.*## /\t/'

deps: ## install Debian packages and Python test oracles (idempotent)
	bash scripts/install-deps

build: ## debug build of phr and phr-sandbox
	$(SWIFT) build

release: ## optimised build (benchmarks, demo)
	$(SWIFT) build -c release

test: deps ## build and run all tests (Swift Testing + end-to-end scripts)
	bash scripts/test

demo: deps ## sandbox up → the main job end to end → sandbox down
	bash scripts/demo

bench: deps release ## benchmarks with ratios against baselines (not part of test)
	bash benchmarks/run

crash: deps build ## kill -9 the heavy citizen's sync 200 times, then check the store (make test does 40)
	CRASH_ROUNDS=200 bash Tests/Scripts/30-sync-crash.sh

hostile: deps build ## sync/show/export under every sandbox fault at 3 probabilities (make test runs a sample)
	HOSTILE_FULL=1 bash Tests/Scripts/72-hostile-server.sh

fuzz: ## libFuzzer runs of the wire parsers, the card reader and the store cipher (FUZZ_SECONDS each, default 300)
	bash fuzz/run.sh $${FUZZ_SECONDS:-300}

sanitize: deps ## the Swift test suite under AddressSanitizer, the sync under ThreadSanitizer (CI: scripts/sanitize --short)
	bash scripts/sanitize

leak-scan: deps ## make demo, then look for PHR text, tokens, OTPs and CIDs outside the store and exports; file modes
	bash scripts/leak-scan

deb: deps ## a .deb of both binaries, man pages, completions, kiosk unit and example config in out/
	bash scripts/make-deb

sandbox: build ## run phr-sandbox in the foreground on port 8787
	.build/debug/phr-sandbox serve --port 8787

docs: ## regenerate man/ and completions/ from the commands
	bash scripts/gen-docs

PREFIX ?= /usr/local
install: release ## install phr, phr-sandbox, man pages and completions under PREFIX
	install -d $(DESTDIR)$(PREFIX)/bin $(DESTDIR)$(PREFIX)/share/man/man1 \
	  $(DESTDIR)$(PREFIX)/share/bash-completion/completions $(DESTDIR)$(PREFIX)/share/zsh/site-functions \
	  $(DESTDIR)$(PREFIX)/share/fish/vendor_completions.d
	install -m 0755 .build/release/phr .build/release/phr-sandbox $(DESTDIR)$(PREFIX)/bin/
	install -m 0644 man/*.1 $(DESTDIR)$(PREFIX)/share/man/man1/
	for c in phr phr-sandbox; do \
	  install -m 0644 completions/$$c.bash $(DESTDIR)$(PREFIX)/share/bash-completion/completions/$$c; \
	  install -m 0644 completions/$$c.zsh $(DESTDIR)$(PREFIX)/share/zsh/site-functions/_$$c; \
	  install -m 0644 completions/$$c.fish $(DESTDIR)$(PREFIX)/share/fish/vendor_completions.d/$$c.fish; \
	done
