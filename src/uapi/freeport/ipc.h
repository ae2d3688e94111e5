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
    IPC_ERR_COUNT, /* one more than the last code: new codes go above it */
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
 * Ports, calls, capabilities, names, statistics: the arguments of system
 * calls 100-119 (<freeport/syscall.h> lists them; docs/ipc.md follows each
 * through the kernel). Addresses are carried as uint64_t, like the rest of
 * the ABI; <freeport/port.h> has C functions that take pointers.
 */

/* Timeouts, in nanoseconds from the start of the call, rounded up to the
 * next timer tick (never early). Zero never waits. */
#define IPC_TIMEOUT_NONE    ((uint64_t)0)
#define IPC_TIMEOUT_FOREVER UINT64_MAX

#define IPC_PORT_DEPTH_DEFAULT  64   /* messages a new port queues (depth 0 at creation) */
#define IPC_PORT_DEPTH_MAX      1024
#define IPC_PENDING_REPLIES_MAX 16   /* calls a process has received and not yet answered */

/* port_send, and the request of port_call. In header the sender sets type,
 * length, priority, cap_count and caps[] (each needing IPC_RIGHT_GRANT; a
 * port refuses a capability to itself); flags and reserved must be 0; the
 * kernel fills in the rest. */
struct ipc_send_args {
    struct ipc_msg_header header;
    uint64_t payload; /* address of header.length bytes */
    uint64_t timeout; /* how long to wait while the port is full */
};
_Static_assert(sizeof(struct ipc_send_args) == 88, "ipc_send_args layout is ABI");

/* port_receive, and the reply of port_call. The kernel writes the header
 * (caps[] are tokens in the receiver's table) and the payload. When the
 * payload does not fit (IPC_ERR_TOO_LARGE), or its capabilities do not
 * fit the receiver's table (IPC_ERR_QUOTA), the header still tells what
 * waits (caps[] all 0) and the message stays queued. */
struct ipc_receive_args {
    struct ipc_msg_header header; /* out */
    uint64_t payload;             /* where the payload goes */
    uint32_t capacity;            /* bytes there */
    uint32_t reserved;            /* 0 */
    uint64_t timeout;             /* how long to wait for a message */
};
_Static_assert(sizeof(struct ipc_receive_args) == 96, "ipc_receive_args layout is ABI");

/* port_configure: the port's limits and its filter (needs IPC_RIGHT_RECEIVE).
 * A message longer than max_message fails with IPC_ERR_TOO_LARGE. The
 * filter refuses with IPC_ERR_FILTERED a message whose type is not allowed
 * or that is longer than filter_max_size, and with IPC_ERR_RATE_LIMITED one
 * whose sender already sent rate_messages in its current window of
 * rate_window_ticks. A new port has the default depth, max_message
 * IPC_MESSAGE_MAX and no filter, as a configuration of all zeros gives. */
struct ipc_port_config {
    uint32_t depth_limit;       /* messages, up to IPC_PORT_DEPTH_MAX; 0: the default */
    uint32_t max_message;       /* payload bytes, up to IPC_MESSAGE_MAX; 0: that */
    uint64_t allowed_types;     /* bit t: type t (< 64) may be sent; 0: any type */
    uint32_t filter_max_size;   /* payload bytes; 0: no filter on size */
    uint32_t rate_messages;     /* per sender and window; 0: no rate limit */
    uint32_t rate_window_ticks; /* >= 1 when rate_messages is set */
    uint32_t reserved;          /* 0 */
};
_Static_assert(sizeof(struct ipc_port_config) == 32, "ipc_port_config layout is ABI");

/* The kinds of object a capability can name (cap_info, statistics). */
#define IPC_KIND_PORT          1
#define IPC_KIND_CHANNEL_END   2
#define IPC_KIND_MEMORY_REGION 3
#define IPC_KIND_BROADCAST     4
#define IPC_KIND_WAITSET       5
#define IPC_KIND_STREAM        6 /* a byte stream: a pipe or FIFO (docs/posix.md) */
#define IPC_KIND_FREEWORLD     8 /* an opening of a FreeWorld channel (<freeport/freeworld.h>) */

