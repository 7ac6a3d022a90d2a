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
#   make format  format the Swift sources (swift format, SwiftNIO's style)
#   make lint    check the formatting without changing anything
#   make clean   remove build output and run/ state (data/ is kept)

SHELL := /bin/bash
PORT ?= 8080
PYTHON := /usr/bin/python3
SWIFT_BUILD_FLAGS ?=

# Debian packages: libraries and tools for building, running and testing.
DEPS_RUN := pkg-config libfcgi-dev libsqlite3-dev libcurl4-openssl-dev libxlsxwriter-dev nginx openssl ca-certificates
DEPS_TEST := $(DEPS_RUN) libfcgi-bin python3-aiosmtpd python3-pytest python3-selenium python3-openpyxl chromium chromium-driver sqlite3 unzip python3-dnslib
DEPS_BENCH := $(DEPS_TEST) postfix wrk hyperfine python3-xlsxwriter

.PHONY: deps deps-run deps-bench build build-release run test test-unit test-integration bench format lint clean

deps:
	@scripts/install-deps.sh $(DEPS_TEST)

deps-run:
	@scripts/install-deps.sh $(DEPS_RUN)

deps-bench:
	@scripts/install-deps.sh $(DEPS_BENCH)

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

bench: deps-bench build-release
	$(PYTHON) Benchmarks/run.py

format:
	swift format -i -r Sources Tests Package.swift

lint:
	swift format lint --strict -r Sources Tests Package.swift

clean:
	rm -rf .build run
