# mailrobot — the shop's e-mail robot.
#
# Targets:
#   make deps    install the Debian packages the project needs (apt-get; as root or with sudo)
#   make build   debug build of both binaries and the tests (warnings are errors)
#   make run     deps + build (quiet: the log in run/build.log, shown on failure), initialise data/,
#                create an admin, start the FastCGI server, nginx on 127.0.0.1:$(PORT) and the
#                sender every minute; prints URL, login, the commands' path and the logs
#   make test    deps + format check + build + unit tests + integration tests (nginx, SMTP, Chromium)
#   make bench   release build + benchmarks, each printed as a ratio against a baseline
#   make deb     release build + the Debian package .build/deb/mailrobot_<version>_amd64.deb (dpkg-deb)
#   make test-deb  the package installed, upgraded, removed and purged in a throw-away Debian 12 root
#                (debootstrap, cached in .build/deb-test; as root), and lintian's report
#   make tsan    the group commit and pool tests under ThreadSanitizer (own build in .build-tsan)
#   make fuzz    each libFuzzer target for FUZZ_SECONDS (corpus in Tests/Fuzz/Corpus; build in .build-fuzz)
#   make format  format the Swift sources (swift format, SwiftNIO's style)
#   make lint    check the formatting without changing anything
#   make clean   remove build output and run/ state (data/ is kept)

SHELL := /bin/bash
PORT ?= 8080
PYTHON := /usr/bin/python3
SWIFT_BUILD_FLAGS ?=
FUZZ_SECONDS ?= 60
FUZZ_TARGETS ?=
TSAN_TESTS := GroupCommitTests|DatabasePoolTests

# Debian packages: libraries and tools for building, running and testing.
DEPS_RUN := pkg-config libfcgi-dev libsqlite3-dev libcurl4-openssl-dev libxlsxwriter-dev nginx openssl ca-certificates
DEPS_TEST := $(DEPS_RUN) libfcgi-bin python3-aiosmtpd python3-pytest python3-selenium python3-openpyxl chromium chromium-driver sqlite3 unzip python3-dnslib python3-prometheus-client php-cli php-curl
DEPS_BENCH := $(DEPS_TEST) postfix wrk hyperfine python3-xlsxwriter
DEPS_DEB := $(DEPS_TEST) dpkg-dev binutils lintian debootstrap ssl-cert

# The package's version: the first entry of its changelog (read when a recipe needs it).
DEB_VERSION = $(shell dpkg-parsechangelog -l deploy/debian/changelog -S Version)
# The package test upgrades from this commit's build (schema 4, before the package existed) to this tree.
PREVIOUS_RELEASE ?= 4c1c97d

.PHONY: deps deps-run deps-bench deps-deb build build-release run test test-unit test-integration bench deb test-deb \
	format lint clean tsan fuzz

deps:
	@scripts/install-deps.sh $(DEPS_TEST)

deps-run:
	@scripts/install-deps.sh $(DEPS_RUN)

deps-bench:
	@scripts/install-deps.sh $(DEPS_BENCH)

deps-deb:
	@scripts/install-deps.sh $(DEPS_DEB)

build:
	swift build --build-tests $(SWIFT_BUILD_FLAGS)

build-release:
	swift build -c release --static-swift-stdlib $(SWIFT_BUILD_FLAGS)

run: deps-run
	@scripts/build-quiet.sh run/build.log $(SWIFT_BUILD_FLAGS)
	@scripts/run-panel.sh $(PORT)

test: deps lint build
	swift test --skip-build
	$(PYTHON) -m pytest -q -p no:cacheprovider Tests/Integration

test-unit: build
	swift test --skip-build

test-integration: build
	$(PYTHON) -m pytest -q -p no:cacheprovider Tests/Integration

# ThreadSanitizer needs its own build of everything; halt_on_error makes any report fail the run.
tsan:
	swift build --build-tests --sanitize=thread --scratch-path .build-tsan $(SWIFT_BUILD_FLAGS)
	TSAN_OPTIONS=halt_on_error=1 swift test --skip-build --sanitize=thread --scratch-path .build-tsan \
		--filter '$(TSAN_TESTS)'

fuzz:
	scripts/fuzz.sh $(FUZZ_SECONDS) $(FUZZ_TARGETS)

bench: deps-bench build-release
	$(PYTHON) Benchmarks/run.py

deb: deps-deb build-release
	swift build --product generate-manual $(SWIFT_BUILD_FLAGS)
	scripts/build-deb.sh --manual-tool "$$(swift build --show-bin-path)/generate-manual"

test-deb: deb
	scripts/previous-release.sh $(PREVIOUS_RELEASE) .build/deb-test/previous "$$(swift build --show-bin-path)/generate-manual"
	scripts/build-deb.sh --version "$(DEB_VERSION)+1" \
		--manual-tool "$$(swift build --show-bin-path)/generate-manual" --out .build/deb-test/next --compression gzip
	lintian --pedantic --fail-on error .build/deb/mailrobot_$(DEB_VERSION)_amd64.deb >.build/deb/lintian.txt || \
		{ cat .build/deb/lintian.txt; exit 1; }
	@echo "lintian (also in .build/deb/lintian.txt):"; cat .build/deb/lintian.txt
	MAILROBOT_DEB_TEST=1 $(PYTHON) -m pytest -q -p no:cacheprovider Tests/Integration/test_deb.py

format:
	swift format -i -r Sources Tests Package.swift

lint:
	swift format lint --strict -r Sources Tests Package.swift

clean:
	rm -rf .build .build-tsan .build-fuzz run
