/*
 * format.c - a small vsnprintf: see format.h for what it accepts.
 *
 * Layer: library. Output goes through struct sink, which counts every byte
 * and stores only those that fit, so truncation never overruns the buffer.
 */
#include <stdint.h>
#include "lib/format.h"
#include "lib/string.h"

struct sink {
    char *buffer;
    size_t size;
    size_t length;
};

struct spec {
    int left_align;
    char pad;
    int width;
    int precision;  /* -1: none; for %s, the most bytes to print */
    int size;       /* 0 int, 1 long, 2 long long, 3 size_t */
};

static void sink_put(struct sink *out, char c)
{
    if (out->length + 1 < out->size)
        out->buffer[out->length] = c;
    out->length++;
}

static void sink_padded(struct sink *out, const char *text, size_t length, const struct spec *spec)
{
    size_t fill = spec->width > (int)length ? spec->width - length : 0;

    if (!spec->left_align)
        while (fill-- > 0)
            sink_put(out, spec->pad);
    for (size_t i = 0; i < length; i++)
        sink_put(out, text[i]);
    if (spec->left_align)
        while (fill-- > 0)
            sink_put(out, ' ');
}

static void sink_number(struct sink *out, uint64_t value, int negative, unsigned base,
                        int upper, const struct spec *spec)
{
    const char *digits = upper ? "0123456789ABCDEF" : "0123456789abcdef";
    char text[24];
    int at = sizeof(text);

    do {
        text[--at] = digits[value % base];
        value /= base;
    } while (value);
    if (negative) {
        if (spec->pad == '0' && spec->width > 0) {
            struct spec rest = *spec;
            sink_put(out, '-');
            rest.width--;
            sink_padded(out, text + at, sizeof(text) - at, &rest);
            return;
        }
        text[--at] = '-';
    }
    sink_padded(out, text + at, sizeof(text) - at, spec);
}

static const char *parse_spec(const char *f, struct spec *spec, va_list *args)
{
    spec->left_align = 0;
    spec->pad = ' ';
    spec->width = 0;
    spec->precision = -1;
    spec->size = 0;
    for (;; f++) {
        if (*f == '-')
            spec->left_align = 1;
        else if (*f == '0')
            spec->pad = '0';
        else
            break;
    }
    while (*f >= '0' && *f <= '9')
        spec->width = spec->width * 10 + (*f++ - '0');
    if (*f == '.') {
        spec->precision = 0;
        if (*++f == '*') {
            spec->precision = va_arg(*args, int);
            f++;
        }
        while (*f >= '0' && *f <= '9')
            spec->precision = spec->precision * 10 + (*f++ - '0');
    }
    if (*f == 'z') {
        spec->size = 3;
        f++;
    }
    while (*f == 'l' && spec->size < 2) {
        spec->size++;
        f++;
    }
    return f;
}

static uint64_t take_unsigned(va_list *args, int size)
{
    switch (size) {
    case 0: return va_arg(*args, unsigned int);
    case 1: return va_arg(*args, unsigned long);
    case 3: return va_arg(*args, size_t);
    default: return va_arg(*args, unsigned long long);
    }
}

static int64_t take_signed(va_list *args, int size)
{
    switch (size) {
    case 0: return va_arg(*args, int);
    case 1: return va_arg(*args, long);
    case 3: return (int64_t)va_arg(*args, size_t);
    default: return va_arg(*args, long long);
    }
}

static void format_one(struct sink *out, char conversion, struct spec *spec, va_list *args)
{
    switch (conversion) {
    case 'd':
    case 'i': {
        int64_t value = take_signed(args, spec->size);
        uint64_t magnitude = value < 0 ? -(uint64_t)value : (uint64_t)value;
        sink_number(out, magnitude, value < 0, 10, 0, spec);
        break;
    }
    case 'u': sink_number(out, take_unsigned(args, spec->size), 0, 10, 0, spec); break;
    case 'x': sink_number(out, take_unsigned(args, spec->size), 0, 16, 0, spec); break;
    case 'X': sink_number(out, take_unsigned(args, spec->size), 0, 16, 1, spec); break;
    case 'p':
        sink_put(out, '0');
        sink_put(out, 'x');
        spec->pad = '0';
        spec->width = 16;
        sink_number(out, (uintptr_t)va_arg(*args, void *), 0, 16, 0, spec);
        break;
    case 'c': {
        char c = (char)va_arg(*args, int);
        sink_padded(out, &c, 1, spec);
        break;
    }
    case 's': {
        const char *s = va_arg(*args, const char *);
        if (!s)
            s = "(null)";
        sink_padded(out, s, spec->precision >= 0 ? strnlen(s, spec->precision) : strlen(s), spec);
        break;
    }
    case '%': sink_put(out, '%'); break;
    default:
        sink_put(out, '%');
        sink_put(out, conversion);
    }
}

int format_string(char *buffer, size_t size, const char *format, va_list args)
{
    struct sink out = { buffer, size, 0 };
    va_list copy;

    va_copy(copy, args);
    for (const char *f = format; *f; f++) {
        if (*f != '%') {
            sink_put(&out, *f);
            continue;
        }
        struct spec spec;
        f = parse_spec(f + 1, &spec, &copy);
        if (*f == '\0')
            break;
        format_one(&out, *f, &spec, &copy);
    }
    va_end(copy);
    if (size > 0)
        buffer[out.length < size ? out.length : size - 1] = '\0';
    return (int)out.length;
}

int format_print(char *buffer, size_t size, const char *format, ...)
{
    va_list args;
    int length;

    va_start(args, format);
    length = format_string(buffer, size, format, args);
    va_end(args);
    return length;
}
