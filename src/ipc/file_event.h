/*
 * file_event.h - event objects for the file layer's own files (terminals,
 * pseudo-terminals, console devices), so poll can sleep on them.
 *
 * Layer: native IPC. Implements fs/poll_event.h's operations: an object
 * whose poll() asks the file layer's callback, and which the file layer
 * notifies. Never in a capability table.
 */
#ifndef FREEPORT_IPC_FILE_EVENT_H
#define FREEPORT_IPC_FILE_EVENT_H

/* Register the operations with the file layer. Once, at boot. */
void file_event_init(void);

#endif
