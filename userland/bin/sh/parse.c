/*
 * sh/parse.c - stage 2, the parser: tokens -> the command tree of a line, a
 * list of and-or chains (joined by ; & or a newline) of pipelines (joined
 * by && ||) of commands (joined by |), each command its raw words and its
 * redirections.
 *
 * Layer: user program (Freeport's shell, see sh.h); reads tokens from
 * lex.c, gives the tree to run.c.
 * Invariants: the tree lives in the line arena; a syntax error or a limit
 * of sh.h exceeded abandons the whole line (line_error), so nothing of a
 * bad line runs. Newlines may follow && || and |.
 */
#include <stdbool.h>
#include "sh.h"

static const char *token_name(const struct token *token)
{
    static const char *const names[] = {
        [TOKEN_WORD] = "word",       [TOKEN_SEMICOLON] = ";",
        [TOKEN_NEWLINE] = "newline", [TOKEN_BACKGROUND] = "&",
        [TOKEN_AND] = "&&",          [TOKEN_OR] = "||",
        [TOKEN_PIPE] = "|",          [TOKEN_REDIRECT] = "redirection",
        [TOKEN_END] = "end of line",
    };
    return token->type == TOKEN_WORD ? token->text : names[token->type];
}

void parser_advance(struct parser *parser)
{
    parser->token = lex_next(&parser->lexer);
}

static void skip_newlines(struct parser *parser)
{
    while (parser->token.type == TOKEN_NEWLINE)
        parser_advance(parser);
}

static void syntax_error(const struct parser *parser)
{
    line_error("syntax error near '%s'", token_name(&parser->token));
}

static void parse_redirect(struct parser *parser, struct command *command)
{
    struct token redirect = parser->token;
    parser_advance(parser);
    if (parser->token.type != TOKEN_WORD)
        syntax_error(parser);
    if (command->redirect_count == MAX_REDIRECTS)
        line_error("too many redirections");
    command->redirects[command->redirect_count++] =
        (struct redirect){.kind = redirect.redirect, .fd = redirect.fd, .target = parser->token.text};
    parser_advance(parser);
}

static struct command *parse_command(struct parser *parser)
{
    struct command *command = arena_alloc(sizeof(*command));
    command->word_count = command->redirect_count = 0;
    for (;;) {
        if (parser->token.type == TOKEN_REDIRECT) {
            parse_redirect(parser, command);
        } else if (parser->token.type == TOKEN_WORD) {
            if (command->word_count == MAX_WORDS - 1)
                line_error("too many words");
            command->words[command->word_count++] = parser->token.text;
            parser_advance(parser);
        } else {
            break;
        }
    }
    if (command->word_count == 0 && command->redirect_count == 0)
        syntax_error(parser);
    return command;
}

static struct pipeline *parse_pipeline(struct parser *parser)
{
    struct pipeline *pipeline = arena_alloc(sizeof(*pipeline));
    pipeline->count = 0;
    for (;;) {
        if (pipeline->count == MAX_COMMANDS)
            line_error("pipeline too long");
        pipeline->commands[pipeline->count++] = parse_command(parser);
        if (parser->token.type != TOKEN_PIPE)
            return pipeline;
        parser_advance(parser);
        skip_newlines(parser);
    }
}

static struct chain *parse_chain(struct parser *parser)
{
    struct chain *chain = arena_alloc(sizeof(*chain));
    chain->count = 0;
    chain->background = false;
    for (;;) {
        chain->pipelines[chain->count++] = parse_pipeline(parser);
        if (parser->token.type != TOKEN_AND && parser->token.type != TOKEN_OR)
            return chain;
        if (chain->count == MAX_PIPELINES)
            line_error("too many && and ||");
        chain->joins[chain->count] = parser->token.type;
        parser_advance(parser);
        skip_newlines(parser);
    }
}

/* Parses the chains up to the end of the line, leaving the newline (or the
   end of the text) as the current token. */
struct line *parse_line(struct parser *parser)
{
    struct line *line = arena_alloc(sizeof(*line));
    line->count = 0;
    while (parser->token.type != TOKEN_NEWLINE && parser->token.type != TOKEN_END) {
        if (line->count == MAX_CHAINS)
            line_error("too many commands");
        struct chain *chain = parse_chain(parser);
        line->chains[line->count++] = chain;
        enum token_type end = parser->token.type;
        if (end == TOKEN_BACKGROUND || end == TOKEN_SEMICOLON)
            parser_advance(parser);
        else if (end != TOKEN_NEWLINE && end != TOKEN_END)
            syntax_error(parser);
        chain->background = end == TOKEN_BACKGROUND;
    }
    return line;
}
