# SPDX-License-Identifier: GPL-2.0
#
# The abuse tests of the VM suite, linked statically for the guest's
# busybox initramfs: fuzz (the ioctl fuzzer), fuzz32 (the same through the
# compat ioctl path of a 64-bit kernel) and abuse (kill -9, close during
# wait, rmmod, fault injection).  scripts/build-guest.sh builds them into
# its own directory:
#   make -f kmod/tests/abuse.mk O=DIR [CC=...] [CFLAGS=...]

TESTS_DIR := $(dir $(lastword $(MAKEFILE_LIST)))
O ?= .
ifeq ($(origin CC),default)
CC := gcc
endif
CFLAGS ?= -O2 -g -Wall -Wextra -Wno-unused-parameter -Werror
CPPFLAGS += -I$(TESTS_DIR)../include/uapi
LDFLAGS += -static -pthread

DEPS := $(TESTS_DIR)abuse.h $(TESTS_DIR)abuse-util.c \
	$(TESTS_DIR)../include/uapi/linux/dmactl.h

all: $(O)/fuzz $(O)/fuzz32 $(O)/abuse

$(O)/fuzz: $(TESTS_DIR)fuzz.c $(DEPS)
	$(CC) $(CPPFLAGS) $(CFLAGS) -o $@ $< $(TESTS_DIR)abuse-util.c $(LDFLAGS)

$(O)/fuzz32: $(TESTS_DIR)fuzz.c $(DEPS)
	$(CC) -m32 $(CPPFLAGS) $(CFLAGS) -o $@ $< $(TESTS_DIR)abuse-util.c $(LDFLAGS)

$(O)/abuse: $(TESTS_DIR)abuse.c $(DEPS)
	$(CC) $(CPPFLAGS) $(CFLAGS) -o $@ $< $(TESTS_DIR)abuse-util.c $(LDFLAGS)

clean:
	rm -f $(O)/fuzz $(O)/fuzz32 $(O)/abuse

.PHONY: all clean
