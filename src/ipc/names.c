/*
 * names.c - the name service (see names.h): one name table for the whole
 * system, and the capability copies that go in and out of it.
 *
 * Layer: native IPC.
 */
#include "ipc/names.h"
#include "ipc/cap_table.h"
#include "ipc/ipc_process.h"
#include "ipc/name_table.h"
#include "proc/process.h"

#define NAME_BUCKETS 64

static struct list_node name_buckets[NAME_BUCKETS];
static struct name_table name_service;

static uint32_t pid_of(const struct ipc_process *process)
{
    return (uint32_t)process->process->pid;
}

void names_init(void)
{
    name_table_init(&name_service, name_buckets, NAME_BUCKETS);
}

int names_bind(struct ipc_process *binder, const char *name, size_t length, uint64_t token, uint16_t rights)
{
    struct capability *bound;
    int error;

    if (rights & ~IPC_RIGHTS_ALL)
        return -IPC_ERR_INVALID_ARGUMENT;
    error = cap_grant(&binder->capabilities, &token, 1, &bound);
    if (error)
        return error;
    error = name_table_bind(&name_service, name, length, pid_of(binder), bound, rights);
    if (error)
        cap_discard(bound);
    return error;
}

int names_lookup(struct ipc_process *process, const char *name, size_t length, uint64_t *token)
{
    const struct name_entry *entry;
    int error = name_table_lookup(&name_service, name, length, &entry);

    if (error)
        return error;
    return cap_install_derived(&process->capabilities, entry->capability, entry->rights, token);
}

int names_unbind(struct ipc_process *process, const char *name, size_t length)
{
    return name_table_unbind(&name_service, name, length, pid_of(process));
}

void names_release(struct ipc_process *process)
{
    name_table_unbind_all_of(&name_service, pid_of(process));
}

uint64_t names_count(void)
{
    return name_service.count;
}
