# 乡治通 — every step installs what it needs first, so `make run` and `make test` work on a fresh
# Debian machine. Nothing here downloads anything but Debian, npm and Go module packages.

SHELL := /bin/bash
.SHELLFLAGS := -eu -o pipefail -c
GO ?= go
VERSION ?= 0.1.0
LDFLAGS := -X xiangzhi/app.Version=$(VERSION)
WAILS := build/bin/wails
DEV_BIN := build/bin/xiangzhi-dev
APP_BIN := build/bin/xiangzhi
CLI_BIN := build/bin/xiangzhi-cli
COLD_FLOOR := build/bin/coldfloor
WIN_CLI := build/bin/xiangzhi-cli.exe
WIN_INSTALLER := build/bin/xiangzhi-amd64-installer.exe
# The Windows build is run under wine (make test): a 64-bit prefix under build/wine, made once.
WINE_DIR := build/wine
WINE_READY := $(WINE_DIR)/prefix/.ready
WINE_STUB := $(WINE_DIR)/bcryptprimitives.dll
WINE_RUN := build/windows/wine/wine-check.sh
DEMO_DB ?= build/demo/xiangzhi-demo.db
COUNTY_DB ?= build/demo/xiangzhi-county.db
TEST_OUT := test-results
FONT_DIR := backend/docs/fonts/embedded
FONTS_STAMP := $(FONT_DIR)/.subset
WORDS := backend/docs/words/dict/words.txt.br
# the data files the Go program embeds, made at build time
EMBEDDED := $(FONTS_STAMP) $(WORDS)
NOTO := build/fonts/node_modules/@expo-google-fonts
GO_PACKAGES := . ./app/... ./backend/...
# SQLite's FTS5 (the full-text search of cases) is compiled into go-sqlite3 only with this tag: every
# go command here carries it (GOFLAGS), and the commands that name their own tags add it.
SQLITE_TAGS := sqlite_fts5
export GOFLAGS := -tags=$(SQLITE_TAGS)
TEST_DATES := 2027-11-27 2027-01-31

APT_PACKAGES := gcc pkg-config libgtk-3-dev libwebkit2gtk-4.0-dev xvfb xauth imagemagick chromium \
	fonts-droid-fallback gcc-mingw-w64-x86-64 nsis file poppler-utils qpdf fonttools fonts-lxgw-wenkai \
	wine wine64 unzip fontconfig unicode-data python3-brotli libreoffice-writer-nogui syncthing

GO_SOURCES := $(shell find app backend -name '*.go' -o -name '*.sql') main.go go.mod go.sum $(EMBEDDED)
FRONTEND_SOURCES := $(shell find frontend/src -type f) frontend/index.html frontend/vite.config.ts \
	frontend/tsconfig.json frontend/eslint.config.js

.PHONY: help run test bench windows deps apt npm tools fonts words bindings frontend dev-binary app-binary cli \
	go-test faults soak fuzz-short fuzz frontend-test e2e smoke windows-check wine-prefix wine-selftest wine-installer demo-db county-db clean

help:
	@echo "make run     set up, build and start the app on a demo database"
	@echo "make test    set up and run every test (Go, frontend, end to end, Windows build)"
	@echo "make bench   print the benchmark figures as BENCH lines"
	@echo "make windows cross-build xiangzhi.exe, xiangzhi-cli.exe and the installer"
	@echo "make wine-selftest / wine-installer   run the Windows build under wine (part of make test)"

# ---- set-up -------------------------------------------------------------------------------------

deps: apt npm tools fonts words

apt:
	@missing=""; for p in $(APT_PACKAGES); do \
		dpkg-query -W -f='$${Status}' $$p 2>/dev/null | grep -q "install ok installed" || missing="$$missing $$p"; \
	done; \
	if [ -n "$$missing" ]; then \
		echo "apt: installing$$missing"; \
		sudo=""; [ "$$(id -u)" = 0 ] || sudo=sudo; \
		$$sudo apt-get update -qq; \
		DEBIAN_FRONTEND=noninteractive $$sudo apt-get install -y -qq --no-install-recommends $$missing; \
	fi

npm: frontend/node_modules/.installed
frontend/node_modules/.installed: frontend/package.json frontend/package-lock.json
	cd frontend && npm ci --no-audit --no-fund
	touch $@

# The Wails CLI lives in its own tools module (build/tools), pinned with a current golang.org/x/tools.
tools: $(WAILS)
$(WAILS): build/tools/go.mod build/tools/go.sum
	cd build/tools && $(GO) build -o ../bin/wails github.com/wailsapp/wails/v2/cmd/wails

