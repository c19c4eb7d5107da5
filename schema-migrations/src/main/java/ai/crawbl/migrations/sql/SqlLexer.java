package ai.crawbl.migrations.sql;

import ai.crawbl.migrations.sql.Token.Kind;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads SQL text into {@link Token}s the way the database's own lexer does, as far as statement boundaries and
 * "is this word code, or inside a comment or literal" are concerned. It does not validate SQL. Both methods throw
 * {@link SqlSyntaxException} for an unterminated literal, quoted identifier or block comment.
 *
 * <p>PostgreSQL (as psql 15 reads it, with {@code standard_conforming_strings} on): {@code '..'} with {@code ''}
 * doubling, {@code E'..'} with backslash escapes, {@code U&'..'}, {@code B'..'}, {@code X'..'}, {@code N'..'},
 * dollar quotes {@code $$..$$} and {@code $tag$..$tag$} ({@code $1} is a parameter), quoted identifiers with
 * {@code ""} doubling, {@code --} line comments and nested block comments.
 *
 * <p>ClickHouse (as its {@code Lexer.cpp} reads it): {@code '..'}, {@code ".."} and {@code `..`} all with backslash
 * escapes and doubling, heredocs {@code $tag$..$tag$}, line comments {@code --}, {@code //} and {@code #} followed
 * by a space or {@code !}, and nested block comments.
 */
public final class SqlLexer {

    private enum Dialect { POSTGRES, CLICKHOUSE }

    private final String text;
    private final Dialect dialect;
    private final List<Token> tokens = new ArrayList<>();
    private int pos;
    private int tokenStart;

    private SqlLexer(String text, Dialect dialect) {
        this.text = text;
        this.dialect = dialect;
    }

    /** The tokens of PostgreSQL text. */
    public static List<Token> postgres(String text) {
        return new SqlLexer(text, Dialect.POSTGRES).read();
    }

    /** The tokens of ClickHouse text. */
    public static List<Token> clickhouse(String text) {
        return new SqlLexer(text, Dialect.CLICKHOUSE).read();
    }

    private List<Token> read() {
        while (pos < text.length()) {
            char c = text.charAt(pos);
            int start = pos;
            tokenStart = pos;
            if (isSpace(c) || c == '\uFEFF' && pos == 0) { // psql, too, drops a byte-order mark
                pos++;
            } else if (at("--") || dialect == Dialect.CLICKHOUSE && (at("//") || at("# ") || at("#!"))) {
                int eol = text.indexOf('\n', pos);
                pos = eol < 0 ? text.length() : eol;
            } else if (at("/*")) {
                blockComment();
            } else {
                Kind kind = dialect == Dialect.POSTGRES ? postgresToken(c) : clickhouseToken(c);
                tokens.add(new Token(kind, text.substring(start, pos), start));
            }
        }
        return List.copyOf(tokens);
    }

    private Kind postgresToken(char c) {
        char next = peek(1);
        if (c == '\'') {
            return quoted('\'', false, Kind.STRING);
        }
        if ((c == 'e' || c == 'E') && next == '\'') {
            pos++;
            return quoted('\'', true, Kind.STRING);
        }
        if ("bBxXnN".indexOf(c) >= 0 && next == '\'') {
            pos++;
            return quoted('\'', false, Kind.STRING);
        }
        if ((c == 'u' || c == 'U') && next == '&' && (peek(2) == '\'' || peek(2) == '"')) {
            pos += 2;
            return peek(0) == '\'' ? quoted('\'', false, Kind.STRING) : quoted('"', false, Kind.QUOTED_IDENTIFIER);
        }
        if (c == '"') {
            return quoted('"', false, Kind.QUOTED_IDENTIFIER);
        }
        if (c == '$') {
            return dollar();
        }
        if (isIdentifierStart(c)) {
            pos++;
            while (pos < text.length() && (isIdentifierStart(text.charAt(pos)) || isDigit(text.charAt(pos))
                    || text.charAt(pos) == '$')) {
                pos++;
            }
            return Kind.WORD;
        }
        if (isDigit(c)) {
            return number();
        }
        pos += Character.charCount(text.codePointAt(pos));
        return Kind.SYMBOL;
    }

    /** A dollar quote, a {@code $n} parameter, or a lone {@code $}. */
    private Kind dollar() {
        int start = pos;
        int i = pos + 1;
        if (isDigit(peek(1))) {
            while (i < text.length() && isDigit(text.charAt(i))) {
                i++;
            }
            pos = i;
            return Kind.SYMBOL;
        }
        if (i < text.length() && isIdentifierStart(text.charAt(i))) {
            while (i < text.length() && (isIdentifierStart(text.charAt(i)) || isDigit(text.charAt(i)))) {
                i++;
            }
        }
        if (i >= text.length() || text.charAt(i) != '$') {
            pos++;
            return Kind.SYMBOL;
        }
        String tag = text.substring(start, i + 1);
        int close = text.indexOf(tag, i + 1);
        if (close < 0) {
            throw unterminated(start, "dollar-quoted string " + tag + " has no closing " + tag);
        }
        pos = close + tag.length();
        return Kind.STRING;
    }

    private Kind clickhouseToken(char c) {
        if (c == '\'') {
            return quoted('\'', true, Kind.STRING);
        }
        if (c == '"' || c == '`') {
            return quoted(c, true, Kind.QUOTED_IDENTIFIER);
        }
        if ("xXbB".indexOf(c) >= 0 && peek(1) == '\'') {
            pos++;
            return quoted('\'', true, Kind.STRING);
        }
        if (c == '$') {
            // ClickHouse's heredoc: the tag is whatever lies between the first two dollars.
            int tagEnd = text.indexOf('$', pos + 1);
            if (tagEnd > 0) {
                String tag = text.substring(pos, tagEnd + 1);
                int close = text.indexOf(tag, tagEnd + 1);
                if (close >= 0) {
                    pos = close + tag.length();
                    return Kind.STRING;
                }
            }
            if (!isClickHouseWordChar(peek(1))) {
                pos++;
                return Kind.SYMBOL;
            }
        }
        if (isClickHouseWordChar(c) || c == '$') {
            pos++;
            while (pos < text.length() && (isClickHouseWordChar(text.charAt(pos)) || text.charAt(pos) == '$')) {
                pos++;
            }
            return isDigit(c) ? Kind.NUMBER : Kind.WORD;
        }
        pos += Character.charCount(text.codePointAt(pos));
        return Kind.SYMBOL;
    }

    /** A quoted literal or identifier whose opening quote is under {@code pos}; a doubled quote stays inside. */
    private Kind quoted(char quote, boolean backslashEscapes, Kind kind) {
        int start = tokenStart;
        pos++;
        while (pos < text.length()) {
            char c = text.charAt(pos);
            if (backslashEscapes && c == '\\') {
                pos += 2;
            } else if (c == quote && peek(1) == quote) {
                pos += 2;
            } else if (c == quote) {
                pos++;
                return kind;
            } else {
                pos++;
            }
        }
        String what = kind == Kind.STRING ? "string literal" : "quoted identifier";
        throw unterminated(start, what + " opened with " + quote + " is not closed");
    }

    private Kind number() {
        while (pos < text.length() && (Character.isLetterOrDigit(text.charAt(pos)) && text.charAt(pos) < 0x80
                || text.charAt(pos) == '_' || text.charAt(pos) == '.')) {
            pos++;
        }
        return Kind.NUMBER;
    }

    private void blockComment() {
        int start = pos;
        int depth = 0;
        while (pos < text.length()) {
            if (at("/*")) {
                depth++;
                pos += 2;
            } else if (at("*/")) {
                depth--;
                pos += 2;
                if (depth == 0) {
                    return;
                }
            } else {
                pos++;
            }
        }
        throw unterminated(start, "block comment /* is not closed (block comments nest: every /* needs its */)");
    }

    private SqlSyntaxException unterminated(int start, String problem) {
        return new SqlSyntaxException(Position.of(text, start), problem);
    }

    private boolean at(String s) {
        return text.startsWith(s, pos);
    }

    private char peek(int ahead) {
        return pos + ahead < text.length() ? text.charAt(pos + ahead) : '\0';
    }

    private static boolean isSpace(char c) {
        return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\u000B';
    }

    private static boolean isDigit(char c) {
        return c >= '0' && c <= '9';
    }

    /** PostgreSQL: ASCII letters, underscore and every non-ASCII character. */
    private static boolean isIdentifierStart(char c) {
        return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c == '_' || c >= 0x80;
    }

    private static boolean isClickHouseWordChar(char c) {
        return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c == '_' || isDigit(c);
    }
}
