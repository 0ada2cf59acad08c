# SPDX-License-Identifier: GPL-2.0
#
# dmactl top level.  `make` builds the modules and the CLI; `make check`
# runs every test (on a machine that cannot load modules, in a QEMU VM).

KDIR ?= /lib/modules/$(shell uname -r)/build
PREFIX ?= /usr/local
MANDIR ?= $(PREFIX)/share/man

all: kmod cli

kmod:
	$(MAKE) -C kmod KDIR=$(KDIR)

cli:
	$(MAKE) -C cli

# Debian packages the build and the VM need (root).
deps:
	scripts/deps.sh

# Every test; the last line says "N passed, N failed, N skipped".
check:
	scripts/check.sh

# A VM with vdma and dmactl loaded: discovery, then a verified memcpy run.
demo: deps
	scripts/vm.sh -- 'set -x; dmactl list; dmactl info dma0chan0; \
		dmactl memcpy -c dma0chan0 -s 64K -n 2000 -q 16'

install: all
	$(MAKE) -C kmod KDIR=$(KDIR) modules_install
	install -D -m 755 cli/dmactl $(DESTDIR)$(PREFIX)/bin/dmactl
	for f in man/*.[1-9]; do \
		[ -f "$$f" ] || continue; \
		install -D -m 644 "$$f" \
			"$(DESTDIR)$(MANDIR)/man$${f##*.}/$${f##*/}"; \
	done

clean:
	$(MAKE) -C cli clean
	-$(MAKE) -C kmod KDIR=$(KDIR) clean
	rm -rf .build

.PHONY: all kmod cli deps check demo install clean
