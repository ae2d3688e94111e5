/*
 * port_filter.c - message filters and per-sender rate limits (see
 * port_filter.h for the rules).
 *
 * Layer: native IPC (pure, host unit-tested).
 */
#include "ipc/port_filter.h"
#include "lib/string.h"

int port_filter_configure(struct port_filter *filter, const struct ipc_port_config *config)
{
    if (config->rate_messages != 0 && config->rate_window_ticks == 0)
        return -IPC_ERR_INVALID_ARGUMENT;
    memset(filter, 0, sizeof(*filter));
    filter->allowed_types = config->allowed_types;
    filter->max_size = config->filter_max_size;
    filter->rate_messages = config->rate_messages;
    filter->rate_window_ticks = config->rate_window_ticks;
    return IPC_OK;
}

bool port_filter_active(const struct port_filter *filter)
{
    return filter->allowed_types != 0 || filter->max_size != 0 || filter->rate_messages != 0;
}

int port_filter_check(const struct port_filter *filter, uint32_t type, uint32_t length)
{
    if (filter->allowed_types != 0 && (type >= 64 || !(filter->allowed_types & (UINT64_C(1) << type))))
        return -IPC_ERR_FILTERED;
    if (filter->max_size != 0 && length > filter->max_size)
        return -IPC_ERR_FILTERED;
    return IPC_OK;
}

/* The sender's place: its own, else a free one, else the one whose window
 * started first (forgotten, and taken over). */
static struct port_filter_sender *sender_place(struct port_filter *filter, uint32_t pid)
{
    struct port_filter_sender *oldest = &filter->senders[0];

    for (unsigned index = 0; index < PORT_FILTER_SENDERS; index++) {
        struct port_filter_sender *place = &filter->senders[index];
        if (place->pid == pid)
            return place;
        if (oldest->pid != 0 && (place->pid == 0 || place->window_start < oldest->window_start))
            oldest = place;
    }
    *oldest = (struct port_filter_sender){.pid = pid};
    return oldest;
}

int port_filter_charge(struct port_filter *filter, uint32_t sender, uint64_t now)
{
    struct port_filter_sender *place;

    if (filter->rate_messages == 0)
        return IPC_OK;
    place = sender_place(filter, sender);
    if (place->count == 0 || now - place->window_start >= filter->rate_window_ticks) {
        place->window_start = now;
        place->count = 0;
    }
    if (place->count >= filter->rate_messages)
        return -IPC_ERR_RATE_LIMITED;
    place->count++;
    return IPC_OK;
}
