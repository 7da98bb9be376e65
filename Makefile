# grantfair — plain Makefile. `make help` lists the targets.

CC      ?= cc
CFLAGS  ?= -O2 -g
LDFLAGS ?=
# the project's own flags stay whatever CFLAGS/LDFLAGS the caller gives
ALL_CFLAGS = $(CFLAGS) -std=c11 -D_GNU_SOURCE -Wall -Wextra -Werror \
           -I/usr/include/ClearSilver -I/usr/include/mariadb -Icgi-bin/lib -Icgi-bin/grant \
           -D_FORTIFY_SOURCE=2 -fstack-protector-strong -fPIE
ALL_LDFLAGS = $(LDFLAGS) -pie -Wl,-z,relro,-z,now
LIBS     = -lfcgi -lneo_cgi -lneo_cs -lneo_utl -lz -lmariadb -lsodium -lcurl -lmagic -ljansson

B        = build
LIBSRC   = $(wildcard cgi-bin/lib/*.c)
GRSRC    = $(wildcard cgi-bin/grant/*.c)
LIBOBJ   = $(LIBSRC:cgi-bin/lib/%.c=$(B)/lib/%.o) $(GRSRC:cgi-bin/grant/%.c=$(B)/grant/%.o)
# web programs: one per form and per listing
PROGRAMS = home projects project ideas login logout cabinet register org \
           competition application app_section app_files my \
           reset account news
# other programs: the mail deliverer and the user admin command
TOOLS    = mailer gf-user gf-drafts
BINS     = $(PROGRAMS:%=$(B)/%) $(TOOLS:%=$(B)/%) $(B)/bench-baseline

PORT     ?= 8080
DEB_PKGS = build-essential pkg-config clearsilver-dev libfcgi-dev libmariadb-dev \
           libcurl4-openssl-dev libsodium-dev libmagic-dev check mariadb-server mariadb-client \
           nginx spawn-fcgi wrk python3-aiosmtpd python3-pytest python3-requests \
           python3-selenium chromium chromium-driver valgrind

.PHONY: all help deps run reset test unit-test asan valgrind bench bench-deadline check clean stop
# keep the object files between builds (they are intermediate to make)
.SECONDARY:

all: $(BINS)                      ## build every program into build/

help:                             ## list the targets
	@grep -E '^[a-z-]+:.*## ' Makefile | sed 's/:.*## /\t/' | expand -t 20

$(B)/lib/%.o: cgi-bin/lib/%.c cgi-bin/lib/gf.h
	@mkdir -p $(B)/lib
	$(CC) $(ALL_CFLAGS) -c -o $@ $<

$(B)/grant/%.o: cgi-bin/grant/%.c cgi-bin/lib/gf.h cgi-bin/grant/grant.h
	@mkdir -p $(B)/grant
	$(CC) $(ALL_CFLAGS) -c -o $@ $<

$(B)/%.o: cgi-bin/%.c cgi-bin/lib/gf.h cgi-bin/grant/grant.h
	@mkdir -p $(B)
	$(CC) $(ALL_CFLAGS) -c -o $@ $<

$(B)/%: $(B)/%.o $(LIBOBJ)
	$(CC) $(ALL_LDFLAGS) -o $@ $^ $(LIBS)


$(B)/bench-baseline: tests/bench/baseline.c
	$(CC) $(ALL_CFLAGS) $(ALL_LDFLAGS) -o $@ $< -lfcgi

deps:                             ## install missing Debian packages (apt-get)
	@missing=$$(for p in $(DEB_PKGS); do dpkg -s $$p >/dev/null 2>&1 || echo $$p; done); \
	if [ -n "$$missing" ]; then \
	  if [ "$$(id -u)" = 0 ]; then apt-get update && DEBIAN_FRONTEND=noninteractive apt-get install -y $$missing; \
	  else echo "Run as root: apt-get update && apt-get install -y $$missing"; exit 1; fi; \
	fi
	@command -v npm >/dev/null || DEBIAN_FRONTEND=noninteractive apt-get install -y npm
	@[ -f node_modules/axe-core/axe.min.js ] || npm install --no-save --no-audit --no-fund axe-core@4 >/dev/null

check:                            ## refuse SQL built at run time (prepared statements only)
	@! grep -nE 'mysql_(real_)?query|mysql_send_query' cgi-bin/*.c cgi-bin/lib/*.c || \
	  { echo "check: use gf_db_* prepared statements"; exit 1; }
	@! grep -nE 'printf *\([^;]*"[^"]*\b(SELECT|INSERT|UPDATE|DELETE)\b' cgi-bin/*.c cgi-bin/lib/*.c || \
	  { echo "check: SQL text built with printf"; exit 1; }
	@! grep -nE '(cgi_neo_error|cgi_display) *\(' cgi-bin/*.c cgi-bin/lib/*.c || \
	  { echo "check: cgi_neo_error/cgi_display bypass our error pages"; exit 1; }
	@echo "check: ok"

run: deps all                     ## start the whole local stack on http://127.0.0.1:$(PORT)/
	@conf/stack.sh run var $(PORT)

stop:                             ## stop a stack left running in var/
	@conf/stack.sh stop var

reset:                            ## stop and delete the local data (var/)
	@conf/stack.sh stop var; rm -rf var

test: deps all check              ## build and run every test layer (unit, HTTP, browser)
	@tests/run.sh

unit-test: $(B)/unit-tests        ## C unit tests only
	$(B)/unit-tests

$(B)/unit-tests: $(wildcard tests/unit/*.c) $(LIBOBJ)
	$(CC) $(ALL_CFLAGS) -Wno-sign-compare $(ALL_LDFLAGS) -o $@ $(wildcard tests/unit/*.c) $(LIBOBJ) $(LIBS) $$(pkg-config --libs check)

asan:                             ## build with AddressSanitizer + UBSan into build-asan/ and run the suite on it
	$(MAKE) B=build-asan CFLAGS="-O1 -g -fsanitize=address,undefined -fno-omit-frame-pointer" \
	  LDFLAGS="-fsanitize=address,undefined" all build-asan/unit-tests
	@GF_BUILD=build-asan tests/run.sh

valgrind: all $(B)/unit-tests     ## run the unit tests and the HTTP suite under valgrind
	@GF_VALGRIND=1 tests/run.sh

bench: all                        ## benchmarks at 100 000 projects against a baseline
	@tests/bench/bench.sh

bench-deadline: all               ## the deadline rush: N=200 NGOs submit at once (KILL_DB=1 kills MariaDB mid-burst)
	@tests/bench/deadline.sh

clean:                            ## remove build products
	rm -rf build build-asan