# The PDF engine's embedded OFL fallback family, subset once to GBK and the 8,105 characters of
# 通用规范汉字表 (from Unihan's kTGH, Debian unicode-data) + punctuation, and compressed as WOFF2
# (the program embeds the .woff2 files, about 19 MB for four faces, and expands a face on first use):
# 小标宋 style = Noto Serif SC Bold, 仿宋 style = Noto Serif SC, 黑体 = Noto Sans SC Medium, 楷体 =
# LXGW WenKai (Debian). Windows system fonts are preferred at run time.
fonts: $(FONTS_STAMP)
$(FONTS_STAMP): build/fonts/subset.py build/fonts/package.json build/fonts/package-lock.json
	@$(MAKE) --no-print-directory apt
	cd build/fonts && npm ci --no-audit --no-fund
	/usr/bin/python3 build/fonts/subset.py $(FONT_DIR) \
		title=$(NOTO)/noto-serif-sc/700Bold/NotoSerifSC_700Bold.ttf \
		fang=$(NOTO)/noto-serif-sc/400Regular/NotoSerifSC_400Regular.ttf \
		hei=$(NOTO)/noto-sans-sc/500Medium/NotoSansSC_500Medium.ttf \
		kai=/usr/share/fonts/truetype/lxgw-wenkai/LXGWWenKai-Regular.ttf
	touch $@

# The word list titles are broken with (package backend/docs/words): the Han words of go-ego/gse's
# dictionary (Apache-2.0, from jieba's) seen at least 10 times, about 100,000, 450 KB compressed.
words: $(WORDS)
$(WORDS): build/words/main.go
	$(GO) run ./build/words $@

# ---- build --------------------------------------------------------------------------------------

bindings: frontend/wailsjs/.generated
frontend/wailsjs/.generated: $(WAILS) $(GO_SOURCES)
	mkdir -p frontend/dist && touch frontend/dist/.keep
	@# (wails generate module runs the app to read its bound methods: that run must open no database;
	@# it is given an empty data folder, which must still be empty after it)
	d=$$(mktemp -d) && XDG_DATA_HOME=$$d $(WAILS) generate module && rmdir $$d
	touch $@

# Type-check, lint and bundle the frontend.
frontend: frontend/dist/index.html
frontend/dist/index.html: frontend/node_modules/.installed frontend/wailsjs/.generated $(FRONTEND_SOURCES)
	cd frontend && npm run build

dev-binary: $(DEV_BIN)
$(DEV_BIN): apt frontend/dist/index.html $(GO_SOURCES)
	$(GO) build -tags dev,$(SQLITE_TAGS) -ldflags "$(LDFLAGS)" -o $@ .

app-binary: $(APP_BIN)
$(APP_BIN): apt $(WAILS) frontend/dist/index.html $(GO_SOURCES)
	$(WAILS) build -tags $(SQLITE_TAGS) -s -skipbindings -ldflags "$(LDFLAGS)" -o xiangzhi

cli: $(CLI_BIN)
$(CLI_BIN): $(GO_SOURCES)
	$(GO) build -ldflags "$(LDFLAGS)" -o $@ ./backend/cmd/xiangzhi-cli

# The township demo (12 villages, ~3,000 households, ~10,000 residents, a year of visits), made once.
demo-db: $(CLI_BIN)
	@if [ ! -f $(DEMO_DB) ]; then mkdir -p $(dir $(DEMO_DB)); \
		$(CLI_BIN) demo --db $(DEMO_DB) --scale township; fi

# The county demo (300 villages, ~100,000 households, ~340,000 residents, ~700 MB), made once for
# the figures; it is written to a temporary name and renamed, so an interrupted run leaves none.
county-db: $(CLI_BIN)
	@# (Closing the database folds its WAL into the file; the rename waits until it has.)
	@if [ ! -f $(COUNTY_DB) ]; then mkdir -p $(dir $(COUNTY_DB)); rm -f $(COUNTY_DB).partial*; \
		$(CLI_BIN) demo --db $(COUNTY_DB).partial --scale county || exit 1; \
		if [ -s $(COUNTY_DB).partial-wal ]; then echo "county-db: WAL left beside $(COUNTY_DB).partial"; exit 1; fi; \
		rm -f $(COUNTY_DB).partial-wal $(COUNTY_DB).partial-shm; mv $(COUNTY_DB).partial $(COUNTY_DB); fi

run: deps $(APP_BIN) demo-db
	@if [ -z "$${DISPLAY:-}$${WAYLAND_DISPLAY:-}" ]; then \
		echo "没有图形显示（DISPLAY 未设置）；在 Xvfb 中启动 / no display: starting under xvfb-run"; \
		xvfb-run -a -s "-screen 0 1400x900x24" $(APP_BIN) --db $(DEMO_DB); \
	else $(APP_BIN) --db $(DEMO_DB); fi

# ---- tests --------------------------------------------------------------------------------------

