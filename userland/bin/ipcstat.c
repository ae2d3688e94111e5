/*
 * ipcstat - list every live IPC object with its owner and counters, like
 * ipcs: ports, channel ends, memory regions, broadcast endpoints, streams
 * (pipes, FIFOs), then the totals of the whole IPC layer.
 *
 *   ID KIND       OWNER DEPTH   MAX LIMIT  WAIT  SENT RECEIVED DROPPED REFUSED DISCARD  FAST
 *
 * WAIT is receivers/senders waiting (ports). Counters are since the object
 * was created. Layer: user program, over ipc_stats (<freeport/ipc_stats.h>);
 * the host build only says it needs Freeport.
 */
#include <err.h>
#include <freeport/ipc.h>
#include <stdio.h>

#ifndef __freeport__
int main(void)
{
    errx(1, "IPC statistics exist only on Freeport");
}
#else
#include <freeport/ipc_stats.h>

static const char *kind_name(uint32_t kind)
{
    switch (kind) {
    case IPC_KIND_PORT: return "port";
    case IPC_KIND_CHANNEL_END: return "channel";
    case IPC_KIND_MEMORY_REGION: return "region";
    case IPC_KIND_BROADCAST: return "broadcast";
    case IPC_KIND_WAITSET: return "waitset";
    case IPC_KIND_STREAM: return "stream";
    default: return "?";
    }
}

static void print_object(const struct ipc_object_stats *o)
{
    printf("%5llu %-10s %5u %5u %5u %5u %2u/%-2u %5llu %8llu %7llu %7llu %7llu %5llu\n",
           (unsigned long long)o->id, kind_name(o->kind), o->owner_pid, o->depth, o->max_depth,
           o->depth_limit, o->receivers_waiting, o->senders_waiting, (unsigned long long)o->sent,
           (unsigned long long)o->received, (unsigned long long)o->dropped, (unsigned long long)o->refused,
           (unsigned long long)o->discarded, (unsigned long long)o->fast_path_hits);
}

static void print_totals(const struct ipc_global_stats *g)
{
    printf("live: %llu ports, %llu channel ends, %llu regions, %llu broadcast endpoints; "
           "%llu messages (%llu bytes) queued, %llu capabilities, %llu names, %llu calls waiting, "
           "%llu replies owed\n",
           (unsigned long long)g->ports, (unsigned long long)g->channel_ends,
           (unsigned long long)g->memory_regions, (unsigned long long)g->broadcasts,
           (unsigned long long)g->messages, (unsigned long long)g->message_bytes,
           (unsigned long long)g->capabilities, (unsigned long long)g->names,
           (unsigned long long)g->calls_waiting, (unsigned long long)g->replies_owed);
    printf(
        "since boot: %llu sent, %llu received, %llu dropped, %llu refused, %llu discarded, %llu fast path, "
        "%llu tokens refused\n",
        (unsigned long long)g->sent, (unsigned long long)g->received, (unsigned long long)g->dropped,
        (unsigned long long)g->refused, (unsigned long long)g->discarded,
        (unsigned long long)g->fast_path_hits, (unsigned long long)g->refusals);
}

int main(void)
{
    struct ipc_global_stats global;
    struct ipc_object_stats object;
    uint64_t last = 0;
    int result;

    if (ipc_stats_global(&global) < 0)
        errx(1, "reading the IPC totals failed");
    printf("   ID KIND       OWNER DEPTH   MAX LIMIT  WAIT  SENT RECEIVED DROPPED REFUSED DISCARD  FAST\n");
    while ((result = ipc_stats_object(last, &object)) == 1) {
        print_object(&object);
        last = object.id;
    }
    if (result < 0)
        errx(1, "reading object %llu: IPC error %d", (unsigned long long)last + 1, -result);
    print_totals(&global);
    return 0;
}
#endif
