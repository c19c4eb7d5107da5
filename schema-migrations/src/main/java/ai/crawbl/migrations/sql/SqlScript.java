package ai.crawbl.migrations.sql;

import ai.crawbl.migrations.sql.Token.Kind;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Splits a migration script into the statements the engine sends one at a time. PostgreSQL scripts are split where
 * psql would split them; ClickHouse scripts at every semicolon outside literals, identifiers and comments. Empty
 * statements are dropped. Where psql would send a broken remainder at end of input (an unterminated literal or
 * comment), this fails instead, naming the line.
 */
public final class SqlScript {

    /** First line of a PostgreSQL migration that must run outside a transaction (for CREATE INDEX CONCURRENTLY). */
    public static final String NO_TRANSACTION_DIRECTIVE = "-- crawbl:no-transaction";

    private SqlScript() {
    }

    /**
     * The statements of a PostgreSQL script, split as psql splits them: at semicolons outside literals, quoted
     * identifiers, comments and parentheses, and outside the {@code BEGIN ATOMIC ... END} body of a
     * {@code CREATE [OR REPLACE] FUNCTION|PROCEDURE} (where {@code CASE ... END} nests).
     *
     * @throws SqlSyntaxException for an unterminated literal or comment, or a psql meta-command (a backslash
     *     outside literals and comments, such as {@code \set} or {@code \i}), which a migration cannot contain
     */
    public static List<Statement> postgres(String script) {
        return split(script, SqlLexer.postgres(script), new PsqlBoundary());
    }

    /**
     * The statements of a ClickHouse script, split at every semicolon outside literals, identifiers and comments.
     *
     * @throws SqlSyntaxException for an unterminated literal, quoted identifier or comment
     */
    public static List<Statement> clickhouse(String script) {
        return split(script, SqlLexer.clickhouse(script), null);
    }

    /**
     * True when the script's first line is {@value #NO_TRANSACTION_DIRECTIVE} (a byte-order mark before it and
     * trailing whitespace, such as the CR of a CRLF line end, are ignored; nothing else is).
     */
    public static boolean noTransaction(String script) {
        int eol = script.indexOf('\n');
        String first = eol < 0 ? script : script.substring(0, eol);
        if (first.startsWith("\uFEFF")) {
            first = first.substring(1);
        }
        return first.stripTrailing().equals(NO_TRANSACTION_DIRECTIVE);
    }

    private static List<Statement> split(String script, List<Token> tokens, PsqlBoundary psql) {
        List<Statement> statements = new ArrayList<>();
        Lines lines = new Lines(script);
        int start = -1;
        for (Token token : tokens) {
            if (psql != null && token.isSymbol("\\")) {
                throw metaCommand(script, token, lines);
            }
            boolean semicolon = token.isSymbol(";");
            if (start < 0) {
                if (semicolon) {
                    continue; // an empty statement
                }
                start = token.offset();
            }
            if (semicolon && (psql == null || psql.atTopLevel())) {
                statements.add(statement(script, start, token.offset(), lines));
                start = -1;
                if (psql != null) {
                    psql.reset();
                }
            } else if (psql != null) {
                psql.accept(token);
            }
        }
        if (start >= 0) {
            statements.add(statement(script, start, script.length(), lines));
        }
        return List.copyOf(statements);
    }

    private static Statement statement(String script, int start, int end, Lines lines) {
        while (end > start && " \t\n\r\f\u000B".indexOf(script.charAt(end - 1)) >= 0) {
            end--;
        }
        Position at = lines.at(start);
        return new Statement(script.substring(start, end), at.line(), at.column());
    }

    private static SqlSyntaxException metaCommand(String script, Token backslash, Lines lines) {
        int end = backslash.offset() + 1;
        while (end < script.length() && !Character.isWhitespace(script.charAt(end))) {
            end++;
        }
        String command = script.substring(backslash.offset(), end);
        return new SqlSyntaxException(lines.at(backslash.offset()), "psql meta-command " + command
                + " is not supported: migrations are plain SQL sent statement by statement; remove it or replace"
                + " it with SQL");
    }

    /** Positions of increasing offsets in one script, computed incrementally. */
    private static final class Lines {
        private final String script;
        private int offset;
        private Position position = new Position(1, 1);

        Lines(String script) {
            this.script = script;
        }

        Position at(int target) {
            position = position.advance(script, offset, target);
            offset = target;
            return position;
        }
    }

    /**
     * psql's rule for a semicolon that ends a statement (psqlscan.l): it must be outside parentheses and, in a
     * statement that begins {@code CREATE [OR REPLACE] FUNCTION|PROCEDURE}, outside BEGIN ... END, where CASE opens
     * another level once inside a BEGIN.
     */
    private static final class PsqlBoundary {
        private final char[] leadingWords = new char[4];
        private int words;
        private int parenDepth;
        private int beginDepth;

        boolean atTopLevel() {
            return parenDepth == 0 && beginDepth == 0;
        }

        void reset() {
            words = 0;
        }

        void accept(Token token) {
            if (token.isSymbol("(")) {
                parenDepth++;
            } else if (token.isSymbol(")")) {
                parenDepth = Math.max(0, parenDepth - 1);
            } else if (token.kind() == Kind.WORD) {
                word(token.text());
            }
        }

        private void word(String word) {
            if (words == 0) {
                Arrays.fill(leadingWords, '\0');
            }
            if (words < leadingWords.length && isAny(word, "create", "function", "procedure", "or", "replace")) {
                leadingWords[words] = Character.toLowerCase(word.charAt(0));
            }
            words++;
            if (!createsRoutine() || parenDepth > 0) {
                return;
            }
            if (word.equalsIgnoreCase("begin")) {
                beginDepth++;
            } else if (word.equalsIgnoreCase("case") && beginDepth >= 1) {
                beginDepth++;
            } else if (word.equalsIgnoreCase("end") && beginDepth > 0) {
                beginDepth--;
            }
        }

        private boolean createsRoutine() {
            char[] w = leadingWords;
            return w[0] == 'c' && (w[1] == 'f' || w[1] == 'p'
                    || w[1] == 'o' && w[2] == 'r' && (w[3] == 'f' || w[3] == 'p'));
        }

        private static boolean isAny(String word, String... candidates) {
            for (String candidate : candidates) {
                if (word.equalsIgnoreCase(candidate)) {
                    return true;
                }
            }
            return false;
        }
    }
}