test: deps go-test faults fuzz-short frontend-test e2e smoke windows-check wine-selftest wine-installer
	@echo "make test: all checks passed"

# The fault-injection harness (backend/cmd/xiangzhi-cli/faults_linux_test.go): the command line killed
# with SIGKILL at random moments, KILLS times each during import, demo, issue and backup, and run on a
# small tmpfs that fills (mounted as root); the files checked after each. make soak kills more.
KILLS ?= 50
SOAK_KILLS ?= 500
faults: apt $(EMBEDDED)
	XIANGZHI_KILLS=$(KILLS) $(GO) test -count=1 -timeout 60m -run '^(TestKillAtRandom|TestFullDisk)$$' -v ./backend/cmd/xiangzhi-cli/
soak:
	$(MAKE) --no-print-directory faults KILLS=$(SOAK_KILLS)

# Fuzz targets over what comes in from outside: sheets (FuzzRead), documents' input (FuzzDecode) and
# bundles from other offices (FuzzOpen).
# make test runs each for a count of inputs (about 15 s each here), not a duration: Go 1.26's fuzz
# coordinator can fail a run whose -fuzztime ends while a worker is busy ("context deadline
# exceeded", golang/go#75804, fixed in Go 1.27) with nothing wrong, and a count has no deadline. New
# inputs are not shrunk (shrinking one sheet can take a worker 40 s); a failing input is still kept
# whole. make fuzz runs each for FUZZ_LONG.
FUZZ_TARGETS := ./backend/roster/sheet:FuzzRead ./backend/docs:FuzzDecode ./backend/store/bundle:FuzzOpen
FUZZ_SHORT := ./backend/roster/sheet:FuzzRead:12000x ./backend/docs:FuzzDecode:250000x ./backend/store/bundle:FuzzOpen:3000x
FUZZ_LONG ?= 10m
fuzz-short: apt $(EMBEDDED)
	for t in $(FUZZ_SHORT); do set -- $$(echo $$t | tr ':' ' '); \
		$(GO) test -run '^$$' -fuzz "^$$2$$" -fuzztime $$3 -fuzzminimizetime 0 "$$1" || exit 1; done
fuzz: apt $(EMBEDDED)
	for t in $(FUZZ_TARGETS); do $(GO) test -run '^$$' -fuzz "^$${t#*:}$$" -fuzztime $(FUZZ_LONG) "$${t%%:*}" || exit 1; done

go-test: apt $(EMBEDDED) frontend/dist/index.html
	$(GO) vet $(GO_PACKAGES)
	@unformatted=$$(gofmt -l app backend main.go); if [ -n "$$unformatted" ]; then echo "gofmt: $$unformatted"; exit 1; fi
	$(GO) test -race -count=1 $(GO_PACKAGES)
	@# No test may depend on the day it runs: the suite again on a day a year ahead and on a Sunday
	@# that is a Spring Festival make-up working day (storetest reads XIANGZHI_TEST_DATE).
	for day in $(TEST_DATES); do XIANGZHI_TEST_DATE=$$day $(GO) test -count=1 $(GO_PACKAGES); done

frontend-test: frontend/node_modules/.installed frontend/wailsjs/.generated
	cd frontend && npx vue-tsc --noEmit && npx eslint . && npx vitest run

