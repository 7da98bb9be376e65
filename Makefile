# grantfair — plain Makefile. `make help` lists the targets.
#
# The programs are the lines of cgi-bin/MANIFEST: a web program NAME is
# cgi-bin/NAME.c, built into $(B)/NAME; the tools (pattern `-`) too. Each is
# linked with what it uses from two archives: $(B)/libgrant.a (cgi-bin/grant/,
# the grant domain) and $(B)/libgfkit.a (cgi-bin/lib/, the web kit).

PROGRAMS := $(shell conf/routes.sh programs)
TOOLS    := $(shell conf/routes.sh tools)

B = build
# make B=build-asan: the same build with AddressSanitizer and UBSan
ifeq ($(B),build-asan)
CFLAGS  ?= -O1 -g
SANITIZE = -fsanitize=address,undefined -fno-omit-frame-pointer
endif

# --- flags: the caller's CFLAGS, CPPFLAGS and LDFLAGS are kept; ours are added
CC      ?= cc
AR      ?= ar
CFLAGS  ?= -O2 -g
PKGS     = fcgi libmariadb libcurl libsodium libmagic jansson libcmark xlsxwriter pangocairo fontconfig vips
PKG_CFLAGS := $(shell pkg-config --cflags $(PKGS) 2>/dev/null)
PKG_LIBS   := $(shell pkg-config --libs $(PKGS) 2>/dev/null)
CHECK_CFLAGS := $(shell pkg-config --cflags check 2>/dev/null)
CHECK_LIBS   := $(shell pkg-config --libs check 2>/dev/null)
# ClearSilver ships no pkg-config file
CS_CFLAGS ?= -I/usr/include/ClearSilver
CS_LIBS   ?= -lneo_cgi -lneo_cs -lneo_utl -lz
# Snowball's libstemmer ships no pkg-config file either
STEM_LIBS ?= -lstemmer
# a caller's own -D_FORTIFY_SOURCE (=3, say) wins over ours
FORTIFY   = $(if $(findstring _FORTIFY_SOURCE,$(CPPFLAGS) $(CFLAGS)),,-D_FORTIFY_SOURCE=2)

# the kit (cgi-bin/lib) is compiled without the domain's headers: layers point one way
GRANT_INC    = -Icgi-bin/grant
ALL_CPPFLAGS = $(CPPFLAGS) -D_GNU_SOURCE $(FORTIFY) -Icgi-bin/lib $(GRANT_INC) \
               $(CS_CFLAGS) $(PKG_CFLAGS)
ALL_CFLAGS   = $(CFLAGS) -std=c11 -Wall -Wextra -Werror -fstack-protector-strong -fPIE $(SANITIZE)
ALL_LDFLAGS  = $(LDFLAGS) -pie -Wl,-z,relro,-z,now -Wl,--as-needed $(SANITIZE)
LIBS         = $(CS_LIBS) $(STEM_LIBS) $(PKG_LIBS)

