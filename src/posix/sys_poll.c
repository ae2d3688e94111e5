/*
 * sys_poll.c - ppoll(): the one kernel implementation of poll, select and
 * pselect (libc turns each into this call).
 *
 * Layer: POSIX (system-call side), on the file layer's file_poll() and
 * native IPC's ipc_wait_objects(). Each round asks every descriptor's file
 * what is true now; if nothing the caller wants is, it sleeps on the IPC
 * objects behind those files (a pipe end's stream) until one of them
 * notifies, the deadline passes or a signal comes, and asks again. Files
 * without an object (regular files, /dev/null) are always
 * ready, so a call naming one never sleeps.
 *
 * The files are held (file references) from the round's question until its
 * wait is over, which keeps their objects alive, as ipc_wait_objects asks.
 * A signal mask, if given, is in force for the whole call and stays in
 * force for the handler of the signal that ends it with EINTR, as
 * sigsuspend's does (signal.c restores the caller's afterwards); poll is
 * never restarted under SA_RESTART.
 */
#include "errno.h"
#include "fs/fd_table.h"
#include "fs/file.h"
#include "ipc/ipc_wait.h"
#include "ipc/waitset.h"
#include "mm/heap.h"
#include "posix/errno_map.h"
#include "posix/syscalls.h"
#include "proc/process.h"
#include "proc/signal.h"
#include "proc/usercopy.h"

/* What one round waits on: distinct objects, each with the union of the
 * events its descriptors wait for. */
struct poll_round {
    struct file *files[FP_POLL_MAX]; /* held for the round; NULL: no file */
    struct ipc_object *objects[IPC_WAITSET_MAX_ENTRIES];
    uint32_t events[IPC_WAITSET_MAX_ENTRIES];
    uint32_t ready[IPC_WAITSET_MAX_ENTRIES];
    uint32_t count;
    bool too_many; /* more distinct objects than one wait watches */
};

/* Add `object` and its `events` to the round's objects (nothing if
 * either is missing; beyond what one wait can watch, the round is marked
 * too_many instead). */
static void round_add(struct poll_round *round, void *object, uint32_t events)
{
    uint32_t index = 0;

    if (object == NULL || events == 0)
        return;
    while (index < round->count && round->objects[index] != object)
        index++;
    if (index == IPC_WAITSET_MAX_ENTRIES) {
        round->too_many = true;
        return;
    }
    if (index == round->count) {
        round->objects[round->count] = object;
        round->events[round->count++] = 0;
    }
    round->events[index] |= events;
}

/* Ask every descriptor: the number with revents. Takes a
 * reference on each open file, which round_end gives back. */
static int round_ask(struct poll_round *round, struct freeport_pollfd *fds, uint32_t nfds)
{
    int found = 0;

    round->count = 0;
    round->too_many = false;
    for (uint32_t index = 0; index < nfds; index++) {
        struct freeport_pollfd *entry = &fds[index];
        struct file_poll_wait wait;

        entry->revents = 0;
        round->files[index] = entry->fd < 0 ? NULL : fd_current_file(entry->fd);
        if (entry->fd >= 0 && round->files[index] == NULL)
            entry->revents = FP_POLLNVAL;
        else if (round->files[index] != NULL) {
            int events = file_poll(round->files[index], entry->events, &wait);
            entry->revents = (int16_t)(events & (entry->events | FP_POLLERR | FP_POLLHUP));
            if (entry->revents == 0) {
                round_add(round, wait.object, wait.events);
                round_add(round, wait.also_object, wait.also_events);
            }
        }
        found += entry->revents != 0;
    }
    return found;
}

static void round_end(struct poll_round *round, uint32_t nfds)
{
    for (uint32_t index = 0; index < nfds; index++)
        if (round->files[index] != NULL)
            file_put(round->files[index]);
}

/* Rounds until something is ready (the count), the deadline (0), a signal
 * (-EINTR), or an error: -EINVAL when it would have to wait on more
 * objects than one wait watches (IPC_WAITSET_MAX_ENTRIES). */
static long poll_files(struct poll_round *round, struct freeport_pollfd *fds, uint32_t nfds,
                       uint64_t deadline)
{
    for (;;) {
        int found = round_ask(round, fds, nfds), waited = -IPC_ERR_TIMEOUT;
        if (found == 0 && deadline != 0)
            waited = round->too_many ? -IPC_ERR_INVALID_ARGUMENT
                                     : ipc_wait_objects(round->objects, round->events, round->ready,
                                                        round->count, deadline);
        round_end(round, nfds);
        if (found != 0)
            return found;
        if (waited == -IPC_ERR_TIMEOUT)
            return 0;
        if (waited < 0)
            return posix_result(waited);
    }
}

/* The deadline of a timeout of `user_timeout` nanoseconds (NULL: none):
 * 0, -EFAULT or -EINVAL (negative). */
static int deadline_of(const int64_t *user_timeout, uint64_t *deadline)
{
    int64_t timeout;

    *deadline = IPC_DEADLINE_NEVER;
    if (user_timeout == NULL)
        return 0;
    if (copy_from_user(&timeout, user_timeout, sizeof(timeout)) < 0)
        return -EFAULT;
    if (timeout < 0)
        return -EINVAL;
    *deadline = ipc_deadline((uint64_t)timeout);
    return 0;
}

/* Put `mask` in force as sigsuspend does: the caller's comes back when the
 * call ends, or after the handler of the signal that interrupts it. */
static void mask_install(struct signal_state *state, uint64_t mask)
{
    state->suspend_saved_mask = state->blocked;
    state->suspended = true;
    state->blocked = mask & SIGNAL_ALL & ~SIGNAL_UNBLOCKABLE;
}

static void mask_restore(struct signal_state *state)
{
    state->blocked = state->suspend_saved_mask;
    state->suspended = false;
}

long sys_ppoll(struct freeport_pollfd *user_fds, uint64_t nfds, const int64_t *user_timeout,
               const uint64_t *user_mask)
{
    struct signal_state *signals = &process_current()->signals;
    size_t size = nfds * sizeof(struct freeport_pollfd);
    struct poll_round *round;
    uint64_t deadline, mask;
    long result;

    if (nfds > FP_POLL_MAX)
        return -EINVAL;
    if ((result = deadline_of(user_timeout, &deadline)) < 0)
        return result;
    if (user_mask != NULL && copy_from_user(&mask, user_mask, sizeof(mask)) < 0)
        return -EFAULT;
    round = kmalloc(sizeof(*round) + size);
    if (round == NULL)
        return -ENOMEM;
    struct freeport_pollfd *fds = (struct freeport_pollfd *)(round + 1);
    if (copy_from_user(fds, user_fds, size) < 0) {
        kfree(round);
        return -EFAULT;
    }
    if (user_mask != NULL)
        mask_install(signals, mask);
    result = poll_files(round, fds, (uint32_t)nfds, deadline);
    if (user_mask != NULL && result != -EINTR)
        mask_restore(signals);
    if (result >= 0 && copy_to_user(user_fds, fds, size) < 0)
        result = -EFAULT;
    kfree(round);
    return result;
}
