package ai.crawbl.migrations.sql;

/**
 * A place in a script: a 1-based line and a 1-based column, the column counted in Unicode characters
 * (a tab is one character). Prints as {@code line:column}.
 */
public record Position(int line, int column) {

    public Position {
        if (line < 1 || column < 1) {
            throw new IllegalArgumentException("line and column start at 1, got " + line + ":" + column);
        }
    }

    /** The position reached from this one by reading {@code text} from char index {@code from} to {@code to}. */
    Position advance(String text, int from, int to) {
        int l = line;
        int c = column;
        for (int i = from; i < to; ) {
            int codePoint = text.codePointAt(i);
            i += Character.charCount(codePoint);
            if (codePoint == '\n') {
                l++;
                c = 1;
            } else {
                c++;
            }
        }
        return new Position(l, c);
    }

    /** The position of char index {@code offset} in {@code text}. */
    static Position of(String text, int offset) {
        return new Position(1, 1).advance(text, 0, offset);
    }

    @Override
    public String toString() {
        return line + ":" + column;
    }
}