# --- what is built
KIT_SRC   = $(wildcard cgi-bin/lib/*.c)
GRANT_SRC = $(wildcard cgi-bin/grant/*.c)
UNIT_SRC  = $(wildcard tests/unit/*.c)
KIT_OBJ   = $(KIT_SRC:cgi-bin/lib/%.c=$(B)/lib/%.o)
GRANT_OBJ = $(GRANT_SRC:cgi-bin/grant/%.c=$(B)/grant/%.o)
UNIT_OBJ  = $(UNIT_SRC:tests/unit/%.c=$(B)/unit/%.o)
BINS      = $(PROGRAMS:%=$(B)/%) $(TOOLS:%=$(B)/%)
ARCHIVES  = $(B)/libgrant.a $(B)/libgfkit.a

# --- where `make install` puts it (see README, "Installing")
PREFIX     = /usr/local
DESTDIR    =
CGIDIR     = $(PREFIX)/lib/grantfair/cgi-bin
SBINDIR    = $(PREFIX)/sbin
DATADIR    = $(PREFIX)/share/grantfair
EXAMPLEDIR = $(PREFIX)/share/doc/grantfair/examples

# --- Debian packages: what `make run` needs, and what `make test` adds
RUN_PKGS  = build-essential pkg-config clearsilver-dev libfcgi-dev libmariadb-dev \
            libcurl4-openssl-dev libsodium-dev libmagic-dev libjansson-dev libcmark-dev \
            libxlsxwriter-dev libpango1.0-dev libcairo2-dev fonts-dejavu-core \
            libstemmer-dev libvips-dev \
            mariadb-server mariadb-client mariadb-plugin-mroonga nginx spawn-fcgi python3-aiosmtpd curl iproute2
# fonts: Chromium only recommends them, and screenshots need Cyrillic glyphs
TEST_PKGS = check python3-pytest python3-requests python3-selenium chromium chromium-driver \
            fonts-liberation fonts-dejavu-core valgrind wrk poppler-utils
PORT ?= 8080

.PHONY: all help deps test-deps run stop reset test unit-test check asan valgrind \
        bench bench-deadline install uninstall clean FORCE
.DELETE_ON_ERROR:

EXAMPLES = $(B)/conf/apache/grantfair.conf $(B)/conf/apache/htaccess
all: $(BINS) $(EXAMPLES)                      ## build every program of cgi-bin/MANIFEST into build/

help:                             ## list the targets
	@grep -E '^[a-z-]+:.*## ' Makefile | sed 's/:.*## /\t/' | expand -t 20

# --- compiling: -MMD -MP record each object's headers in a .d file beside it;
# $(B)/.flags holds the flags and changes only when they do, so that a change
# of CFLAGS, CPPFLAGS or LDFLAGS rebuilds everything
$(B)/.flags: FORCE
	@pkg-config --exists $(PKGS) || { pkg-config --print-errors --exists $(PKGS); \
	  echo "missing libraries: make deps installs them"; exit 1; }
	@mkdir -p $(B)
	@echo '$(CC) $(ALL_CPPFLAGS) $(ALL_CFLAGS) $(ALL_LDFLAGS) $(LIBS)' | cmp -s - $@ || \
	  echo '$(CC) $(ALL_CPPFLAGS) $(ALL_CFLAGS) $(ALL_LDFLAGS) $(LIBS)' >$@

COMPILE = $(CC) $(ALL_CPPFLAGS) $(ALL_CFLAGS) -MMD -MP -c -o $@ $<

$(BINS:%=%.o): $(B)/%.o: cgi-bin/%.c $(B)/.flags
	$(COMPILE)
$(KIT_OBJ): GRANT_INC =
$(KIT_OBJ): $(B)/lib/%.o: cgi-bin/lib/%.c $(B)/.flags
	@mkdir -p $(@D)
	$(COMPILE)
$(GRANT_OBJ): $(B)/grant/%.o: cgi-bin/grant/%.c $(B)/.flags
	@mkdir -p $(@D)
	$(COMPILE)
$(UNIT_OBJ): $(B)/unit/%.o: tests/unit/%.c $(B)/.flags
	@mkdir -p $(@D)
	$(COMPILE) $(CHECK_CFLAGS) -Wno-sign-compare

-include $(wildcard $(B)/*.d $(B)/*/*.d)

# --- the two archives, then each program: its object, libgrant.a, libgfkit.a,
# then the system libraries (--as-needed keeps only the ones it uses)
$(B)/libgfkit.a: $(KIT_OBJ)
	@mkdir -p $(@D); rm -f $@
	$(AR) rcs $@ $^
$(B)/libgrant.a: $(GRANT_OBJ)
	@mkdir -p $(@D); rm -f $@
	$(AR) rcs $@ $^

$(BINS): $(B)/%: $(B)/%.o $(ARCHIVES)
	$(CC) $(ALL_LDFLAGS) -o $@ $< $(ARCHIVES) $(LIBS)

$(B)/unit-tests: $(UNIT_OBJ) $(ARCHIVES)
	$(CC) $(ALL_LDFLAGS) -o $@ $(UNIT_OBJ) $(ARCHIVES) $(LIBS) $(CHECK_LIBS)

$(B)/bench-baseline: tests/bench/baseline.c $(B)/.flags
	$(CC) $(ALL_CPPFLAGS) $(ALL_CFLAGS) $(ALL_LDFLAGS) -o $@ $< $(LIBS)

