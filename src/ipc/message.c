/*
 * message.c - building, delivering and freeing port messages (see
 * message.h for the rules).
 *
 * Layer: native IPC, on proc/usercopy.h. A message and its payload are one
 * allocation: the payload follows the struct.
 */
#include "ipc/message.h"
#include "arch/arch.h"
#include "ipc/cap_table.h"
#include "ipc/ipc_process.h"
#include "ipc/ipc_stats.h"
#include "lib/string.h"
#include "mm/heap.h"
#include "proc/process.h"
#include "proc/usercopy.h"

struct delivery_target delivery_target_of(struct ipc_process *ipc,
                                          const struct ipc_receive_args *user_args_address,
                                          const struct ipc_receive_args *args)
{
    return (struct delivery_target){
        .process = ipc->process,
        .ipc = ipc,
        .args_address = (uint64_t)user_args_address,
        .payload_address = args->payload,
        .capacity = args->capacity,
    };
}

int message_header_check(const struct ipc_msg_header *header, uint32_t max_length)
{
    if (header->cap_count > IPC_MAX_CAPS_PER_MSG || header->priority >= IPC_PRIORITY_LEVELS ||
        header->flags != 0 || header->reserved != 0)
        return -IPC_ERR_INVALID_ARGUMENT;
    if (header->length > max_length)
        return -IPC_ERR_TOO_LARGE;
    return IPC_OK;
}

struct ipc_msg_header message_header_make(const struct ipc_msg_header *sent, uint32_t sender_pid,
                                          uint16_t flags, uint64_t transaction_id)
{
    return (struct ipc_msg_header){
        .type = sent->type,
        .length = sent->length,
        .sender_pid = sender_pid,
        .timestamp = arch_ticks(),
        .priority = sent->priority,
        .cap_count = sent->cap_count,
        .flags = flags,
        .transaction_id = transaction_id,
    };
}

int message_allocate(const struct ipc_msg_header *header, struct ipc_message **out)
{
    uint32_t length = header->length;
    struct ipc_message *message;

    if (ipc_totals.message_bytes + length > IPC_MESSAGE_BYTES_MAX)
        return -IPC_ERR_NO_MEMORY;
    message = kmalloc(sizeof(*message) + length);
    if (!message)
        return -IPC_ERR_NO_MEMORY;
    message->header = *header;
    message->payload = length ? message + 1 : NULL;
    ipc_totals.messages++;
    ipc_totals.message_bytes += length;
    *out = message;
    return IPC_OK;
}

int message_create(const struct ipc_send_args *args, struct cap_table *table,
                   const struct ipc_msg_header *header, struct ipc_message **out)
{
    struct ipc_message *message;
    int error = message_allocate(header, &message);

    if (error)
        return error;
    error = copy_from_user(message->payload, (const void *)args->payload, header->length) < 0 ? -IPC_ERR_FAULT
                                                                                              : IPC_OK;
    if (!error)
        error = cap_grant(table, args->header.caps, header->cap_count, message->caps);
    if (error) {
        message_free_delivered(message); /* no capability was granted */
        return error;
    }
    *out = message;
    return IPC_OK;
}

int message_create_kernel(const struct ipc_msg_header *header, const void *payload, struct ipc_message **out)
{
    int error = message_allocate(header, out);

    if (!error)
        memcpy((*out)->payload, payload, header->length);
    return error;
}

void message_free_delivered(struct ipc_message *message)
{
    ipc_totals.messages--;
    ipc_totals.message_bytes -= message->header.length;
    kfree(message);
}

void message_destroy(struct ipc_message *message)
{
    for (unsigned index = 0; index < message->header.cap_count; index++)
        cap_discard(message->caps[index]);
    message_free_delivered(message);
}

bool message_carries(const struct ipc_message *message, const struct ipc_object *object)
{
    for (unsigned index = 0; index < message->header.cap_count; index++)
        if (message->caps[index]->object == object)
            return true;
    return false;
}

/* Why the target cannot take the message whole, or 0: checked before
 * anything is written, with the capability slots reserved on success. */
static int target_refuses(const struct delivery_target *target, const struct ipc_msg_header *header)
{
    if (header->length > target->capacity)
        return -IPC_ERR_TOO_LARGE;
    if ((header->flags & IPC_MSG_CALL) && !reply_table_has_room(&target->ipc->owed))
        return -IPC_ERR_QUOTA;
    return cap_transfer_prepare(&target->ipc->capabilities, header->cap_count);
}

/* Writes the header where the target wants it: 0 or -EFAULT. */
static int header_write(const struct delivery_target *target, const struct ipc_msg_header *header)
{
    struct ipc_receive_args *args = (struct ipc_receive_args *)target->args_address;

    if (target->header_out) {
        *target->header_out = *header;
        return 0;
    }
    return copy_to_process(target->process, &args->header, header, sizeof(*header));
}

int message_deliver(const struct delivery_target *target, const struct ipc_msg_header *header,
                    const void *payload, struct capability **caps)
{
    struct ipc_msg_header written = *header;
    int refusal;

    written.receiver_pid = (uint32_t)target->process->pid;
    memset(written.caps, 0, sizeof(written.caps));
    refusal = target_refuses(target, header);
    if (header_write(target, &written) < 0) {
        if (!refusal)
            cap_transfer_cancel(&target->ipc->capabilities, header->cap_count);
        return -IPC_ERR_FAULT;
    }
    if (refusal)
        return refusal;
    if (copy_to_process(target->process, (void *)target->payload_address, payload, header->length) < 0) {
        cap_transfer_cancel(&target->ipc->capabilities, header->cap_count);
        return -IPC_ERR_FAULT;
    }
    cap_transfer_commit(&target->ipc->capabilities, caps, header->cap_count, written.caps);
    if (header->flags & IPC_MSG_CALL) {
        reply_table_add(&target->ipc->owed, header->transaction_id, header->sender_pid);
        ipc_totals.replies_owed++;
    }
    /* The header was written above, so its page is present and private:
     * writing it again with the tokens cannot fail. */
    if (header->cap_count)
        (void)header_write(target, &written);
    return IPC_OK;
}
