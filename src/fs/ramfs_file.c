/*
 * ramfs_file.c - the contents of ramfs regular files: an array of pages.
 *
 * Layer: files (ramfs). Byte `offset` of a file lives in page
 * offset / PAGE_SIZE of `pages`, a frame from frame_alloc() reached
 * through the direct map; a NULL slot is a hole and reads as zeros, so a
 * write far past the end allocates only the pages it touches. Only the
 * slot array is ever reallocated (8 bytes per page), never the data.
 * Invariant (ramfs_node.h): bytes at or past the size are zero in every
 * allocated page, so growing a file never exposes old data.
 */
#include "errno.h"
#include "fs/ramfs.h"
#include "fs/ramfs_node.h"
#include "lib/string.h"
#include "mm/frame.h"
#include "mm/heap.h"
#include "mm/layout.h"

#define FIRST_PAGE_SLOTS 8
#define BLOCKS_PER_PAGE  (PAGE_SIZE / 512)
#define MAX_PAGE_SLOTS   (RAMFS_MAX_FILE_SIZE / PAGE_SIZE)

static size_t min_size(size_t a, size_t b)
{
    return a < b ? a : b;
}

/* Make room for slot `index` by doubling the slot array. */
static int ensure_slot(struct ramfs_file *file, size_t index)
{
    size_t slots = file->page_slots ? file->page_slots : FIRST_PAGE_SLOTS;

    if (index < file->page_slots)
        return 0;
    while (slots <= index)
        slots *= 2;
    slots = min_size(slots, MAX_PAGE_SLOTS);
    void **pages = kzalloc(slots * sizeof(*pages));
    if (pages == NULL)
        return -ENOSPC;
    if (file->pages)
        memcpy(pages, file->pages, file->page_slots * sizeof(*pages));
    kfree(file->pages);
    file->pages = pages;
    file->page_slots = slots;
    return 0;
}

/* The page holding slot `index`, allocated (zeroed) if it was a hole. */
static void *page_for_write(struct ramfs_node *node, size_t index)
{
    struct ramfs_file *file = &node->file;

    if (ensure_slot(file, index) < 0)
        return NULL;
    if (file->pages[index] == NULL) {
        uint64_t frame = frame_alloc();
        if (frame == 0)
            return NULL;
        file->pages[index] = PHYS_TO_VIRT(frame);
        memset(file->pages[index], 0, PAGE_SIZE);
        node->vnode.blocks += BLOCKS_PER_PAGE;
    }
    return file->pages[index];
}

static void free_page(struct ramfs_node *node, size_t index)
{
    if (node->file.pages[index] == NULL)
        return;
    frame_free(VIRT_TO_PHYS(node->file.pages[index]));
    node->file.pages[index] = NULL;
    node->vnode.blocks -= BLOCKS_PER_PAGE;
}

long ramfs_read(struct vnode *vnode, void *buffer, size_t length, uint64_t offset, int flags)
{
    struct ramfs_file *file = &ramfs_node_of(vnode)->file;
    size_t done = 0;

    (void)flags;
    if (offset >= vnode->size)
        return 0;
    length = min_size(length, vnode->size - offset);
    while (done < length) {
        uint64_t position = offset + done;
        size_t index = position / PAGE_SIZE, within = position % PAGE_SIZE;
        size_t chunk = min_size(length - done, PAGE_SIZE - within);
        if (index < file->page_slots && file->pages[index])
            memcpy((char *)buffer + done, (char *)file->pages[index] + within, chunk);
        else
            memset((char *)buffer + done, 0, chunk);
        done += chunk;
    }
    vnode_touch_accessed(vnode);
    return (long)done;
}

long ramfs_write(struct vnode *vnode, const void *buffer, size_t length, uint64_t offset, int flags)
{
    struct ramfs_node *node = ramfs_node_of(vnode);
    size_t done = 0;

    (void)flags;
    if (length == 0)
        return 0;
    if (offset >= RAMFS_MAX_FILE_SIZE)
        return -EFBIG;
    length = min_size(length, RAMFS_MAX_FILE_SIZE - offset);
    while (done < length) {
        uint64_t position = offset + done;
        size_t within = position % PAGE_SIZE, chunk = min_size(length - done, PAGE_SIZE - within);
        char *page = page_for_write(node, position / PAGE_SIZE);
        if (page == NULL)
            break;
        memcpy(page + within, (const char *)buffer + done, chunk);
        done += chunk;
    }
    if (done == 0)
        return -ENOSPC;
    if (offset + done > vnode->size)
        vnode->size = offset + done;
    vnode_touch_modified(vnode);
    return (long)done;
}

/* Free the pages wholly past `size` and zero the rest of the page `size`
 * falls in, keeping the invariant for the shorter file. */
static void discard_from(struct ramfs_node *node, uint64_t size)
{
    size_t keep = PAGE_ROUND_UP(size) / PAGE_SIZE, within = size % PAGE_SIZE;

    for (size_t index = keep; index < node->file.page_slots; index++)
        free_page(node, index);
    if (within && keep - 1 < node->file.page_slots && node->file.pages[keep - 1])
        memset((char *)node->file.pages[keep - 1] + within, 0, PAGE_SIZE - within);
}

int ramfs_truncate(struct vnode *vnode, uint64_t size)
{
    if (size > RAMFS_MAX_FILE_SIZE)
        return -EFBIG;
    if (size < vnode->size)
        discard_from(ramfs_node_of(vnode), size);
    vnode->size = size;
    vnode_touch_modified(vnode);
    return 0;
}

void ramfs_file_free(struct ramfs_node *node)
{
    discard_from(node, 0);
    kfree(node->file.pages);
}