struct ipc_cap_info {
    uint32_t kind;      /* IPC_KIND_* */
    uint32_t rights;    /* IPC_RIGHT_* */
    uint64_t object_id; /* the id ipcstat shows */
};
_Static_assert(sizeof(struct ipc_cap_info) == 16, "ipc_cap_info layout is ABI");

/* ipc_stats(what, argument, out): */
#define IPC_STATS_GLOBAL  1 /* argument 0; out: struct ipc_global_stats */
#define IPC_STATS_OBJECT  2 /* argument: an id; out: the live object with the next higher id */
#define IPC_STATS_PROCESS 3 /* argument: a pid; out: struct ipc_process_stats */

/* One live object (port, channel end, memory region, broadcast endpoint). */
struct ipc_object_stats {
    uint64_t id;
    uint32_t kind; /* IPC_KIND_* */
    uint32_t owner_pid;
    uint64_t sent, received;
    uint64_t dropped;   /* not taken for room or size (full, too large): the sender was told */
    uint64_t refused;   /* refused for what it was or carried (filter, rate, bad capability) */
    uint64_t discarded; /* accepted but never delivered: the receivers went first */
    uint64_t fast_path_hits;
    uint32_t depth, max_depth, depth_limit;
    uint32_t receivers_waiting, senders_waiting;
    uint32_t reserved;
};
_Static_assert(sizeof(struct ipc_object_stats) == 88, "ipc_object_stats layout is ABI");

/* The whole IPC layer. The first group are things alive now: once every
 * process that used IPC has exited they are back where they started. */
struct ipc_global_stats {
    uint64_t ports, channel_ends, memory_regions, broadcasts;
    uint64_t messages;      /* port messages the kernel holds */
    uint64_t message_bytes; /* payload bytes they hold */
    uint64_t capabilities;  /* in tables, in messages, bound to names */
    uint64_t names;
    uint64_t calls_waiting; /* port_calls waiting for their reply */
    uint64_t replies_owed;  /* calls received and not answered yet */
    /* Since boot: */
    uint64_t sent, received, dropped, refused, discarded, fast_path_hits;
    uint64_t refusals;   /* system calls refused for a bad token or a missing right */
    uint64_t trace_next; /* the number the next trace event will get */
};
_Static_assert(sizeof(struct ipc_global_stats) == 144, "ipc_global_stats layout is ABI");

struct ipc_process_stats {
    uint32_t pid;
    uint32_t capabilities; /* slots in use */
    uint32_t capacity;     /* the quota */
    uint32_t replies_owed;
    uint64_t refused_invalid;    /* tokens refused as forged, stale or of the wrong kind */
    uint64_t refused_permission; /* operations refused for a missing right */
};
_Static_assert(sizeof(struct ipc_process_stats) == 32, "ipc_process_stats layout is ABI");

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
 * by one side only and sits on its own cache line. `closed` is written by
 * the kernel alone (1 once either end of the channel is gone); what a
 * process writes there is ignored by the kernel.
 */
struct ipc_ring_control {
    _Alignas(IPC_RING_CACHE_LINE) _Atomic uint64_t head; /* written by the consumer */
    _Alignas(IPC_RING_CACHE_LINE) _Atomic uint64_t tail; /* written by the producer */
    _Alignas(IPC_RING_CACHE_LINE) uint64_t capacity;     /* data bytes; set once at creation */
    struct ipc_ring_wait readable;                       /* the consumer waits here for records */
    struct ipc_ring_wait writable;                       /* the producer waits here for space */
    _Atomic uint32_t closed;                             /* the other end is gone */
};
_Static_assert(sizeof(struct ipc_ring_control) == 3 * IPC_RING_CACHE_LINE, "ipc_ring_control layout is ABI");

/*
 * Channels, shared memory, wait sets, broadcast and the system endpoint:
 * the arguments of system calls 120-139 (<freeport/syscall.h> lists them;
 * docs/ipc.md explains each). <freeport/channel.h> has the C functions.
 */

