/*
 * waitset.c - wait sets and ipc_object_notify (see waitset.h).
 *
 * Layer: native IPC. The wait is the xv6 loop, over many objects:
 *
 *     interrupts off
 *     loop: ask every entry's poll()       (anything ready? return it)
 *           arm every entry, ask again     (arm before the last look:
 *                                           ring.c's Dekker pattern)
 *           sleep on the set's queue       (ipc_object_notify wakes it)
 *
 * Arming only when nothing was ready keeps the common case - something is
 * ready - from making the channel peers enter the kernel needlessly.
 */
#include "ipc/waitset.h"
#include "ipc/ipc_wait.h"
#include "arch/arch.h"
#include "mm/heap.h"

#define EVENTS_KNOWN (IPC_EVENT_READABLE | IPC_EVENT_WRITABLE | IPC_EVENT_PEER_CLOSED)

uint64_t waitset_count, waitset_entry_count;

static const struct ipc_object_type waitset_type;

static void set_init(struct waitset *set)
{
    list_init(&set->entries);
    set->entry_count = 0;
    wait_queue_init(&set->sleepers);
}

/* Is the watched object still there? (object.h unlinks it when it goes.) */
static bool entry_live(const struct waitset_entry *entry)
{
    return !list_empty(&entry->watching);
}

/* Watcher lists change with interrupts off: a device's interrupt handler
 * may walk one (ipc_object_notify on a file event, fs/poll_event.h). */
static void entry_free(struct waitset_entry *entry)
{
    int enabled = arch_irq_save();
    if (entry_live(entry))
        list_remove(&entry->watching);
    arch_irq_restore(enabled);
    list_remove(&entry->in_set);
    entry->set->entry_count--;
    waitset_entry_count--;
    kfree(entry);
}

/* Free the entries whose object is gone. */
static void prune(struct waitset *set)
{
    list_for_each_safe(node, &set->entries) {
        struct waitset_entry *entry = list_entry(node, struct waitset_entry, in_set);
        if (!entry_live(entry))
            entry_free(entry);
    }
}

static void set_clear(struct waitset *set)
{
    list_for_each_safe(node, &set->entries)
        entry_free(list_entry(node, struct waitset_entry, in_set));
}

static struct waitset_entry *entry_find(struct waitset *set, struct ipc_object *object)
{
    list_for_each(node, &set->entries) {
        struct waitset_entry *entry = list_entry(node, struct waitset_entry, in_set);
        if (entry_live(entry) && entry->object == object)
            return entry;
    }
    return NULL;
}

int waitset_create(struct waitset **out)
{
    struct waitset *set = kzalloc(sizeof(*set));

    if (!set)
        return -IPC_ERR_NO_MEMORY;
    ipc_object_init(&set->object, &waitset_type);
    set_init(set);
    waitset_count++;
    *out = set;
    return IPC_OK;
}

static void waitset_release(struct ipc_object *object)
{
    struct waitset *set = waitset_of(object);

    set_clear(set);
    kfree(set);
    waitset_count--;
}

int waitset_add(struct waitset *set, struct ipc_object *object, uint32_t events, uint64_t cookie)
{
    struct waitset_entry *entry;

    if (events == 0 || (events & ~EVENTS_KNOWN))
        return -IPC_ERR_INVALID_ARGUMENT;
    prune(set);
    entry = entry_find(set, object);
    if (!entry) {
        if (set->entry_count >= IPC_WAITSET_MAX_ENTRIES)
            return -IPC_ERR_QUOTA;
        entry = kmalloc(sizeof(*entry));
        if (!entry)
            return -IPC_ERR_NO_MEMORY;
        entry->set = set;
        entry->object = object;
        list_push_back(&set->entries, &entry->in_set);
        int enabled = arch_irq_save();
        list_push_back(&object->watchers, &entry->watching);
        arch_irq_restore(enabled);
        set->entry_count++;
        waitset_entry_count++;
    }
    entry->events = events;
    entry->cookie = cookie;
    wait_queue_wake_all(&set->sleepers); /* a waiter elsewhere looks again */
    return IPC_OK;
}

int waitset_remove(struct waitset *set, struct ipc_object *object)
{
    struct waitset_entry *entry = entry_find(set, object);

    if (!entry)
        return -IPC_ERR_INVALID_ARGUMENT;
    entry_free(entry);
    return IPC_OK;
}

/* The entry's wanted events true now; PEER_CLOSED is always wanted. */
static uint32_t entry_ready(struct waitset_entry *entry, bool arm)
{
    struct ipc_object *object = entry->object;

    if (arm && object->type->arm)
        object->type->arm(object, entry->events);
    if (!object->type->poll)
        return 0;
    return object->type->poll(object) & (entry->events | IPC_EVENT_PEER_CLOSED);
}

/* Report up to `max` ready entries (arming each first if `arm`), and move
 * the reported ones to the back of the list. */
static uint32_t collect(struct waitset *set, struct ipc_ready *ready, uint32_t max, bool arm)
{
    struct list_node reported = LIST_HEAD_INIT(reported);
    struct list_node *node;
    uint32_t count = 0;

    prune(set);
    list_for_each_safe(link, &set->entries) {
        struct waitset_entry *entry = list_entry(link, struct waitset_entry, in_set);
        uint32_t events = entry_ready(entry, arm);
        if (events && count < max) {
            ready[count++] = (struct ipc_ready){entry->cookie, events, 0};
            list_remove(link);
            list_push_back(&reported, link);
        }
    }
    while ((node = list_pop_front(&reported)) != NULL)
        list_push_back(&set->entries, node);
    return count;
}

int waitset_wait(struct waitset *set, struct ipc_ready *ready, uint32_t max, uint64_t deadline)
{
    int enabled = arch_irq_save(), result;

    for (;;) {
        result = (int)collect(set, ready, max, false);
        if (result == 0)
            result = (int)collect(set, ready, max, true);
        if (result == 0)
            result = ipc_sleep(&set->sleepers, deadline);
        if (result != 0)
            break;
    }
    arch_irq_restore(enabled);
    return result;
}

void ipc_object_notify(struct ipc_object *object, uint32_t events)
{
    list_for_each(node, &object->watchers) {
        struct waitset_entry *entry = list_entry(node, struct waitset_entry, watching);
        if ((entry->events | IPC_EVENT_PEER_CLOSED) & events)
            wait_queue_wake_all(&entry->set->sleepers);
    }
}

/* --- Kernel callers: a set of their own, never seen by user space --- */

int ipc_wait_objects(struct ipc_object *const *objects, const uint32_t *events, uint32_t *ready,
                     uint32_t count, uint64_t deadline)
{
    struct waitset set;
    struct ipc_ready *found;
    int result = IPC_OK;

    if (count > IPC_WAITSET_MAX_ENTRIES)
        return -IPC_ERR_INVALID_ARGUMENT;
    found = kmalloc((count ? count : 1) * sizeof(*found));
    if (!found)
        return -IPC_ERR_NO_MEMORY;
    set_init(&set);
    for (uint32_t index = 0; index < count && result == IPC_OK; index++)
        result = waitset_add(&set, objects[index], events[index], index);
    if (result == IPC_OK)
        result = waitset_wait(&set, found, count ? count : 1, deadline);
    for (uint32_t index = 0; index < count; index++)
        ready[index] = 0;
    for (int index = 0; index < result; index++)
        ready[found[index].cookie] = found[index].events;
    set_clear(&set);
    kfree(found);
    return result;
}

static const struct ipc_object_type waitset_type = {
    .kind = IPC_OBJECT_WAITSET,
    .release = waitset_release,
};