e2e: $(DEV_BIN) $(CLI_BIN) npm
	mkdir -p $(TEST_OUT)
	cd frontend && XIANGZHI_DEV_BINARY=$(CURDIR)/$(DEV_BIN) XIANGZHI_CLI_BINARY=$(CURDIR)/$(CLI_BIN) \
		node --test --test-concurrency=1 e2e/*.e2e.mjs

# The production build (no dev tags) must start, embed its frontend and show its first screen.
smoke: $(APP_BIN) npm
	cd frontend && node e2e/coldstart.mjs --binary $(CURDIR)/$(APP_BIN) --runs 1

# The command line first: the installer (build/windows/installer/project.nsi) puts it beside the app.
windows: deps frontend/dist/index.html $(WIN_CLI)
	CGO_ENABLED=1 CC=x86_64-w64-mingw32-gcc $(WAILS) build -tags $(SQLITE_TAGS) -platform windows/amd64 -skipbindings -s -nsis \
		-ldflags "$(LDFLAGS)" -o xiangzhi.exe

$(WIN_CLI): $(GO_SOURCES) | apt
	CGO_ENABLED=1 CC=x86_64-w64-mingw32-gcc GOOS=windows GOARCH=amd64 \
		$(GO) build -ldflags "-s -w $(LDFLAGS)" -o $@ ./backend/cmd/xiangzhi-cli

# The installer is a 64-bit NSIS installer (Target amd64-unicode), which file(1) does not name.
windows-check: windows
	@for f in xiangzhi.exe:'PE32+ executable (GUI) x86-64' xiangzhi-cli.exe:'PE32+ executable (console) x86-64' \
		xiangzhi-amd64-installer.exe:'PE32+ executable (GUI) x86-64'; do \
		desc=$$(file -b build/bin/$${f%%:*}); echo "$${f%%:*}: $$desc"; \
		case "$$desc" in *"$${f#*:}"*) ;; *) echo "windows-check: $${f%%:*} is not a $${f#*:}"; exit 1;; esac; \
	done
	@grep -q NullsoftInst $(WIN_INSTALLER) || { echo "windows-check: $(WIN_INSTALLER) is not an NSIS installer"; exit 1; }
	grep -q 'MUI_LANGUAGE "SimpChinese"' build/windows/installer/project.nsi

# Go 1.24+ Windows programs need ProcessPrng from bcryptprimitives.dll, which Debian 12's wine 8 lacks:
# a stub DLL (RtlGenRandom underneath) goes into the prefix's system32. Test use only, never shipped.
$(WINE_STUB): build/windows/wine/bcryptprimitives.c build/windows/wine/bcryptprimitives.def | apt
	mkdir -p $(dir $@)
	x86_64-w64-mingw32-gcc -O2 -Wall -shared -s -nostdlib -Wl,--entry,DllMain -o $@ $^ -ladvapi32

# The wine prefix (headless: DISPLAY is unset; no Mono or Gecko), made again from scratch when the stub
# or the script changes or a previous attempt did not finish.
wine-prefix: $(WINE_READY)
$(WINE_READY): $(WINE_STUB) $(WINE_RUN) | apt
	$(WINE_RUN) prefix $(WINE_DIR) $(WINE_STUB)

# xiangzhi-cli.exe selftest under wine, in folders whose names have Chinese characters and spaces, with
# a fonts folder holding simkai.ttf: the 楷体 role must come from that file (Windows font discovery).
wine-selftest: $(WIN_CLI) $(WINE_READY)
	$(WINE_RUN) selftest $(WINE_DIR) $(WIN_CLI)

# The installer, silently under wine: per-user files and HKCU uninstall key, no HKLM; the uninstaller
# removes the program and keeps the data folder, and removes that too with /DELETEDATA.
wine-installer: windows $(WINE_READY)
	$(WINE_RUN) installer $(WINE_DIR) $(WIN_INSTALLER)

# ---- figures ------------------------------------------------------------------------------------

bench: deps $(APP_BIN) $(DEV_BIN) $(COLD_FLOOR) county-db windows
	XIANGZHI_COUNTY_DB=$(CURDIR)/$(COUNTY_DB) $(GO) test -run '^$$' -bench . -benchtime 1x -timeout 60m ./backend/... | tee $(TEST_OUT)-bench.txt | \
		awk '/^Benchmark/ { for (i = 3; i < NF; i++) if (index($$(i+1), "@")) { split($$(i+1), p, "@"); print "BENCH", p[1], $$i, p[2] } }'
	@# (the Windows installer, in millions of bytes; issue 12 keeps it at 30 or less)
	@echo "BENCH installer_mb $$(stat -c %s $(WIN_INSTALLER) | awk '{ printf "%.2f", $$1 / 1e6 }') MB"
	@# (each run beside one of an empty Wails window started the same way, the floor: the part of
	@# cold_start_ms no code of ours shortens; *_over_floor_ms is the app's time less the floor's, run
	@# for run, which this machine's drift from one minute to the next does not move)
	cd frontend && node e2e/coldstart.mjs --binary $(CURDIR)/$(APP_BIN) --runs 5 \
		--floor $(CURDIR)/$(COLD_FLOOR) --floor-name cold_start_floor_ms
	cd frontend && node e2e/coldstart.mjs --binary $(CURDIR)/$(APP_BIN) --runs 5 --db $(CURDIR)/$(COUNTY_DB) \
		--name cold_start_county_ms --floor $(CURDIR)/$(COLD_FLOOR)
	@# (the screens on the county database: a click or keystroke to its result on screen)
	cd frontend && node e2e/uibench.mjs --binary $(CURDIR)/$(DEV_BIN) --db $(CURDIR)/$(COUNTY_DB) --runs 5

$(COLD_FLOOR): apt build/coldfloor/main.go build/coldfloor/page/index.html
	$(GO) build -tags desktop,production -o $@ ./build/coldfloor

clean:
	rm -rf build/bin $(FONT_DIR)/*.ttf $(FONT_DIR)/*.br $(FONT_DIR)/*.woff2 $(FONT_DIR)/*.crc $(FONTS_STAMP) $(WORDS) frontend/dist frontend/wailsjs $(TEST_OUT) $(TEST_OUT)-bench.txt
