/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * dmactl: names of the ABI's enums and bits, as the user sees them.
 */
#ifndef DMACTL_NAMES_H
#define DMACTL_NAMES_H

#include <stddef.h>
#include <stdint.h>

/* "memcpy" for DMACTL_CAP_MEMCPY, "bit40" for a bit dmactl has no name for. */
const char *cap_name(unsigned int bit, char *buf, size_t len);
/* Capability names of @caps joined by ',', "-" for none. */
const char *caps_str(uint64_t caps, char *buf, size_t len);
const char *dir_name(unsigned int bit);	/* NULL if unknown */
const char *residue_name(uint32_t granularity);
const char *job_state_name(uint32_t state);
const char *job_result_name(uint32_t result);
const char *dma_status_name(uint32_t status);

#endif /* DMACTL_NAMES_H */
