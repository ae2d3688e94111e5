/*
 * <freeport/ipc.h> - Freeport's native IPC: capability tokens and rights,
 * the IPC error codes, the message header, and the layout of a channel's
 * shared ring.
 *
 * Layer: user API (installed into the SDK as <freeport/ipc.h>; the kernel
 * includes it as "uapi/freeport/ipc.h"). Fixed-width fields only, and every
 * structure's size is checked below, so the kernel and any C library agree
 * on the layout. docs/ipc.md explains the design.
 *
 * Errors: native IPC has its own error space, separate from errno. Kernel
 * IPC functions and the native IPC system calls return 0 (or a count) or
 * -IPC_ERR_*; the POSIX layer (src/posix/) maps them to errno through one
 * table, so nothing else ever converts between the two.
 */
#ifndef FREEPORT_UAPI_IPC_H
#define FREEPORT_UAPI_IPC_H

#include <stdint.h>

/*
 * Capability tokens. A token names one slot of the calling process's
 * capability table:
 *   bits  0..31  slot index (slot 0 is never used: token 0 means "none")
 *   bits 32..47  generation of the slot (never 0; changes when it is freed)
 *   bits 48..63  the rights the capability carries (IPC_RIGHT_*)
 * The kernel checks all three against the slot, so a stale or forged token
 * is refused with IPC_ERR_INVALID_CAP.
 */
#define IPC_CAP_NONE             ((uint64_t)0)
#define IPC_CAP_SLOT_SHIFT       0
#define IPC_CAP_GENERATION_SHIFT 32
#define IPC_CAP_RIGHTS_SHIFT     48

#define IPC_RIGHT_SEND    (1u << 0) /* send to the object */
#define IPC_RIGHT_RECEIVE (1u << 1) /* receive from it */
#define IPC_RIGHT_GRANT   (1u << 2) /* give a copy to another process */
#define IPC_RIGHT_REVOKE  (1u << 3) /* invalidate every copy derived from this one */
#define IPC_RIGHT_MAP     (1u << 4) /* map a memory region */
#define IPC_RIGHT_WRITE   (1u << 5) /* map it writable */
#define IPC_RIGHTS_ALL    0x3fu

/* Error codes: functions return the negated value (-IPC_ERR_FULL). */
enum ipc_error {
    IPC_OK = 0,
    IPC_ERR_INVALID_CAP = 1, /* forged, stale or unknown token, or the wrong kind of object */
    IPC_ERR_PERMISSION = 2,  /* the capability lacks a right the operation needs */
    IPC_ERR_FULL = 3,        /* queue or ring full (non-blocking) */
    IPC_ERR_EMPTY = 4,       /* nothing to receive (non-blocking) */
    IPC_ERR_TIMEOUT = 5,
    IPC_ERR_TOO_LARGE = 6, /* message, record or name longer than allowed */
    IPC_ERR_QUOTA = 7,     /* a per-process limit is reached (e.g. capability slots) */
    IPC_ERR_PEER_CLOSED = 8,
    IPC_ERR_NO_MEMORY = 9,
    IPC_ERR_INVALID_ARGUMENT = 10,
    IPC_ERR_FAULT = 11, /* bad user pointer, or shared memory a peer corrupted */
    IPC_ERR_NAME_EXISTS = 12,
    IPC_ERR_NAME_NOT_FOUND = 13,
    IPC_ERR_INTERRUPTED = 14, /* a signal ended the wait */
    IPC_ERR_FILTERED = 15,    /* a message filter refused it */
    IPC_ERR_RATE_LIMITED = 16,
};

/* Events an object can be waited for on (wait sets; POSIX poll on top). */
#define IPC_EVENT_READABLE      (1u << 0) /* a message or record can be received */
#define IPC_EVENT_WRITABLE      (1u << 1) /* a message or record can be sent */
#define IPC_EVENT_PEER_CLOSED   (1u << 2) /* the other end is gone */

/* Limits */
#define IPC_PRIORITY_LEVELS  32 /* priorities 0..31; higher is received first */
#define IPC_MAX_CAPS_PER_MSG 4
#define IPC_INLINE_MAX       64    /* payload bytes the call/reply fast path carries */
#define IPC_MESSAGE_MAX      65536 /* payload bytes of any one message */
#define IPC_NAME_MAX         128   /* bytes of a service name, e.g. "SYSTEM::VFS" */

/* Message flags */
#define IPC_MSG_CALL  (1u << 0) /* the sender waits for a reply with this transaction id */
#define IPC_MSG_REPLY (1u << 1) /* the answer to the call with this transaction id */

