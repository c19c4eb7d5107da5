package ai.crawbl.migrations.sql;

import java.util.Objects;

/**
 * One token of SQL text, with its char offset in the text it was read from. Whitespace and comments are never
 * tokens; string literals of every form (including dollar-quoted bodies) are single {@link Kind#STRING} tokens,
 * so a word inside them is never a {@link Kind#WORD}.
 */
public record Token(Kind kind, String text, int offset) {

    /** What a token is. */
    public enum Kind {
        /** An unquoted identifier or keyword. */
        WORD,
        /** A quoted identifier: {@code "name"}, {@code U&"name"}, or in ClickHouse {@code `name`}. */
        QUOTED_IDENTIFIER,
        /** A string literal of any form: {@code '..'}, {@code E'..'}, {@code $tag$..$tag$}, a ClickHouse heredoc. */
        STRING,
        /** A numeric literal. */
        NUMBER,
        /** Any other single character (operator or punctuation), or a positional parameter {@code $n}. */
        SYMBOL
    }

    public Token {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(text, "text");
    }

    /** True for the unquoted word {@code word}, compared case-insensitively. */
    public boolean isWord(String word) {
        return kind == Kind.WORD && text.equalsIgnoreCase(word);
    }

    /** True for the symbol {@code symbol}. */
    public boolean isSymbol(String symbol) {
        return kind == Kind.SYMBOL && text.equals(symbol);
    }

    /** True for a name: an unquoted or quoted identifier. */
    public boolean isName() {
        return kind == Kind.WORD || kind == Kind.QUOTED_IDENTIFIER;
    }
}
