/*
 * <freeport/freeworld.h> - FreeWorld's IPC channels: named sockets, pipes
 * and queues, with FreeWorld's calls and message layout, on Freeport's
 * native IPC (system calls 220-224; docs/ipc.md, "FreeWorld channels").
 *
 * Layer: C library API (libfreeport, userland/libc/freeworld.c). Every call
 * returns -1 and sets errno on failure, like the POSIX calls; the errno
 * values come from the kernel's one IPC-error table (docs/posix.md).
 *
 * The three types:
 *   IPC_TYPE_SOCKET  a service endpoint. The creator is the server; each
 *                    opener is a client. A client's ipc_send goes to the
 *                    server; the server answers one client by pid
 *                    (ipc_send_message, receiver = the pid it saw as
 *                    sender), or every client at once (receiver 0: a copy
 *                    into each client's queue, never waiting; a full
 *                    client's copy is dropped and counted by ipcstat).
 *   IPC_TYPE_PIPE    a named byte stream: ipc_send writes bytes, ipc_receive
 *                    reads what is there (type, sender and priority are not
 *                    carried). A receive with no writer left is the end
 *                    (size 0).
 *   IPC_TYPE_QUEUE   reliable, ordered messages: any writer sends, any
 *                    reader takes the next one, highest priority first and
 *                    FIFO within a priority (ipc_send_message's priority).
 * Messages are at most IPC_MESSAGE_PAYLOAD_MAX (512) bytes (EMSGSIZE
 * beyond). ipc_send waits while the queue it goes to is full; ipc_receive
 * waits for a message (or bytes).
 *
 * ipc_receive(id, buf, size) fills buf as an IPC_MESSAGE: the header -
 * type, size (payload bytes), sender (the sending process, stamped by the
 * kernel: it cannot be forged), receiver (the caller), priority - then
 * up to size - IPC_MESSAGE_HEADER_SIZE payload bytes. It returns the
 * payload size. A message too large for buf is EMSGSIZE and stays queued.
 *
 * Ids: a small positive integer naming the caller's opening of a channel,
 * private to the process (not inherited by fork), like a descriptor. The
 * creator's id reads and writes; ipc_open_channel's mode says what the
 * opening may do (EACCES otherwise). Channel names (1..128 bytes) are their
 * own namespace; a name goes when its creator closes its id or exits, and
 * the openings already made keep working. Once it has gone, a side nobody
 * can serve any more answers EPIPE: a client whose server left, a reader of
 * a queue no writer holds, a sender nobody can receive from.
 *
 * Errors: EEXIST (name taken), ENOENT (no such name), EINVAL (type, mode,
 * buffer_size, priority > 31, a receiver where none applies, buffer smaller
 * than the header), EMSGSIZE (payload > 512, name > 128 bytes, a message
 * larger than the buffer), EBADF (not an open id), EACCES (mode), EPIPE,
 * EMFILE (channels or ids exhausted), EFAULT, EINTR, ENOMEM.
 */
#ifndef FREEPORT_FREEWORLD_H
#define FREEPORT_FREEWORLD_H

#include <freeport/freeworld_abi.h>
#include <stdint.h>

typedef struct {
    uint32_t type;     /* message type (the application's) */
    uint32_t size;     /* payload size (max 512 bytes) */
    uint32_t sender;   /* sender pid, stamped by the kernel */
    uint32_t receiver; /* receiver pid (0 = broadcast, when sending) */
    uint32_t priority; /* 0..31, higher first */
    char payload[IPC_MESSAGE_PAYLOAD_MAX];
} IPC_MESSAGE;

#define IPC_MESSAGE_HEADER_SIZE 20 /* offsetof(IPC_MESSAGE, payload) */
_Static_assert(__builtin_offsetof(IPC_MESSAGE, payload) == IPC_MESSAGE_HEADER_SIZE, "IPC_MESSAGE layout");

/* A channel named `name`, the caller its creator: an id, or -1. */
int ipc_create_channel(const char *name, uint32_t type, uint32_t buffer_size);

/* An opening of the channel named `name` with IPC_MODE_*: an id, or -1. */
int ipc_open_channel(const char *name, uint32_t mode);

int ipc_close_channel(uint32_t id);

/* Send `size` bytes of `buffer` with message `type`, priority 0, to the
 * channel's natural receiver (a socket server: every client). The bytes
 * sent, or -1. */
int ipc_send(uint32_t id, const void *buffer, uint32_t size, uint32_t type);

/* Send message->size bytes of message->payload with its type, priority and
 * receiver (sender is ignored: the kernel stamps it). As ipc_send. */
int ipc_send_message(uint32_t id, const IPC_MESSAGE *message);

/* Receive into `buffer` (an IPC_MESSAGE of `size` bytes, at least the
 * header): the payload size, or -1. */
int ipc_receive(uint32_t id, void *buffer, uint32_t size);

#endif
