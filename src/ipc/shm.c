/*
 * shm.c - shared-memory regions (see shm.h).
 *
 * Layer: native IPC. Creating allocates every frame at once (zeroed: no
 * process may see another's old data), so mapping never fails for lack of
 * memory halfway and a region's cost is charged up front.
 */
#include "ipc/shm.h"
#include "ipc/cap_table.h"
#include "ipc/ipc_mapping.h"
#include "ipc/ipc_process.h"
#include "lib/string.h"
#include "mm/frame.h"
#include "mm/heap.h"
#include "mm/layout.h"
#include "proc/process.h"

static const struct ipc_object_type shm_region_type;

static struct shm_region *region_of_object(struct ipc_object *object)
{
    return (struct shm_region *)((char *)object - offsetof(struct shm_region, object));
}

static uint64_t pages_of(const struct shm_region *region)
{
    return region->size / PAGE_SIZE;
}

static void region_free(struct shm_region *region)
{
    for (uint64_t index = 0; region->frames && index < pages_of(region); index++)
        if (region->frames[index])
            frame_release(region->frames[index]);
    kfree(region->frames);
    ipc_quota_uncharge(&ipc_quota_system, &region->charge);
    kfree(region);
}

static int region_fill(struct shm_region *region)
{
    region->frames = kzalloc(pages_of(region) * sizeof(uint64_t));
    if (!region->frames)
        return -IPC_ERR_NO_MEMORY;
    for (uint64_t index = 0; index < pages_of(region); index++) {
        region->frames[index] = frame_alloc();
        if (!region->frames[index])
            return -IPC_ERR_NO_MEMORY;
        memset(PHYS_TO_VIRT(region->frames[index]), 0, PAGE_SIZE);
    }
    return IPC_OK;
}

int shm_create(struct ipc_process *creator, uint64_t size, struct shm_region **out)
{
    struct shm_region *region;
    int error;

    if (size == 0)
        return -IPC_ERR_INVALID_ARGUMENT;
    region = kzalloc(sizeof(*region));
    if (!region)
        return -IPC_ERR_NO_MEMORY;
    /* Whole pages; a size beyond every limit is charged as it is (and
     * refused), so the rounding cannot overflow. */
    region->size = size > IPC_QUOTA_BYTES_TOTAL ? size : PAGE_ROUND_UP(size);
    error = ipc_quota_charge(&ipc_quota_system, &creator->quota,
                             (struct ipc_quota_usage){.regions = 1, .bytes = region->size}, &region->charge);
    if (error) {
        kfree(region);
        return error;
    }
    error = region_fill(region);
    if (error) {
        region_free(region);
        return error;
    }
    ipc_object_init(&region->object, &shm_region_type);
    ipc_registry_add(&region->registry, &region->object, IPC_OBJECT_MEMORY_REGION,
                     (uint32_t)creator->process->pid);
    *out = region;
    return IPC_OK;
}

int shm_map(struct ipc_process *owner, struct capability *capability, uintptr_t *address)
{
    struct shm_region *region = region_of_object(capability->object);
    const struct ipc_frame_run run = {region->frames, pages_of(region)};

    return ipc_mapping_create(owner, capability, &run, 1, capability->rights & IPC_RIGHT_WRITE, address);
}

static void region_release(struct ipc_object *object)
{
    struct shm_region *region = region_of_object(object);

    ipc_registry_remove(&region->registry);
    region_free(region);
}

static const struct ipc_object_type shm_region_type = {
    .kind = IPC_OBJECT_MEMORY_REGION,
    .release = region_release,
};
