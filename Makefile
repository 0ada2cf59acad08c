# SPDX-License-Identifier: GPL-2.0
#
# dmactl top level.  `make` builds the modules and the CLI; `make check`
# runs every test (on a machine that cannot load modules, in a QEMU VM).

KDIR ?= /lib/modules/$(shell uname -r)/build

all: kmod cli

kmod:
	$(MAKE) -C kmod KDIR=$(KDIR)

cli:
	$(MAKE) -C cli

clean:
	$(MAKE) -C cli clean
	-$(MAKE) -C kmod KDIR=$(KDIR) clean
	rm -rf .build

.PHONY: all kmod cli clean
