package ai.crawbl.seed;

import org.postgresql.copy.CopyIn;

import java.nio.charset.StandardCharsets;
import java.sql.SQLException;
import java.util.List;

/**
 * Rows in PostgreSQL's COPY text format: columns separated by tabs, rows by newlines, {@code \\N} for null, and
 * backslash, tab, newline and carriage return escaped, so any string arrives exactly as it was.
 */
final class CopyText {

    private static final int CHUNK = 1 << 16;

    private CopyText() {
    }

    /** Streams {@code rows} into an open COPY … FROM STDIN, in chunks. */
    static void write(List<Object[]> rows, CopyIn copy) throws SQLException {
        StringBuilder text = new StringBuilder(CHUNK + 4096);
        for (Object[] row : rows) {
            for (int i = 0; i < row.length; i++) {
                if (i > 0) {
                    text.append('\t');
                }
                append(text, row[i]);
            }
            text.append('\n');
            if (text.length() >= CHUNK) {
                flush(text, copy);
            }
        }
        flush(text, copy);
    }

    static void append(StringBuilder text, Object value) {
        switch (value) {
            case null -> text.append("\\N");
            case Boolean bool -> text.append(bool ? 't' : 'f');
            case String string -> {
                for (int i = 0; i < string.length(); i++) {
                    char c = string.charAt(i);
                    switch (c) {
                        case '\\' -> text.append("\\\\");
                        case '\t' -> text.append("\\t");
                        case '\n' -> text.append("\\n");
                        case '\r' -> text.append("\\r");
                        default -> text.append(c);
                    }
                }
            }
            case java.math.BigDecimal decimal -> text.append(decimal.toPlainString());
            case org.jooq.JSONB json -> append(text, json.data());
            default -> text.append(value);
        }
    }

    private static void flush(StringBuilder text, CopyIn copy) throws SQLException {
        if (!text.isEmpty()) {
            byte[] bytes = text.toString().getBytes(StandardCharsets.UTF_8);
            copy.writeToCopy(bytes, 0, bytes.length);
            text.setLength(0);
        }
    }
}
