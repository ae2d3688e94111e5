/*
 * sh/lex.c - stage 1, the lexer: a line -> tokens, raw words (quotes and
 * backslashes kept, for expansion to interpret) and operators.
 *
 * Layer: user program (Freeport's shell, see sh.h); used by the parser, and
 * by input.c to know whether a line ends inside a quote.
 * Invariants: a word ends at an unquoted blank or operator character; a
 * word of digits right before < or > is the fd of a redirection, not a
 * word; a token's text is a copy in the line arena.
 */
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>
#include "sh.h"

static bool is_operator_char(char c)
{
    return c == ';' || c == '&' || c == '|' || c == '<' || c == '>' || c == '\n';
}

static bool is_blank(char c)
{
    return c == ' ' || c == '\t' || c == '\r';
}

/* Skips blanks and a comment (up to, not past, the newline). */
static const char *skip_blanks(const char *p)
{
    while (is_blank(*p))
        p++;
    if (*p == '#')
        p += strcspn(p, "\n");
    return p;
}

/* Returns the end of the raw word starting at start, or NULL if a quote is
   left open. */
static const char *word_end(const char *start)
{
    const char *p = start;
    char quote = 0;
    for (; *p != '\0'; p++) {
        if (quote == '\'') {
            quote = *p == '\'' ? 0 : quote;
        } else if (*p == '\\' && p[1] != '\0') {
            p++;
        } else if (quote == '"') {
            quote = *p == '"' ? 0 : quote;
        } else if (*p == '\'' || *p == '"') {
            quote = *p;
        } else if (is_blank(*p) || is_operator_char(*p)) {
            break;
        }
    }
    return quote ? NULL : p;
}

static struct token lex_redirect(struct lexer *lexer, int fd)
{
    const char *p = lexer->cursor;
    struct token token = {.type = TOKEN_REDIRECT, .fd = fd};
    bool input = *p++ == '<';
    if (token.fd < 0)
        token.fd = input ? 0 : 1;
    if (*p == '&') {
        token.redirect = REDIRECT_DUP;
        p++;
    } else if (!input && *p == '>') {
        token.redirect = REDIRECT_APPEND;
        p++;
    } else {
        token.redirect = input ? REDIRECT_IN : REDIRECT_OUT;
    }
    lexer->cursor = p;
    return token;
}

static struct token lex_operator(struct lexer *lexer)
{
    const char *p = lexer->cursor;
    if (*p == '<' || *p == '>')
        return lex_redirect(lexer, -1);
    if (*p == '\n') {
        lexer->cursor++;
        return (struct token){.type = TOKEN_NEWLINE};
    }
    bool doubled = p[1] == p[0] && *p != ';';
    lexer->cursor += doubled ? 2 : 1;
    if (*p == '&')
        return (struct token){.type = doubled ? TOKEN_AND : TOKEN_BACKGROUND};
    if (*p == '|')
        return (struct token){.type = doubled ? TOKEN_OR : TOKEN_PIPE};
    return (struct token){.type = TOKEN_SEMICOLON};
}

struct token lex_next(struct lexer *lexer)
{
    lexer->cursor = skip_blanks(lexer->cursor);
    const char *start = lexer->cursor;
    if (*start == '\0')
        return (struct token){.type = TOKEN_END};
    if (is_operator_char(*start))
        return lex_operator(lexer);
    const char *end = word_end(start);
    if (end == NULL)
        line_error("syntax error: unterminated quote");
    lexer->cursor = end;
    size_t length = (size_t)(end - start);
    if ((*end == '<' || *end == '>') && strspn(start, "0123456789") == length)
        return lex_redirect(lexer, atoi(start));
    char *text = arena_alloc(length + 1);
    memcpy(text, start, length);
    text[length] = '\0';
    return (struct token){.type = TOKEN_WORD, .text = text};
}

/* Whether the text ends inside a quote (a comment's quotes do not count). */
bool quote_open(const char *text)
{
    for (const char *p = skip_blanks(text); *p != '\0'; p = skip_blanks(p)) {
        if (is_operator_char(*p)) {
            p++;
        } else {
            p = word_end(p);
            if (p == NULL)
                return true;
        }
    }
    return false;
}