/* Quotas: what one process may create, and the whole system. Bytes are
 * the frames pinned by its shared-memory regions and channel rings; ports
 * are those port_create made (a POSIX message queue's port is bounded by
 * FP_MQ_OPEN_MAX instead).
 * Beyond a limit a call fails with IPC_ERR_QUOTA, counted. */
#define IPC_QUOTA_CHANNELS_PER_PROCESS 32
#define IPC_QUOTA_REGIONS_PER_PROCESS  32
#define IPC_QUOTA_BYTES_PER_PROCESS    (32u << 20)
#define IPC_QUOTA_PORTS_PER_PROCESS    64
#define IPC_QUOTA_CHANNELS_TOTAL       256
#define IPC_QUOTA_REGIONS_TOTAL        256
#define IPC_QUOTA_BYTES_TOTAL          (64u << 20)
#define IPC_QUOTA_PORTS_TOTAL          512

/* A channel's rings: each data area a power of two, whole pages. */
#define IPC_CHANNEL_MIN_CAPACITY 4096
#define IPC_CHANNEL_MAX_CAPACITY (1u << 20)

/* Directions of channel_wait and channel_wake, from the caller's end:
 * wait(DATA) sleeps until records may have arrived in its receive ring,
 * wait(ROOM) until room may have been made in its send ring; wake(DATA)
 * tells the peer records are in its receive ring (after a push), wake(ROOM)
 * that room was made in its send ring (after a pop). */
#define IPC_CHANNEL_DATA 1
#define IPC_CHANNEL_ROOM 2

/* Where channel_map put the caller's end: its send ring and its receive
 * ring, each a struct ipc_ring_control page followed by `capacity` data
 * bytes, read-write, not executable. */
struct ipc_channel_map {
    uint64_t send_control, send_data;
    uint64_t receive_control, receive_data;
    uint64_t capacity; /* of each data area */
    uint64_t size;     /* bytes mapped from send_control on */
};
_Static_assert(sizeof(struct ipc_channel_map) == 48, "ipc_channel_map layout is ABI");

/* Wait sets: one ready entry, as waitset_wait reports it. `events` are the
 * IPC_EVENT_* bits true now among those asked for; PEER_CLOSED is always
 * reported. */
#define IPC_WAITSET_MAX_ENTRIES 64
struct ipc_ready {
    uint64_t cookie; /* the caller's, from waitset_add */
    uint32_t events;
    uint32_t reserved; /* 0 */
};
_Static_assert(sizeof(struct ipc_ready) == 16, "ipc_ready layout is ABI");

/* A broadcast endpoint's counters, or one subscription's. A copy that a
 * subscriber's full (or closed) port did not take is dropped and counted
 * there, never silently lost. */
struct ipc_broadcast_stats {
    uint64_t subscribers;
    uint64_t published; /* messages published (while subscribed) */
    uint64_t delivered; /* copies queued on subscribers' ports */
    uint64_t dropped;   /* copies refused by a subscriber's port */
};
_Static_assert(sizeof(struct ipc_broadcast_stats) == 32, "ipc_broadcast_stats layout is ABI");

#define IPC_BROADCAST_SUBSCRIBERS_MAX 64

/* The system endpoint: the kernel publishes these messages (header.type,
 * sender_pid 0) to the ports that subscribed with system_subscribe. A
 * subscription's mask has bit (1 << type) for each type it wants. */
#define IPC_SYSTEM_PROCESS_EXIT  1 /* payload: struct ipc_system_process_exit */
#define IPC_SYSTEM_CAP_VIOLATION 2 /* payload: struct ipc_system_cap_violation */
#define IPC_SYSTEM_LOG           3 /* payload: one kernel log line, no newline */
#define IPC_SYSTEM_DEVICE_REFUSED 4 /* payload: struct ipc_system_device_refused */
#define IPC_SYSTEM_QUOTA_REFUSED 5 /* payload: struct ipc_system_quota_refused */
#define IPC_SYSTEM_MASK(type)    (1u << (type))
#define IPC_SYSTEM_MASK_ALL                                                                                 \
    (IPC_SYSTEM_MASK(IPC_SYSTEM_PROCESS_EXIT) | IPC_SYSTEM_MASK(IPC_SYSTEM_CAP_VIOLATION) |                  \
     IPC_SYSTEM_MASK(IPC_SYSTEM_LOG) | IPC_SYSTEM_MASK(IPC_SYSTEM_DEVICE_REFUSED) |                          \
     IPC_SYSTEM_MASK(IPC_SYSTEM_QUOTA_REFUSED))
