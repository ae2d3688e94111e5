/*
 * cap_token.h - packing and unpacking capability tokens.
 *
 * Layer: native IPC (pure; used by cap_table.c and, later, the IPC system
 * calls). A token is what user space holds: slot index, slot generation
 * and rights in one 64-bit value (the layout is in <freeport/ipc.h>). A
 * token proves nothing by itself: cap_lookup() compares every field with
 * the slot it names.
 */
#ifndef FREEPORT_IPC_CAP_TOKEN_H
#define FREEPORT_IPC_CAP_TOKEN_H

#include <stdbool.h>
#include <stdint.h>
#include "uapi/freeport/ipc.h"

static inline uint64_t cap_token_make(uint32_t slot, uint16_t generation, uint16_t rights)
{
    return (uint64_t)slot << IPC_CAP_SLOT_SHIFT | (uint64_t)generation << IPC_CAP_GENERATION_SHIFT |
           (uint64_t)rights << IPC_CAP_RIGHTS_SHIFT;
}

static inline uint32_t cap_token_slot(uint64_t token)
{
    return (uint32_t)(token >> IPC_CAP_SLOT_SHIFT);
}

static inline uint16_t cap_token_generation(uint64_t token)
{
    return (uint16_t)(token >> IPC_CAP_GENERATION_SHIFT);
}

static inline uint16_t cap_token_rights(uint64_t token)
{
    return (uint16_t)(token >> IPC_CAP_RIGHTS_SHIFT);
}

/* Slot and generation non-zero, no unknown right bits: could name a slot. */
static inline bool cap_token_well_formed(uint64_t token)
{
    return cap_token_slot(token) != 0 && cap_token_generation(token) != 0 &&
           (cap_token_rights(token) & ~IPC_RIGHTS_ALL) == 0;
}

/* True when `held` includes every right in `wanted`. */
static inline bool cap_rights_include(uint16_t held, uint16_t wanted)
{
    return (held & wanted) == wanted;
}

#endif
