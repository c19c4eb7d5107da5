package ai.crawbl.migrations.lint;

import ai.crawbl.migrations.sql.Position;
import ai.crawbl.migrations.sql.Statement;
import ai.crawbl.migrations.sql.Token;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * The tokens of one statement (comments and the inside of literals already gone), with parenthesis depth, the
 * keyword tests the rules need, and the script position of each token.
 */
final class StatementTokens {

    /** A possibly schema-qualified name starting at a token; {@code schema} is null when unqualified. */
    record Name(String schema, String name, int end) {
    }

    /** Token indexes {@code [from, to)}. */
    record Range(int from, int to) {
    }

    private final Statement statement;
    private final List<Token> tokens;
    private final int[] depth;

    StatementTokens(Statement statement, List<Token> tokens) {
        this.statement = statement;
        this.tokens = tokens;
        this.depth = new int[tokens.size()];
        int level = 0;
        for (int i = 0; i < tokens.size(); i++) {
            if (tokens.get(i).isSymbol(")")) {
                level = Math.max(0, level - 1);
            }
            depth[i] = level;
            if (tokens.get(i).isSymbol("(")) {
                level++;
            }
        }
    }

    /** Where the token at {@code index} (clamped to the last token) starts in the script. */
    Position position(int index) {
        if (tokens.isEmpty()) {
            return statement.start();
        }
        int at = Math.max(0, Math.min(index, tokens.size() - 1));
        int character = statement.sql().codePointCount(0, tokens.get(at).offset()) + 1;
        return statement.positionOf(character);
    }

    /** True when the word at {@code i} is one of {@code words}. */
    boolean isAny(int i, Set<String> words) {
        return words.contains(word(i));
    }


    int size() {
        return tokens.size();
    }

    /** Parenthesis depth of the token: a {@code (} and its {@code )} sit at the outer depth. */
    int depth(int i) {
        return depth[i];
    }

    /** The upper-cased word at {@code i}, or "" when there is no unquoted word there. */
    String word(int i) {
        return i >= 0 && i < tokens.size() && tokens.get(i).kind() == Token.Kind.WORD
                ? tokens.get(i).text().toUpperCase(Locale.ROOT) : "";
    }

    /** True when the tokens from {@code i} on are these unquoted words. */
    boolean is(int i, String... words) {
        for (int k = 0; k < words.length; k++) {
            if (!word(i + k).equals(words[k])) {
                return false;
            }
        }
        return true;
    }

    boolean isSymbol(int i, String symbol) {
        return i >= 0 && i < tokens.size() && tokens.get(i).isSymbol(symbol);
    }

    boolean isName(int i) {
        return i >= 0 && i < tokens.size() && tokens.get(i).isName();
    }

    String text(int i) {
        return i >= 0 && i < tokens.size() ? tokens.get(i).text() : "";
    }

    /** The first index at or after {@code from} where these words start, at depth {@code level}; -1 if none. */
    int find(int from, int level, String... words) {
        for (int i = Math.max(0, from); i < tokens.size(); i++) {
            if (depth[i] == level && is(i, words)) {
                return i;
            }
        }
        return -1;
    }

    /** Index of the {@code )} closing the {@code (} at {@code open}, or the end. */
    int close(int open) {
        for (int i = open + 1; i < tokens.size(); i++) {
            if (depth[i] == depth[open] && isSymbol(i, ")")) {
                return i;
            }
        }
        return tokens.size();
    }

    /** The comma-separated items inside the parentheses opened at {@code open}. */
    List<Range> items(int open) {
        return items(open + 1, close(open));
    }

    /** The comma-separated items in {@code [from, to)} at the depth of {@code from}. */
    List<Range> items(int from, int to) {
        List<Range> items = new ArrayList<>();
        if (from >= to) {
            return items;
        }
        int level = depth[from];
        int start = from;
        for (int i = from; i < to; i++) {
            if (depth[i] == level && isSymbol(i, ",")) {
                items.add(new Range(start, i));
                start = i + 1;
            }
        }
        items.add(new Range(start, to));
        return items;
    }

    /** The name at {@code i}: {@code name}, {@code schema.name}, quoted or not; null if there is none. */
    Name name(int i) {
        if (!isName(i)) {
            return null;
        }
        if (isSymbol(i + 1, ".") && isName(i + 2)) {
            return new Name(identifier(i), identifier(i + 2), i + 3);
        }
        return new Name(null, identifier(i), i + 1);
    }

    /** An identifier as the database sees it: unquoted folded to lower case, quoted taken verbatim. */
    String identifier(int i) {
        Token token = tokens.get(i);
        String text = token.text();
        if (token.kind() == Token.Kind.WORD) {
            return text.toLowerCase(Locale.ROOT);
        }
        char quote = text.charAt(text.length() - 1);
        String inner = text.substring(text.indexOf(quote) + 1, text.length() - 1);
        return inner.replace(String.valueOf(quote).repeat(2), String.valueOf(quote));
    }
}