#define IPC_SYSTEM_LOG_MAX 200 /* bytes of a log line kept (longer ones are cut) */

struct ipc_system_process_exit {
    uint32_t pid;
    int32_t status; /* as waitpid reports it */
    char name[32];
};
_Static_assert(sizeof(struct ipc_system_process_exit) == 40, "ipc_system_process_exit layout is ABI");

struct ipc_system_cap_violation {
    uint32_t pid;
    int32_t error;  /* -IPC_ERR_INVALID_CAP or -IPC_ERR_PERMISSION */
    uint64_t token; /* the token refused */
};
_Static_assert(sizeof(struct ipc_system_cap_violation) == 16, "ipc_system_cap_violation layout is ABI");

/* A process other than init asked for a console device (device_claim). */
struct ipc_system_device_refused {
    int32_t pid;
    int32_t device; /* FP_DEVICE_* (<freeport/device.h>) */
    int32_t error;  /* the errno it got (EPERM) */
    uint32_t reserved;
};
_Static_assert(sizeof(struct ipc_system_device_refused) == 16, "ipc_system_device_refused layout is ABI");

/* The limit a refused creation would have passed (IPC_ERR_QUOTA). */
#define IPC_QUOTA_RESOURCE_CHANNELS 0
#define IPC_QUOTA_RESOURCE_REGIONS  1
#define IPC_QUOTA_RESOURCE_BYTES    2 /* frames pinned by regions and channel rings */
#define IPC_QUOTA_RESOURCE_PORTS    3

struct ipc_system_quota_refused {
    int32_t pid;          /* the process whose creation was refused */
    uint32_t resource;    /* IPC_QUOTA_RESOURCE_* */
    uint32_t system_wide; /* 1: the system's limit, 0: the process's own */
    uint32_t reserved;
};
_Static_assert(sizeof(struct ipc_system_quota_refused) == 16, "ipc_system_quota_refused layout is ABI");

/* ipc_transport_stats: channels, shared memory, wait sets and broadcast.
 * The first group is what lives now: back to where it started once every
 * process that used them has exited. */
struct ipc_transport_stats {
    uint64_t channels, regions, pinned_bytes, mappings;
    uint64_t waitsets, waitset_entries, broadcasts, subscriptions;
    /* Since boot: */
    uint64_t quota_refusals;
    uint64_t channel_waits, channel_wakes; /* the slow path: entries into the kernel */
    uint64_t published, delivered, dropped; /* broadcast, the system endpoint included */
    uint64_t system_events, system_events_lost; /* lost: the kernel's queue was full */
    /* The calling process: */
    uint64_t own_channels, own_regions, own_bytes, own_quota_refusals;
    uint64_t own_ports; /* ports it created that still exist */
};
_Static_assert(sizeof(struct ipc_transport_stats) == 168, "ipc_transport_stats layout is ABI");

/* Trace events (read out of the kernel's IPC trace ring). */
enum ipc_trace_op {
    IPC_TRACE_SEND = 1,
    IPC_TRACE_RECEIVE = 2,
    IPC_TRACE_CALL = 3,
    IPC_TRACE_REPLY = 4,
    IPC_TRACE_REFUSED = 5, /* a capability check, a filter or a limit refused an operation */
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
    uint32_t error;         /* IPC_TRACE_REFUSED: the IPC_ERR_* code; otherwise 0 */
};
_Static_assert(sizeof(struct ipc_trace_event) == 48, "ipc_trace_event layout is ABI");

#endif
