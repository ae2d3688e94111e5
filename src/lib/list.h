/*
 * list.h - intrusive circular doubly-linked lists (the Linux kernel's shape).
 *
 * Layer: library. A struct list_node is embedded in each element; the list
 * head is a node whose next/prev point to itself when empty. list_entry()
 * gets from the node back to the element. Not thread-safe: the owner's lock
 * (or interrupts off, on one CPU) protects a list.
 */
#ifndef FREEPORT_LIB_LIST_H
#define FREEPORT_LIB_LIST_H

#include <stdbool.h>
#include <stddef.h>

struct list_node {
    struct list_node *next, *prev;
};

#define LIST_HEAD_INIT(name) { &(name), &(name) }

#define list_entry(node, type, member) \
    ((type *)((char *)(node) - offsetof(type, member)))

#define list_for_each(node, head) \
    for (struct list_node *node = (head)->next; node != (head); node = node->next)

/* Safe against removing `node` inside the loop. */
#define list_for_each_safe(node, head)                                          \
    for (struct list_node *node = (head)->next, *node##_next = node->next;     \
         node != (head); node = node##_next, node##_next = node->next)

static inline void list_init(struct list_node *head)
{
    head->next = head->prev = head;
}

static inline bool list_empty(const struct list_node *head)
{
    return head->next == head;
}

static inline void list_insert_between(struct list_node *node, struct list_node *prev,
                                       struct list_node *next)
{
    node->prev = prev;
    node->next = next;
    prev->next = node;
    next->prev = node;
}

static inline void list_push_back(struct list_node *head, struct list_node *node)
{
    list_insert_between(node, head->prev, head);
}

static inline void list_push_front(struct list_node *head, struct list_node *node)
{
    list_insert_between(node, head, head->next);
}

static inline void list_remove(struct list_node *node)
{
    node->prev->next = node->next;
    node->next->prev = node->prev;
    node->next = node->prev = node;
}

static inline struct list_node *list_pop_front(struct list_node *head)
{
    struct list_node *node = head->next;

    if (node == head)
        return NULL;
    list_remove(node);
    return node;
}

#endif
