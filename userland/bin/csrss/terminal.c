/*
 * csrss/terminal.c - the VT100/ANSI subset of terminal.h: a three-state
 * parser (ground, escape, control sequence) and the actions of each
 * control and final byte on the text_area.
 *
 * Layer: csrss, pure. ANSI numbers colours black, red, green, yellow,
 * blue, magenta, cyan, white; VGA numbers them black, blue, green, cyan,
 * red, magenta, brown, light grey: ansi_to_vga converts.
 */
#include "terminal.h"

#include <stdbool.h>

#define PARAMETER_LIMIT 9999
#define TAB_WIDTH       8

static const uint8_t ansi_to_vga[8] = {0, 4, 2, 6, 1, 5, 3, 7};

static void reset_colours(struct terminal *terminal)
{
    terminal->foreground = terminal->normal & 0x0f;
    terminal->background = (terminal->normal >> 4) & 0x07;
    terminal->bold = false;
    terminal->reverse = false;
}

void terminal_init(struct terminal *terminal, struct text_cell *cells, int rows, int columns)
{
    *terminal = (struct terminal){.state = TERMINAL_GROUND, .normal = TEXT_ATTRIBUTE_DEFAULT};
    reset_colours(terminal);
    text_area_init(&terminal->area, cells, rows, columns);
}

uint8_t terminal_attribute(const struct terminal *terminal)
{
    uint8_t foreground = terminal->foreground | (terminal->bold ? 0x08 : 0);
    uint8_t background = terminal->background;

    if (terminal->reverse)
        return (uint8_t)((foreground & 0x07) << 4 | background);
    return (uint8_t)(background << 4 | foreground);
}

void terminal_set_attribute(struct terminal *terminal, uint8_t attribute)
{
    terminal->normal = attribute & 0x7f; /* bit 7 would blink */
    reset_colours(terminal);
}

/* Parameter `index` of the sequence, or `fallback` when absent or 0
 * (ECMA-48: a missing or zero count means one). */
static int count_parameter(const struct terminal *terminal, int index, int fallback)
{
    if (index >= terminal->parameter_count || terminal->parameters[index] == 0)
        return fallback;
    return terminal->parameters[index];
}

static void select_graphic_rendition(struct terminal *terminal, int code)
{
    if (code == 0)
        reset_colours(terminal);
    else if (code == 1)
        terminal->bold = true;
    else if (code == 22)
        terminal->bold = false;
    else if (code == 7)
        terminal->reverse = true;
    else if (code == 27)
        terminal->reverse = false;
    else if (code >= 30 && code <= 37)
        terminal->foreground = ansi_to_vga[code - 30];
    else if (code >= 90 && code <= 97)
        terminal->foreground = ansi_to_vga[code - 90] | 0x08;
    else if (code == 39)
        terminal->foreground = terminal->normal & 0x0f;
    else if (code >= 40 && code <= 47)
        terminal->background = ansi_to_vga[code - 40];
    else if (code >= 100 && code <= 107)
        terminal->background = ansi_to_vga[code - 100];
    else if (code == 49)
        terminal->background = (terminal->normal >> 4) & 0x07;
}

static void erase_display(struct terminal *terminal, int mode)
{
    struct text_area *area = &terminal->area;
    uint8_t attribute = terminal_attribute(terminal);

    if (mode == 0)
        text_area_erase(area, area->row, area->column, area->rows - 1, area->columns - 1, attribute);
    else if (mode == 1)
        text_area_erase(area, 0, 0, area->row, area->column, attribute);
    else if (mode == 2)
        text_area_erase(area, 0, 0, area->rows - 1, area->columns - 1, attribute);
}

static void erase_line(struct terminal *terminal, int mode)
{
    struct text_area *area = &terminal->area;
    uint8_t attribute = terminal_attribute(terminal);
    int first = mode == 0 ? area->column : 0;
    int last = mode == 1 ? area->column : area->columns - 1;

    if (mode >= 0 && mode <= 2)
        text_area_erase(area, area->row, first, area->row, last, attribute);
}

static void private_sequence(struct terminal *terminal, uint8_t final)
{
    if (terminal->parameter_count >= 1 && terminal->parameters[0] == 25 && (final == 'h' || final == 'l'))
        terminal->area.cursor_visible = final == 'h';
}