/*
 * The header of every message sent to a port. The kernel fills sender_pid,
 * timestamp and (for calls) transaction_id itself; a sender cannot forge
 * them. caps[0..cap_count-1] are tokens in the sender's table on send and
 * in the receiver's table on receive (0 if a capability was revoked while
 * the message was queued).
 */
struct ipc_msg_header {
    uint32_t type;   /* the application's message type */
    uint32_t length; /* payload bytes, at most IPC_MESSAGE_MAX */
    uint32_t sender_pid;
    uint32_t receiver_pid;
    uint64_t timestamp;      /* kernel ticks at send */
    uint8_t priority;        /* 0..IPC_PRIORITY_LEVELS-1 */
    uint8_t cap_count;       /* at most IPC_MAX_CAPS_PER_MSG */
    uint16_t flags;          /* IPC_MSG_* */
    uint32_t reserved;       /* zero */
    uint64_t transaction_id; /* pairs a reply with its call */
    uint64_t caps[IPC_MAX_CAPS_PER_MSG];
};
_Static_assert(sizeof(struct ipc_msg_header) == 72, "ipc_msg_header layout is ABI");

/*
 * Channel rings. A channel direction is a single-producer/single-consumer
 * byte ring in memory mapped into both processes (and the kernel): a
 * control block and a data area of `capacity` bytes, a power of two. The
 * data area holds records, each a struct ipc_ring_record followed by its
 * payload, padded to IPC_RING_ALIGN bytes; a record never wraps around the
 * end: when it would not fit, the producer writes a pad marker (type
 * IPC_RING_PAD, only the type field is meaningful) and starts the record at
 * offset 0. A record takes at most capacity / 2 bytes, so an empty ring
 * always accepts one.
 *
 * In a ring user space writes directly, src_pid, dst_pid and timestamp are
 * the producer's own claims: only records the kernel writes are stamped by
 * the kernel.
 */
#define IPC_RING_ALIGN        8
#define IPC_RING_PAD          0xffffffffu /* record type reserved for the pad marker */
#define IPC_RING_MIN_CAPACITY 64
#define IPC_RING_CACHE_LINE   64

struct ipc_ring_record {
    uint32_t type;   /* the application's record type; not IPC_RING_PAD */
    uint32_t length; /* payload bytes that follow the header */
    uint64_t timestamp;
    uint32_t src_pid;
    uint32_t dst_pid;
    uint64_t capability; /* a capability id the record refers to, or 0 */
};
_Static_assert(sizeof(struct ipc_ring_record) == 32, "ipc_ring_record layout is ABI");

/*
 * One side's half of the wake-up protocol (see docs/ipc.md). `watched` is
 * set by a side about to sleep (the consumer on an empty ring, the producer
 * on a full one) and cleared by whichever side ends the wait; `events`
 * counts wake-ups, and a sleep passes the value it saw so that a wake-up
 * between looking and sleeping is never lost (the futex rule).
 */
struct ipc_ring_wait {
    _Atomic uint32_t watched;
    _Atomic uint32_t events;
};

/*
 * The control block. head and tail are free-running byte counters (never
 * reduced modulo capacity); tail - head bytes are in use. Each is written
 * by one side only and sits on its own cache line.
 */
struct ipc_ring_control {
    _Alignas(IPC_RING_CACHE_LINE) _Atomic uint64_t head; /* written by the consumer */
    _Alignas(IPC_RING_CACHE_LINE) _Atomic uint64_t tail; /* written by the producer */
    _Alignas(IPC_RING_CACHE_LINE) uint64_t capacity;     /* data bytes; set once at creation */
    struct ipc_ring_wait readable;                       /* the consumer waits here for records */
    struct ipc_ring_wait writable;                       /* the producer waits here for space */
};
_Static_assert(sizeof(struct ipc_ring_control) == 3 * IPC_RING_CACHE_LINE, "ipc_ring_control layout is ABI");

/* Trace events (read out of the kernel's IPC trace ring). */
enum ipc_trace_op {
    IPC_TRACE_SEND = 1,
    IPC_TRACE_RECEIVE = 2,
    IPC_TRACE_CALL = 3,
    IPC_TRACE_REPLY = 4,
    IPC_TRACE_REFUSED = 5, /* a capability check failed */
};

struct ipc_trace_event {
    uint64_t sequence; /* 0, 1, 2, ... in recording order; a gap means lost events */
    uint64_t timestamp;
    uint64_t object_id;
    uint32_t op; /* enum ipc_trace_op */
    uint32_t sender_pid;
    uint32_t receiver_pid;
    uint32_t size;          /* payload bytes */
    uint32_t payload_crc32; /* CRC-32 (IEEE 802.3) of the payload */
    uint32_t reserved;      /* zero */
};
_Static_assert(sizeof(struct ipc_trace_event) == 48, "ipc_trace_event layout is ABI");

#endif
