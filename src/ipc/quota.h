/*
 * quota.h - limits on what IPC objects a process may create: channels,
 * shared-memory regions, the bytes of memory both pin, and ports.
 *
 * Layer: native IPC (pure: host unit-tested by tests/unit/test_quota.c).
 * Each process has an account; the system has one set of totals. Creating
 * an object charges both with its amount, all or nothing; releasing the
 * object takes the charge back. A charge remembers its account, so an
 * object that outlives its creator (a channel end handed to a server)
 * still gives its share back to the totals, and an account closed at exit
 * first cuts its charges loose.
 *
 * Invariants: an account's `used` is the sum of its charges' amounts; the
 * totals' `used` is the sum of every live charge, with or without an
 * account; neither ever exceeds its limit. Every refusal is counted in the
 * account and in the totals, and reported to the refusal hook.
 * Locking: the caller holds the IPC lock.
 */
#ifndef FREEPORT_IPC_QUOTA_H
#define FREEPORT_IPC_QUOTA_H

#include <stdint.h>
#include <stdbool.h>
#include "lib/list.h"

struct ipc_quota_usage {
    uint64_t channels;
    uint64_t regions;
    uint64_t bytes; /* frames pinned: shared memory and channel rings */
    uint64_t ports;
};

struct ipc_quota_account {
    struct ipc_quota_usage used;
    struct ipc_quota_usage limit;
    uint64_t refusals;
    struct list_node charges; /* of struct ipc_quota_charge, through link */
};

struct ipc_quota_totals {
    struct ipc_quota_usage used;
    struct ipc_quota_usage limit;
    uint64_t refusals;
};

/* What one object holds; embedded in the object. */
struct ipc_quota_charge {
    struct ipc_quota_usage amount;
    struct ipc_quota_account *account; /* NULL once the account closed */
    struct list_node link;             /* in account->charges */
};

void ipc_quota_account_init(struct ipc_quota_account *account, struct ipc_quota_usage limit);

/* The process exits: its charges stay with their objects (and in the
 * totals) but no longer point at the account. */
void ipc_quota_account_close(struct ipc_quota_account *account);

/* Charge `amount` to the account and the totals: -IPC_ERR_QUOTA (counted
 * in both) if either would pass its limit, and nothing changes. */
int ipc_quota_charge(struct ipc_quota_totals *totals, struct ipc_quota_account *account,
                     struct ipc_quota_usage amount, struct ipc_quota_charge *charge);

/* Called with the IPC_QUOTA_RESOURCE_* a refusal was for and whether the
 * system's limit (rather than the account's) refused it; the kernel's
 * system endpoint reports refusals this way. None by default. */
void ipc_quota_set_refusal_hook(void (*hook)(unsigned resource, bool system_wide));

/* Give the charge back; the charge may then be forgotten. */
void ipc_quota_uncharge(struct ipc_quota_totals *totals, struct ipc_quota_charge *charge);

/* The kernel's totals, with the limits of <freeport/ipc.h>. */
extern struct ipc_quota_totals ipc_quota_system;

#endif
