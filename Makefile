# SPDX-License-Identifier: GPL-2.0
#
# dmactl top level.  `make` builds the modules and the CLI; `make check`
# runs every test (on a machine that cannot load modules, in a QEMU VM);
# `make demo`, `make bench` and `make plots` run and draw the benchmarks.

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

# Every test on Debian's stock kernel: checkpatch, W=1 and sparse builds,
# the CLI unit tests, the man pages and the VM suite.  The last line says
# "N passed, N failed, N skipped".
check:
	scripts/check.sh --kernel stock

# The VM suite on Debian's real-time kernel, or on a debug kernel (KASAN,
# lockdep, kmemleak, DMA-API debugging) built from Debian's linux-source
# and cached outside the repository; check-all runs all three kernels.
check-rt check-debug:
	scripts/check.sh --kernel $(@:check-%=%)

check-all:
	scripts/check.sh

# The VM suite on each Debian kernel from 5.10 to unstable's, each built
# with its own compiler (in a root of its suite where the host cannot run
# it): bullseye-5.10 bookworm-6.1 bookworm-6.12 trixie-6.12 sid, or those
# of KERNELS="...".  Their packages are fetched into /var/cache/dmactl/
# kernels; a line per kernel, then "N passed, N failed, N skipped".
check-kernels:
	scripts/kernels/check.sh $(KERNELS)

# What CI runs (.ci/run: check, check-arm, check-debug, check-kernels on
# two kernels), in a bare Debian root made anew with mmdebstrap, as on a
# machine that never had any of the packages; root.  Run it before every
# change to scripts/, this Makefile or the dependencies.
check-fresh:
	scripts/check-fresh.sh

# The VM suite on two emulated ARM boards, each running Debian's own
# kernel and its upstream DMA driver on the board's controller: raspi3b
# (arm64, bcm2835-dma) and smdkc210 (armhf, pl330).  check-arm ends with
# "N passed, N failed, N skipped"; bench-arm writes dmactl against
# dmatest on each board to results/arm-BOARD-memcpy-vs-dmatest.csv.
deps-arm:
	scripts/arm/deps.sh

check-arm:
	scripts/arm/check.sh

bench-arm: deps-arm
	scripts/arm/bench.sh raspi3b
	scripts/arm/bench.sh smdkc210

# From a fresh Debian 12 (root): install the dependencies, build, boot the
# VM with vdma's timing model on, run the burst/width and size sweeps and
# write their CSV, JSON and plots to results/ (scripts/demo.sh).
demo:
	scripts/demo.sh

# The regression suite in the VM, compared with the newest committed
# reference run in results/; the files go to .build/bench/.
bench: deps
	mkdir -p .build/bench
	scripts/bench/run-vm.sh -o .build/bench -b auto regression

# Redraw the plots of the runs committed in results/.
plots:
	scripts/bench/plot.sh $$(grep -l '^# suite: ' results/*.csv)

install: all
	$(MAKE) -C kmod KDIR=$(KDIR) modules_install
	install -D -m 755 cli/dmactl $(DESTDIR)$(PREFIX)/bin/dmactl
	install -D -m 644 cli/dmactl.bash \
		$(DESTDIR)$(PREFIX)/share/bash-completion/completions/dmactl
	for f in man/*.[1-9]; do \
		[ -f "$$f" ] || continue; \
		install -D -m 644 "$$f" \
			"$(DESTDIR)$(MANDIR)/man$${f##*.}/$${f##*/}"; \
	done

clean:
	$(MAKE) -C cli clean
	-$(MAKE) -C kmod KDIR=$(KDIR) clean
	rm -rf .build

.PHONY: all kmod cli deps check check-rt check-debug check-all check-kernels check-fresh demo bench \
	plots install clean deps-arm check-arm bench-arm
