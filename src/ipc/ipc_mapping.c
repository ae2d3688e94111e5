/*
 * ipc_mapping.c - mapping IPC objects' frames into processes, and removing
 * them with the capability they were made through (see ipc_mapping.h).
 *
 * Layer: native IPC, on proc/user_memory.c.
 */
#include "ipc/ipc_mapping.h"
#include "ipc/cap_table.h"
#include "ipc/ipc_process.h"
#include "mm/heap.h"
#include "proc/process.h"
#include "proc/user_memory.h"
#include "uapi/freeport/abi.h"

static uint64_t last_shared_id;
static uint64_t live_mappings;

static uint64_t runs_length(const struct ipc_frame_run *runs, size_t run_count)
{
    uint64_t pages = 0;

    for (size_t index = 0; index < run_count; index++)
        pages += runs[index].count;
    return pages * PAGE_SIZE;
}

static size_t mappings_of(struct ipc_process *owner)
{
    size_t count = 0;

    list_for_each(node, &owner->mappings)
        count++;
    return count;
}

/* Map every run at consecutive addresses from `address`, all or none. */
static int map_runs(struct user_memory *memory, uintptr_t address, const struct ipc_frame_run *runs,
                    size_t run_count, unsigned protection, uint64_t shared_id)
{
    for (size_t index = 0; index < run_count; index++) {
        int error = user_memory_map_shared(memory, address, runs[index].frames, runs[index].count, protection,
                                           shared_id);
        if (error) {
            user_memory_unmap_shared(memory, shared_id);
            return error;
        }
        address += runs[index].count * PAGE_SIZE;
    }
    return 0;
}

int ipc_mapping_create(struct ipc_process *owner, struct capability *capability,
                       const struct ipc_frame_run *runs, size_t run_count, bool writable, uintptr_t *address)
{
    struct user_memory *memory = owner->process->memory;
    uint64_t length = runs_length(runs, run_count);
    unsigned protection = FP_PROT_READ | (writable ? FP_PROT_WRITE : 0);
    struct ipc_mapping *mapping;
    uintptr_t start;

    if (mappings_of(owner) >= IPC_MAPPINGS_PER_PROCESS)
        return -IPC_ERR_QUOTA;
    if (!memory || !(start = user_memory_find_free(memory, length)))
        return -IPC_ERR_NO_MEMORY;
    mapping = kmalloc(sizeof(*mapping));
    if (!mapping)
        return -IPC_ERR_NO_MEMORY;
    *mapping = (struct ipc_mapping){capability, ++last_shared_id, start, length, {NULL, NULL}};
    if (map_runs(memory, start, runs, run_count, protection, mapping->shared_id) < 0) {
        kfree(mapping);
        return -IPC_ERR_NO_MEMORY;
    }
    list_push_back(&owner->mappings, &mapping->link);
    live_mappings++;
    *address = start;
    return IPC_OK;
}

/* Unmap (if the pages are still this mapping's) and forget it. */
static void mapping_remove(struct ipc_process *owner, struct ipc_mapping *mapping)
{
    if (owner->process->memory)
        user_memory_unmap_shared(owner->process->memory, mapping->shared_id);
    list_remove(&mapping->link);
    kfree(mapping);
    live_mappings--;
}

int ipc_mapping_remove_at(struct ipc_process *owner, uintptr_t address, enum ipc_object_kind kind)
{
    list_for_each(node, &owner->mappings) {
        struct ipc_mapping *mapping = list_entry(node, struct ipc_mapping, link);
        if (mapping->address == address && mapping->capability->object->type->kind == kind) {
            mapping_remove(owner, mapping);
            return IPC_OK;
        }
    }
    return -IPC_ERR_INVALID_ARGUMENT;
}

void ipc_mapping_capability_closed(struct ipc_process *owner, struct capability *capability)
{
    list_for_each_safe(node, &owner->mappings) {
        struct ipc_mapping *mapping = list_entry(node, struct ipc_mapping, link);
        if (mapping->capability == capability)
            mapping_remove(owner, mapping);
    }
}

uint64_t ipc_mapping_count(void)
{
    return live_mappings;
}
