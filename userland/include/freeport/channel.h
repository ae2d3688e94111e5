/*
 * <freeport/channel.h> - channels: two-way record streams through rings
 * mapped into both processes, so that sending and receiving normally never
 * enter the kernel.
 *
 * Layer: Freeport SDK header; implemented in userland/libc/ipc_channel.c
 * with the kernel's own ring code (src/ipc/ring.c, built into
 * libfreeport). Every function returns 0 (or a count) or -IPC_ERR_* of
 * <freeport/ipc.h>; none sets errno. docs/ipc.md, "Channels", explains the
 * rings and the wake-up protocol.
 *
 * A struct channel is one process's open end: not safe to share between
 * threads (a ring has one producer and one consumer).
 */
#ifndef FREEPORT_CHANNEL_H
#define FREEPORT_CHANNEL_H

#include <freeport/ipc.h>
#include <stdint.h>
#include <sys/cdefs.h>

struct channel;

__BEGIN_DECLS
/* The system calls themselves (see <freeport/syscall.h>). */
int channel_create(uint64_t capacity, uint64_t tokens[2]);
int channel_map(uint64_t token, struct ipc_channel_map *map);
int channel_wait(uint64_t token, uint32_t direction, uint32_t expected_events, uint64_t timeout);
int channel_wake(uint64_t token, uint32_t direction);

/* Map the end `token` names and get a handle for sending and receiving. */
int channel_open(uint64_t token, struct channel **channel);

/* Close the end's capability (its rings are unmapped with it; the peer
 * then sees IPC_ERR_PEER_CLOSED once it has read what is left) and free
 * the handle. */
int channel_close(struct channel *channel);

/* Append a record of `type` with `length` payload bytes; waits up to
 * `timeout` ns (IPC_TIMEOUT_NONE: FULL at once) while the ring is full.
 * TOO_LARGE beyond channel_max_payload; PEER_CLOSED when nobody will read
 * it. Enters the kernel only to sleep, or to wake a sleeping receiver. */
int channel_send(struct channel *channel, uint32_t type, const void *payload, uint32_t length,
                 uint64_t timeout);

/* Take the oldest record: its header into *record (may be NULL), its
 * payload into buffer (TOO_LARGE, the record kept, if it needs more than
 * `capacity` bytes). Waits up to `timeout` while the ring is empty (NONE:
 * EMPTY at once); PEER_CLOSED once the peer is gone and nothing is left. */
int channel_receive(struct channel *channel, struct ipc_ring_record *record, void *buffer, uint32_t capacity,
                    uint64_t timeout);

/* The largest payload one record can carry. */
uint32_t channel_max_payload(const struct channel *channel);

/* The capability token the handle was opened with. */
uint64_t channel_token(const struct channel *channel);
__END_DECLS

#endif