static void control_sequence(struct terminal *terminal, uint8_t final)
{
    struct text_area *area = &terminal->area;
    int count = count_parameter(terminal, 0, 1);

    if (terminal->private_marker) {
        private_sequence(terminal, final);
        return;
    }
    switch (final) {
    case 'A': text_area_move(area, area->row - count, area->column); break;
    case 'B': text_area_move(area, area->row + count, area->column); break;
    case 'C': text_area_move(area, area->row, area->column + count); break;
    case 'D': text_area_move(area, area->row, area->column - count); break;
    case 'H':
    case 'f': text_area_move(area, count - 1, count_parameter(terminal, 1, 1) - 1); break;
    case 'J': erase_display(terminal, terminal->parameters[0]); break;
    case 'K': erase_line(terminal, terminal->parameters[0]); break;
    case 'm':
        for (int index = 0;
             index == 0 || (index < terminal->parameter_count && index < TERMINAL_PARAMETERS_MAX); index++)
            select_graphic_rendition(terminal, terminal->parameters[index]);
        break;
    default: break;
    }
}

static void start_sequence(struct terminal *terminal)
{
    terminal->state = TERMINAL_CSI;
    terminal->parameter_count = 0;
    terminal->private_marker = false;
    for (int index = 0; index < TERMINAL_PARAMETERS_MAX; index++)
        terminal->parameters[index] = 0;
}

/* One byte inside ESC [ ... */
static void csi_byte(struct terminal *terminal, uint8_t byte)
{
    if (byte >= '0' && byte <= '9') {
        if (terminal->parameter_count == 0)
            terminal->parameter_count = 1;
        if (terminal->parameter_count > TERMINAL_PARAMETERS_MAX)
            return;
        int *parameter = &terminal->parameters[terminal->parameter_count - 1];
        if (*parameter <= PARAMETER_LIMIT / 10)
            *parameter = *parameter * 10 + (byte - '0');
    } else if (byte == ';') {
        if (terminal->parameter_count == 0)
            terminal->parameter_count = 1;
        if (terminal->parameter_count <= TERMINAL_PARAMETERS_MAX)
            terminal->parameter_count++;
    } else if (byte == '?' && terminal->parameter_count == 0) {
        terminal->private_marker = true;
    } else if (byte >= 0x40 && byte <= 0x7e) {
        terminal->state = TERMINAL_GROUND;
        control_sequence(terminal, byte);
    }
}

/* ESC c: blank, cursor home and shown, parser and colours reset (to the
 * normal colours, which stay). */
static void reset(struct terminal *terminal)
{
    struct text_area *area = &terminal->area;

    reset_colours(terminal);
    terminal->state = TERMINAL_GROUND;
    text_area_erase(area, 0, 0, area->rows - 1, area->columns - 1, terminal_attribute(terminal));
    text_area_move(area, 0, 0);
    area->cursor_visible = true;
}

/* One byte after ESC: '[' starts a control sequence, intermediates
 * (0x20-0x2f, as in ESC ( B) continue the escape, anything else ends it. */
static void escape_byte(struct terminal *terminal, uint8_t byte)
{
    if (byte >= 0x20 && byte <= 0x2f)
        return;
    terminal->state = TERMINAL_GROUND;
    if (byte == '[')
        start_sequence(terminal);
    else if (byte == 'c')
        reset(terminal);
}

/* A C0 control byte (other than ESC); true when it was one. */
static bool control_byte(struct terminal *terminal, uint8_t byte)
{
    struct text_area *area = &terminal->area;

    switch (byte) {
    case '\r': text_area_move(area, area->row, 0); return true;
    case '\n':
    case '\v':
    case '\f': text_area_line_feed(area, terminal_attribute(terminal)); return true;
    case '\b': text_area_move(area, area->row, area->column - 1); return true;
    case '\t': text_area_move(area, area->row, (area->column / TAB_WIDTH + 1) * TAB_WIDTH); return true;
    default: return byte < 0x20 || byte == 0x7f;
    }
}

static void terminal_byte(struct terminal *terminal, uint8_t byte)
{
    if (byte == 0x1b) {
        terminal->state = TERMINAL_ESCAPE;
        return;
    }
    if (control_byte(terminal, byte))
        return;
    if (terminal->state == TERMINAL_ESCAPE)
        escape_byte(terminal, byte);
    else if (terminal->state == TERMINAL_CSI)
        csi_byte(terminal, byte);
    else
        text_area_put(&terminal->area, byte, terminal_attribute(terminal));
}

void terminal_write(struct terminal *terminal, const void *bytes, size_t length)
{
    const uint8_t *byte = bytes;

    for (size_t index = 0; index < length; index++)
        terminal_byte(terminal, byte[index]);
}
