/*
 * csrss/window.c - the window table and the compositor (see window.h).
 *
 * Layer: csrss, pure. Borders use CP437's single-line box characters,
 * which the VGA font draws; the title sits in the top border.
 */
#include "window.h"

#include <errno.h>
#include <string.h>

#define BOX_TOP_LEFT     0xda
#define BOX_TOP_RIGHT    0xbf
#define BOX_BOTTOM_LEFT  0xc0
#define BOX_BOTTOM_RIGHT 0xd9
#define BOX_HORIZONTAL   0xc4
#define BOX_VERTICAL     0xb3

void window_table_init(struct window_table *table)
{
    memset(table, 0, sizeof(*table));
    table->next_id = 1;
}

static bool geometry_fits(struct window_geometry geometry)
{
    return geometry.x >= 0 && geometry.y >= 0 && geometry.width >= WINDOW_MIN_SIZE &&
           geometry.height >= WINDOW_MIN_SIZE && geometry.width <= SCREEN_COLUMNS - geometry.x &&
           geometry.height <= SCREEN_ROWS - geometry.y;
}

static int free_slot(const struct window_table *table)
{
    for (int slot = 0; slot < WINDOW_MAX; slot++)
        if (table->slots[slot].id == 0)
            return slot;
    return -1;
}

static uint32_t take_id(struct window_table *table)
{
    uint32_t id = table->next_id++;

    if (table->next_id == 0)
        table->next_id = 1;
    return id;
}

/* Copy the printable ASCII of `title` that fits the top border between
 * its corners and a space on each side. */
static void set_title(struct window *window, const char *title, size_t title_length)
{
    size_t room = window->width > 4 ? (size_t)window->width - 4 : 0, kept = 0;

    for (size_t index = 0; index < title_length && kept < room && kept < WINDOW_TITLE_MAX; index++)
        if (title[index] >= 0x20 && title[index] < 0x7f)
            window->title[kept++] = title[index];
    window->title[kept] = '\0';
}

long window_create(struct window_table *table, int console, int owner, struct window_geometry geometry,
                   uint8_t attribute, const char *title, size_t title_length)
{
    if (!geometry_fits(geometry))
        return -EINVAL;
    int slot = free_slot(table);
    if (slot < 0)
        return -ENOSPC;
    struct window *window = &table->slots[slot];
    *window = (struct window){.console = console,
                              .owner = owner,
                              .x = geometry.x,
                              .y = geometry.y,
                              .width = geometry.width,
                              .height = geometry.height,
                              .attribute = attribute};
    set_title(window, title, title_length);
    terminal_init(&window->inside, window->cells, geometry.height - 2, geometry.width - 2);
    terminal_set_attribute(&window->inside, attribute);
    text_area_erase(&window->inside.area, 0, 0, geometry.height - 3, geometry.width - 3, attribute);
    window->id = take_id(table);
    table->order[table->count++] = slot;
    return window->id;
}

/* The position in `order` of window `id`, or -1. */
static int order_index(const struct window_table *table, uint32_t id)
{
    for (int index = 0; index < table->count; index++)
        if (table->slots[table->order[index]].id == id)
            return index;
    return -1;
}

struct window *window_find(struct window_table *table, uint32_t id)
{
    int index = id == 0 ? -1 : order_index(table, id);

    return index < 0 ? NULL : &table->slots[table->order[index]];
}

int window_close(struct window_table *table, uint32_t id)
{
    int index = id == 0 ? -1 : order_index(table, id);

    if (index < 0)
        return -ENOENT;
    table->slots[table->order[index]].id = 0;
    table->count--;
    memmove(&table->order[index], &table->order[index + 1], sizeof(int) * (size_t)(table->count - index));
    return 0;
}

int window_close_owned(struct window_table *table, int owner)
{
    int closed = 0;

    for (int index = table->count - 1; index >= 0; index--) {
        const struct window *window = &table->slots[table->order[index]];
        if (window->owner == owner && window_close(table, window->id) == 0)
            closed++;
    }
    return closed;
}

static void draw_border(const struct window *window, struct text_cell *out)
{
    int right = window->x + window->width - 1, bottom = window->y + window->height - 1;

    for (int row = window->y; row <= bottom; row++)
        for (int column = window->x; column <= right; column++) {
            bool top_or_bottom = row == window->y || row == bottom;
            bool side = column == window->x || column == right;
            if (!top_or_bottom && !side)
                continue;
            uint8_t character = top_or_bottom ? BOX_HORIZONTAL : BOX_VERTICAL;
            if (top_or_bottom && side)
                character = row == window->y ? (column == window->x ? BOX_TOP_LEFT : BOX_TOP_RIGHT)
                                             : (column == window->x ? BOX_BOTTOM_LEFT : BOX_BOTTOM_RIGHT);
            out[row * SCREEN_COLUMNS + column] = (struct text_cell){character, window->attribute};
        }
    size_t title_length = strlen(window->title);
    for (size_t index = 0; index < title_length; index++)
        out[window->y * SCREEN_COLUMNS + window->x + 2 + (int)index] =
            (struct text_cell){(uint8_t)window->title[index], window->attribute};
}

static void draw_window(const struct window *window, struct text_cell *out)
{
    const struct text_area *inside = &window->inside.area;

    draw_border(window, out);
    for (int row = 0; row < inside->rows; row++)
        memcpy(&out[(window->y + 1 + row) * SCREEN_COLUMNS + window->x + 1], text_area_cell(inside, row, 0),
               sizeof(struct text_cell) * (size_t)inside->columns);
}

void window_compose(const struct window_table *table, int console, const struct text_area *base,
                    struct text_cell *out)
{
    memcpy(out, base->cells, sizeof(struct text_cell) * SCREEN_ROWS * SCREEN_COLUMNS);
    for (int index = 0; index < table->count; index++) {
        const struct window *window = &table->slots[table->order[index]];
        if (window->console == console)
            draw_window(window, out);
    }
}
