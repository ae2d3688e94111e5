/*
 * sys_transport_stats.c - ipc_transport_stats: the counters of channels,
 * shared memory, wait sets and broadcast, system-wide and the caller's.
 *
 * Layer: native IPC (system-call side). Each figure comes from the file
 * that owns it; this call only gathers them.
 */
#include "ipc/broadcast.h"
#include "ipc/channel.h"
#include "ipc/ipc_mapping.h"
#include "ipc/quota.h"
#include "ipc/sys_user.h"
#include "ipc/syscalls.h"
#include "ipc/system_endpoint.h"
#include "ipc/waitset.h"

long sys_ipc_transport_stats(struct ipc_transport_stats *user_stats)
{
    struct ipc_process *self = ipc_caller();
    struct ipc_transport_stats stats = {
        .channels = ipc_quota_system.used.channels,
        .regions = ipc_quota_system.used.regions,
        .pinned_bytes = ipc_quota_system.used.bytes,
        .mappings = ipc_mapping_count(),
        .waitsets = waitset_count,
        .waitset_entries = waitset_entry_count,
        .broadcasts = broadcast_count,
        .subscriptions = broadcast_subscription_count,
        .quota_refusals = ipc_quota_system.refusals,
        .channel_waits = channel_waits,
        .channel_wakes = channel_wakes,
        .published = broadcast_totals.published,
        .delivered = broadcast_totals.delivered,
        .dropped = broadcast_totals.dropped,
        .system_events = system_events_queued,
        .system_events_lost = system_events_lost,
    };

    if (!self)
        return -IPC_ERR_NO_MEMORY;
    stats.own_channels = self->quota.used.channels;
    stats.own_regions = self->quota.used.regions;
    stats.own_bytes = self->quota.used.bytes;
    stats.own_ports = self->quota.used.ports;
    stats.own_quota_refusals = self->quota.refusals;
    return ipc_copy_out(user_stats, &stats, sizeof(stats));
}
