/*
 * reply_table.c - the replies a process owes (see reply_table.h).
 *
 * Layer: native IPC (pure, host unit-tested). A linear search of at most
 * IPC_PENDING_REPLIES_MAX entries; taking an entry out moves the last one
 * into its place, so the owed calls stay packed at the front.
 */
#include "ipc/reply_table.h"

void reply_table_add(struct reply_table *table, uint64_t transaction_id, uint32_t caller_pid)
{
    table->entries[table->count++] = (struct reply_owed){transaction_id, caller_pid};
}

int reply_table_take(struct reply_table *table, uint64_t transaction_id, uint32_t *caller_pid)
{
    for (uint32_t index = 0; index < table->count; index++) {
        if (table->entries[index].transaction_id == transaction_id && transaction_id != 0) {
            *caller_pid = table->entries[index].caller_pid;
            table->entries[index] = table->entries[--table->count];
            return IPC_OK;
        }
    }
    return -IPC_ERR_INVALID_CAP;
}

bool reply_table_pop(struct reply_table *table, struct reply_owed *owed)
{
    if (table->count == 0)
        return false;
    *owed = table->entries[--table->count];
    return true;
}
