/*
 * registry.c - the list of live IPC objects (see registry.h).
 *
 * Layer: native IPC (pure, host unit-tested). One list in id order: adding
 * appends (ids only grow), and a reader resumes after the last id it saw,
 * so an object created or released between two reads is simply seen or
 * not, never twice. A walk is O(objects), which is what listing them all
 * costs anyway.
 */
#include "ipc/registry.h"
#include "uapi/freeport/ipc.h"

/* User space sees an entry's kind as IPC_KIND_*. */
_Static_assert(IPC_OBJECT_PORT == IPC_KIND_PORT && IPC_OBJECT_CHANNEL_END == IPC_KIND_CHANNEL_END &&
                   IPC_OBJECT_MEMORY_REGION == IPC_KIND_MEMORY_REGION &&
                   IPC_OBJECT_BROADCAST == IPC_KIND_BROADCAST && IPC_OBJECT_WAITSET == IPC_KIND_WAITSET &&
                   IPC_OBJECT_STREAM == IPC_KIND_STREAM,
               "the object kinds are ABI");

static struct list_node live_objects = LIST_HEAD_INIT(live_objects);
static uint64_t last_id;

void ipc_registry_add(struct ipc_registry_entry *entry, struct ipc_object *object, enum ipc_object_kind kind,
                      uint32_t owner_pid)
{
    entry->id = ++last_id;
    entry->kind = kind;
    entry->owner_pid = owner_pid;
    entry->object = object;
    entry->counters = (struct ipc_counters){0};
    list_push_back(&live_objects, &entry->link);
}

void ipc_registry_remove(struct ipc_registry_entry *entry)
{
    list_remove(&entry->link);
    entry->id = 0;
}

struct ipc_registry_entry *ipc_registry_next(uint64_t after_id)
{
    list_for_each(link, &live_objects) {
        struct ipc_registry_entry *entry = list_entry(link, struct ipc_registry_entry, link);
        if (entry->id > after_id)
            return entry;
    }
    return NULL;
}

struct ipc_registry_entry *ipc_registry_find(uint64_t id)
{
    struct ipc_registry_entry *entry = ipc_registry_next(id - 1);

    return entry && entry->id == id ? entry : NULL;
}

struct ipc_registry_entry *ipc_registry_of(const struct ipc_object *object)
{
    list_for_each(link, &live_objects) {
        struct ipc_registry_entry *entry = list_entry(link, struct ipc_registry_entry, link);
        if (entry->object == object)
            return entry;
    }
    return NULL;
}

uint64_t ipc_registry_count(enum ipc_object_kind kind)
{
    uint64_t count = 0;

    list_for_each(link, &live_objects) {
        struct ipc_registry_entry *entry = list_entry(link, struct ipc_registry_entry, link);
        if (kind == IPC_OBJECT_ANY || entry->kind == kind)
            count++;
    }
    return count;
}
