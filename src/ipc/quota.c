/*
 * quota.c - per-process and system-wide limits on channels, regions,
 * pinned bytes and ports (see quota.h for the rules).
 *
 * Layer: native IPC (pure, host unit-tested).
 */
#include "ipc/quota.h"
#include "uapi/freeport/ipc.h"

struct ipc_quota_totals ipc_quota_system = {
    .limit = {.channels = IPC_QUOTA_CHANNELS_TOTAL,
              .regions = IPC_QUOTA_REGIONS_TOTAL,
              .bytes = IPC_QUOTA_BYTES_TOTAL,
              .ports = IPC_QUOTA_PORTS_TOTAL},
};

static struct ipc_quota_usage usage_plus(struct ipc_quota_usage a, struct ipc_quota_usage b)
{
    return (struct ipc_quota_usage){.channels = a.channels + b.channels,
                                    .regions = a.regions + b.regions,
                                    .bytes = a.bytes + b.bytes,
                                    .ports = a.ports + b.ports};
}

static struct ipc_quota_usage usage_minus(struct ipc_quota_usage a, struct ipc_quota_usage b)
{
    return (struct ipc_quota_usage){.channels = a.channels - b.channels,
                                    .regions = a.regions - b.regions,
                                    .bytes = a.bytes - b.bytes,
                                    .ports = a.ports - b.ports};
}

/* used + amount within limit, without overflowing on an absurd amount. */
static bool usage_fits(struct ipc_quota_usage used, struct ipc_quota_usage amount,
                       struct ipc_quota_usage limit)
{
    return amount.channels <= limit.channels - used.channels &&
           amount.regions <= limit.regions - used.regions && amount.bytes <= limit.bytes - used.bytes &&
           amount.ports <= limit.ports - used.ports;
}

static void (*refusal_hook)(unsigned resource, bool system_wide);

void ipc_quota_set_refusal_hook(void (*hook)(unsigned resource, bool system_wide))
{
    refusal_hook = hook;
}

/* The first limit (IPC_QUOTA_RESOURCE_*) used + amount passes; the
 * caller knows one does. */
static unsigned resource_exceeded(struct ipc_quota_usage used, struct ipc_quota_usage amount,
                                  struct ipc_quota_usage limit)
{
    if (amount.channels > limit.channels - used.channels)
        return IPC_QUOTA_RESOURCE_CHANNELS;
    if (amount.regions > limit.regions - used.regions)
        return IPC_QUOTA_RESOURCE_REGIONS;
    if (amount.bytes > limit.bytes - used.bytes)
        return IPC_QUOTA_RESOURCE_BYTES;
    return IPC_QUOTA_RESOURCE_PORTS;
}

/* Counts a refusal and reports it. */
static int refuse(struct ipc_quota_totals *totals, struct ipc_quota_account *account,
                  struct ipc_quota_usage amount)
{
    bool own = !usage_fits(account->used, amount, account->limit);

    account->refusals++;
    totals->refusals++;
    if (refusal_hook)
        refusal_hook(own ? resource_exceeded(account->used, amount, account->limit)
                         : resource_exceeded(totals->used, amount, totals->limit),
                     !own);
    return -IPC_ERR_QUOTA;
}

void ipc_quota_account_init(struct ipc_quota_account *account, struct ipc_quota_usage limit)
{
    account->used = (struct ipc_quota_usage){0};
    account->limit = limit;
    account->refusals = 0;
    list_init(&account->charges);
}

void ipc_quota_account_close(struct ipc_quota_account *account)
{
    struct list_node *link;

    while ((link = list_pop_front(&account->charges)) != NULL)
        list_entry(link, struct ipc_quota_charge, link)->account = NULL;
    account->used = (struct ipc_quota_usage){0};
}

int ipc_quota_charge(struct ipc_quota_totals *totals, struct ipc_quota_account *account,
                     struct ipc_quota_usage amount, struct ipc_quota_charge *charge)
{
    if (!usage_fits(account->used, amount, account->limit) ||
        !usage_fits(totals->used, amount, totals->limit))
        return refuse(totals, account, amount);
    account->used = usage_plus(account->used, amount);
    totals->used = usage_plus(totals->used, amount);
    charge->amount = amount;
    charge->account = account;
    list_push_back(&account->charges, &charge->link);
    return IPC_OK;
}

void ipc_quota_uncharge(struct ipc_quota_totals *totals, struct ipc_quota_charge *charge)
{
    if (charge->account) {
        charge->account->used = usage_minus(charge->account->used, charge->amount);
        list_remove(&charge->link);
        charge->account = NULL;
    }
    totals->used = usage_minus(totals->used, charge->amount);
    charge->amount = (struct ipc_quota_usage){0};
}
