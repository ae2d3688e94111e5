/*
 * message.h - a port message in the kernel: built from what a sender
 * passed, written into a receiver's buffers, freed.
 *
 * Layer: native IPC, on the processes layer's user copy. The general path
 * of port_send, port_call and port_reply builds a struct ipc_message
 * (msg_queue.h) in one allocation: the header, the payload copied from the
 * sender, and its capabilities in flight (cap_grant). A message that cannot
 * be delivered is freed with its capabilities (message_destroy), never
 * silently: its sender was told, or the loss is counted as discarded.
 *
 * Delivery writes a message into a receiver's buffers: into the current
 * process (a receiver taking it from the queue) or into one that waits in
 * the kernel (the hand-off, copy_to_process). It is all or nothing: the
 * capabilities fit the receiver's table, the payload its buffer, or
 * nothing but a header announcing the message is written, and the caller
 * keeps the message.
 *
 * Invariants: ipc_totals.messages and message_bytes count the messages
 * that exist and their payload bytes, which never exceed
 * IPC_MESSAGE_BYTES_MAX in all.
 * Locking: the caller holds the IPC lock.
 */
#ifndef FREEPORT_IPC_MESSAGE_H
#define FREEPORT_IPC_MESSAGE_H

#include <stdbool.h>
#include <stdint.h>
#include "ipc/msg_queue.h"
#include "uapi/freeport/ipc.h"

struct cap_table;
struct ipc_object;
struct ipc_process;
struct process;

/* Payload bytes all messages together may hold: sending beyond is
 * -IPC_ERR_NO_MEMORY, so no sender can take the kernel heap. */
#define IPC_MESSAGE_BYTES_MAX (16u << 20)

/* Where a receiver wants a message: the user addresses of its struct
 * ipc_receive_args (the header goes there) and of its payload buffer; or,
 * for a receiver in the kernel that needs only part of the header (a POSIX
 * queue's mq_receive wants the length and priority), a kernel header
 * instead of the args, which saves two user copies per message. */
struct delivery_target {
    struct process *process;
    struct ipc_process *ipc; /* its capability table and owed replies */
    uint64_t args_address;   /* unused when header_out is set */
    uint64_t payload_address;
    uint32_t capacity;
    struct ipc_msg_header *header_out; /* NULL: the header goes to args_address */
};

/* The target described by a receiver's arguments (already copied in). */
struct delivery_target delivery_target_of(struct ipc_process *ipc,
                                          const struct ipc_receive_args *user_args_address,
                                          const struct ipc_receive_args *args);

/* What a sender may put in a header: length up to `max_length`, at most
 * IPC_MAX_CAPS_PER_MSG capabilities, a priority below
 * IPC_PRIORITY_LEVELS, no flags, reserved 0. -IPC_ERR_TOO_LARGE for the
 * length, -IPC_ERR_INVALID_ARGUMENT for the rest. */
int message_header_check(const struct ipc_msg_header *header, uint32_t max_length);

/* The header the receiver sees: the sender's type, length, priority and
 * capability count, and the kernel's own fields. */
struct ipc_msg_header message_header_make(const struct ipc_msg_header *sent, uint32_t sender_pid,
                                          uint16_t flags, uint64_t transaction_id);

/* Build a message from checked send arguments: the payload copied from the
 * current process (-IPC_ERR_FAULT), the capabilities granted from `table`
 * (each needing GRANT), all or nothing. -IPC_ERR_NO_MEMORY if the heap or
 * IPC_MESSAGE_BYTES_MAX says no. */
int message_create(const struct ipc_send_args *args, struct cap_table *table,
                   const struct ipc_msg_header *header, struct ipc_message **message);

/* A message with room for header->length payload bytes, counted, its
 * payload left for the caller to fill and no capability attached yet
 * (POSIX datagram sockets build theirs this way). -IPC_ERR_NO_MEMORY
 * likewise. */
int message_allocate(const struct ipc_msg_header *header, struct ipc_message **message);

/* Build a message from kernel memory, without capabilities (broadcast
 * copies, the system endpoint's events). -IPC_ERR_NO_MEMORY likewise. */
int message_create_kernel(const struct ipc_msg_header *header, const void *payload,
                          struct ipc_message **message);

/* Free a message that will not be delivered, and its capabilities. */
void message_destroy(struct ipc_message *message);

/* Free a delivered message (its capabilities moved to the receiver). */
void message_free_delivered(struct ipc_message *message);

/* Does the message carry a capability to `object`? */
bool message_carries(const struct ipc_message *message, const struct ipc_object *object);

/* Write `header`, `payload` and the capabilities into the target. A call
 * (IPC_MSG_CALL) also becomes a reply the target owes. On success the
 * capabilities are the target's (the caller frees only the shell). On
 * -IPC_ERR_TOO_LARGE (payload longer than the buffer) or -IPC_ERR_QUOTA
 * (no room for the capabilities, or for one more owed reply) the target
 * gets the header alone, caps[] 0, telling it what waits; -IPC_ERR_FAULT
 * if its buffers cannot be written. Either way the caller keeps the
 * message and its capabilities. */
int message_deliver(const struct delivery_target *target, const struct ipc_msg_header *header,
                    const void *payload, struct capability **caps);

#endif
