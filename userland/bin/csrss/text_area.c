/*
 * csrss/text_area.c - the cell grid and its cursor (see text_area.h).
 *
 * Layer: csrss, pure. Scrolling moves rows with memmove; nothing here
 * allocates.
 */
#include "text_area.h"

#include <string.h>

static int clamp(int value, int low, int high)
{
    return value < low ? low : value > high ? high : value;
}

void text_area_init(struct text_area *area, struct text_cell *cells, int rows, int columns)
{
    *area = (struct text_area){.cells = cells, .rows = rows, .columns = columns, .cursor_visible = true};
    text_area_erase(area, 0, 0, rows - 1, columns - 1, TEXT_ATTRIBUTE_DEFAULT);
}

struct text_cell *text_area_cell(const struct text_area *area, int row, int column)
{
    return &area->cells[row * area->columns + column];
}

static void scroll_up(struct text_area *area, uint8_t attribute)
{
    size_t row_bytes = (size_t)area->columns * sizeof(struct text_cell);

    memmove(area->cells, text_area_cell(area, 1, 0), row_bytes * (size_t)(area->rows - 1));
    text_area_erase(area, area->rows - 1, 0, area->rows - 1, area->columns - 1, attribute);
}

void text_area_line_feed(struct text_area *area, uint8_t attribute)
{
    area->pending_wrap = false;
    if (area->row == area->rows - 1)
        scroll_up(area, attribute);
    else
        area->row++;
}

void text_area_put(struct text_area *area, uint8_t character, uint8_t attribute)
{
    if (area->pending_wrap) {
        area->column = 0;
        text_area_line_feed(area, attribute);
    }
    *text_area_cell(area, area->row, area->column) = (struct text_cell){character, attribute};
    if (area->column == area->columns - 1)
        area->pending_wrap = true;
    else
        area->column++;
}

void text_area_move(struct text_area *area, int row, int column)
{
    area->row = clamp(row, 0, area->rows - 1);
    area->column = clamp(column, 0, area->columns - 1);
    area->pending_wrap = false;
}

void text_area_erase(struct text_area *area, int row, int column, int last_row, int last_column,
                     uint8_t attribute)
{
    int first = clamp(row, 0, area->rows - 1) * area->columns + clamp(column, 0, area->columns - 1);
    int last = clamp(last_row, 0, area->rows - 1) * area->columns + clamp(last_column, 0, area->columns - 1);

    for (int index = first; index <= last; index++)
        area->cells[index] = (struct text_cell){' ', attribute};
}
