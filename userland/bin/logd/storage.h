/*
 * storage.h - where logd keeps records: a bounded ring in memory, written
 * through to /var/log/messages (one line a record: userland/lib/log_line.h).
 *
 * Layer: user program (logd). The ring holds the last STORAGE_RING_RECORDS
 * lines; those not yet in the file are "pending". storage_store only
 * formats into the ring; storage_flush writes every pending line with one
 * write (logd flushes after each batch it receives, and before it exits).
 * A ring full of pending lines is flushed at once; if the file cannot be
 * written, the oldest pending line is overwritten and counted (reported
 * as a record once writing works again). When the file passes
 * STORAGE_FILE_MAX bytes it becomes /var/log/messages.1 (the previous
 * one is replaced) and a new file starts. On start the file's records are
 * read back: the last ones fill the ring, and each pid's last sequence
 * number goes to the accounting (so a restart does not mistake the next
 * record for a loss, nor miss one).
 */
#ifndef LOGD_STORAGE_H
#define LOGD_STORAGE_H

#include <freeport/logd.h>
#include <stdint.h>

#define STORAGE_RING_RECORDS 256
#define STORAGE_FILE_MAX     (1024 * 1024)
#define STORAGE_OLD_FILE     LOGD_FILE ".1"

/* Opens the file for appending, reading back what it holds; the number of
 * records found, or -1 if it cannot be opened. */
long storage_open(void);
void storage_store(const struct logd_record *record);
/* Writes the pending lines; 0, or -1 if some could not be written. */
int storage_flush(void);
/* Lines lost because the file could not be written, not reported yet. */
uint64_t storage_take_lost(void);

#endif