# --- checks
check: $(BINS)                    ## code rules (tests/codecheck.sh), programs declare the manifest's routes, no hand-listed routes
	@tests/codecheck.sh >/dev/null || tests/codecheck.sh
	@for p in $(PROGRAMS); do \
	  if [ "$$($(B)/$$p --describe | awk '$$1 == "route" { print $$2 }' | sort)" != \
	       "$$(conf/routes.sh patterns $$p | sort)" ]; then \
	    echo "check: $(B)/$$p --describe does not declare the routes cgi-bin/MANIFEST lists for it"; exit 1; fi; done
	@for f in $(wildcard cgi-bin/*.c); do n=$${f#cgi-bin/}; n=$${n%.c}; \
	  case " $(PROGRAMS) $(TOOLS) " in *" $$n "*) ;; *) echo "check: $$f has no line in cgi-bin/MANIFEST"; exit 1;; esac; done
	@conf/routes.sh check
	@echo "check: ok"

# the Apache and .htaccess examples with their routes from the manifest
$(B)/conf/apache/%: conf/apache/% cgi-bin/MANIFEST conf/routes.sh
	@mkdir -p $(@D)
	conf/routes.sh render $< >$@

# --- Debian packages (apt-get; as non-root, prints the command to run)
define apt_install
	@missing=$$(for p in $(1); do dpkg-query -W -f='$${Status}\n' $$p 2>/dev/null | \
	  grep -q 'ok installed' || echo $$p; done); \
	[ -z "$$missing" ] && exit 0; \
	cmd="apt-get update && DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends $$(echo $$missing)"; \
	if [ "$$(id -u)" != 0 ]; then echo "Run as root: $$cmd"; exit 1; fi; \
	echo "$$cmd"; sh -c "$$cmd"
endef

deps:                             ## install the Debian packages that build and run grantfair
	$(call apt_install,$(RUN_PKGS))

test-deps: deps                   ## install what the tests need too (Check, pytest, selenium, Chromium, valgrind, wrk, axe-core)
	$(call apt_install,$(TEST_PKGS))
	@command -v npm >/dev/null || { [ "$$(id -u)" = 0 ] && \
	  DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends npm; } || \
	  { echo "Run as root: apt-get install -y --no-install-recommends npm"; exit 1; }
	@[ -f node_modules/axe-core/axe.min.js ] || npm install --no-save --no-audit --no-fund axe-core@4 >/dev/null

# --- the local stack and the tests (sub-makes: packages first, then the build)
run:                              ## install what is missing, build, start the stack on http://127.0.0.1:8080/ (PORT=…)
	@$(MAKE) -s --no-print-directory deps
	@$(MAKE) --no-print-directory all
	@conf/stack.sh run var $(PORT)

stop:                             ## stop a stack left running in var/
	@conf/stack.sh stop var

reset:                            ## stop and delete the local data (var/)
	@conf/stack.sh stop var; rm -rf var

test:                             ## build and run every test layer (unit, HTTP, browser); ends "N passed, M failed"
	@$(MAKE) -s --no-print-directory test-deps
	@$(MAKE) --no-print-directory all check
	@tests/run.sh

unit-test: $(B)/unit-tests        ## C unit tests only
	$(B)/unit-tests

asan:                             ## build with AddressSanitizer + UBSan into build-asan/ and run the suite on it
	@$(MAKE) --no-print-directory B=build-asan all build-asan/unit-tests
	@GF_BUILD=build-asan tests/run.sh

valgrind: all $(B)/unit-tests     ## run the unit tests and the HTTP suite under valgrind
	@GF_VALGRIND=1 tests/run.sh

bench: all $(B)/bench-baseline    ## benchmarks at 100 000 projects against a baseline
	@tests/bench/bench.sh

bench-deadline: all               ## the deadline rush: N=200 NGOs submit at once (KILL_DB=1 kills MariaDB mid-burst)
	@tests/bench/deadline.sh

# --- installing (PREFIX=/usr/local, DESTDIR= for packaging)
install: all                      ## install programs, tools, templates, htdocs, schema and example configs under PREFIX
	install -d $(DESTDIR)$(CGIDIR) $(DESTDIR)$(SBINDIR) $(DESTDIR)$(DATADIR) \
	  $(DESTDIR)$(EXAMPLEDIR)/apache $(DESTDIR)$(EXAMPLEDIR)/systemd
	install -m 755 $(PROGRAMS:%=$(B)/%) $(DESTDIR)$(CGIDIR)
	for t in $(TOOLS); do install -m 755 $(B)/$$t $(DESTDIR)$(SBINDIR)/gf-$${t#gf-}; done
	rm -rf $(DESTDIR)$(DATADIR)/templates $(DESTDIR)$(DATADIR)/htdocs $(DESTDIR)$(DATADIR)/schema
	cp -R templates htdocs schema $(DESTDIR)$(DATADIR)
	sed 's|^Paths.Templates = .*|Paths.Templates = $(DATADIR)/templates|' conf/grantfair.hdf \
	  >$(DESTDIR)$(EXAMPLEDIR)/grantfair.hdf
	conf/routes.sh nginx /run/grantfair >$(DESTDIR)$(EXAMPLEDIR)/nginx-routes.conf
	install -m 644 conf/nginx.conf.in $(DESTDIR)$(EXAMPLEDIR)
	for f in apache/grantfair.conf apache/htaccess; do \
	  sed 's|/usr/local/|$(PREFIX)/|g' $(B)/conf/$$f >$(DESTDIR)$(EXAMPLEDIR)/$$f; done
	for f in systemd/grantfair@.service systemd/grantfair@.socket systemd/grantfair-mailer.service; do \
	  sed 's|/usr/local/|$(PREFIX)/|g' conf/$$f >$(DESTDIR)$(EXAMPLEDIR)/$$f; done

uninstall:                        ## remove what `make install` put under PREFIX
	rm -rf $(DESTDIR)$(PREFIX)/lib/grantfair $(DESTDIR)$(DATADIR) $(DESTDIR)$(PREFIX)/share/doc/grantfair
	for t in $(TOOLS); do rm -f $(DESTDIR)$(SBINDIR)/gf-$${t#gf-}; done

clean:                            ## remove build products
	rm -rf build build-asan
