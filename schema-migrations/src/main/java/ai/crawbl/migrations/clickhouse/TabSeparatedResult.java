package ai.crawbl.migrations.clickhouse;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads ClickHouse's {@code TabSeparatedWithNamesAndTypes} output: a line of names, a line of types, then one
 * line per row; fields separated by tabs, {@code \N} for NULL, and tabs, newlines and backslashes inside a value
 * escaped with a backslash. Each value comes back as ClickHouse's text for it, byte for byte.
 */
final class TabSeparatedResult {

    /** The format to ask ClickHouse for. */
    static final String FORMAT = "TabSeparatedWithNamesAndTypes";

    private TabSeparatedResult() {
    }

    /**
     * The result set in {@code output}; empty output (a statement with no result set) gives
     * {@link QueryResult#empty()}.
     *
     * @throws ClickHouseException if the output is not in this format, e.g. because the SQL named another
     */
    static QueryResult parse(byte[] output) {
        if (output.length == 0) {
            return QueryResult.empty();
        }
        List<List<String>> lines = new ArrayList<>();
        int start = 0;
        for (int i = 0; i < output.length; i++) {
            if (output[i] == '\n') {
                lines.add(fields(output, start, i));
                start = i + 1;
            }
        }
        if (start != output.length || lines.size() < 2) {
            throw notThisFormat("it does not end with a newline after the names and types lines");
        }
        List<String> names = lines.get(0);
        List<String> types = lines.get(1);
        if (names.size() != types.size()) {
            throw notThisFormat(names.size() + " names but " + types.size() + " types");
        }
        List<QueryResult.Column> columns = new ArrayList<>(names.size());
        for (int i = 0; i < names.size(); i++) {
            if (names.get(i) == null || types.get(i) == null) {
                throw notThisFormat("a name or type is \\N");
            }
            columns.add(new QueryResult.Column(names.get(i), types.get(i)));
        }
        List<List<String>> rows = lines.subList(2, lines.size());
        for (int i = 0; i < rows.size(); i++) {
            if (rows.get(i).size() != columns.size()) {
                throw notThisFormat("row " + i + " has " + rows.get(i).size() + " fields for " + columns.size()
                        + " columns");
            }
        }
        return new QueryResult(columns, rows);
    }

    private static ClickHouseException notThisFormat(String why) {
        return ClickHouseException.unavailable("cannot read the result as " + FORMAT + " (" + why + "); remove any"
                + " FORMAT clause from the statement, the provider chooses the output format", null);
    }

    private static List<String> fields(byte[] bytes, int from, int to) {
        List<String> fields = new ArrayList<>();
        int start = from;
        for (int i = from; i <= to; i++) {
            if (i == to || bytes[i] == '\t') {
                fields.add(field(bytes, start, i));
                start = i + 1;
            }
        }
        return fields;
    }

    /** One field, unescaped the way ClickHouse reads escaped text; {@code null} for the NULL marker. */
    private static String field(byte[] bytes, int from, int to) {
        if (to - from == 2 && bytes[from] == '\\' && bytes[from + 1] == 'N') {
            return null;
        }
        ByteArrayOutputStream value = new ByteArrayOutputStream(to - from);
        for (int i = from; i < to; i++) {
            byte b = bytes[i];
            if (b != '\\' || i + 1 == to) {
                value.write(b);
                continue;
            }
            byte escaped = bytes[++i];
            switch (escaped) {
                case 'a' -> value.write(0x07);
                case 'b' -> value.write('\b');
                case 'e' -> value.write(0x1B);
                case 'f' -> value.write('\f');
                case 'n' -> value.write('\n');
                case 'r' -> value.write('\r');
                case 't' -> value.write('\t');
                case 'v' -> value.write(0x0B);
                case '0' -> value.write(0);
                case 'x' -> {
                    if (i + 2 < to && isHex(bytes[i + 1]) && isHex(bytes[i + 2])) {
                        value.write(Integer.parseInt(new String(bytes, i + 1, 2, StandardCharsets.US_ASCII), 16));
                        i += 2;
                    } else {
                        value.write('x');
                    }
                }
                default -> value.write(escaped); // \\ \' and any other character stand for themselves
            }
        }
        return value.toString(StandardCharsets.UTF_8);
    }

    private static boolean isHex(byte b) {
        return (b >= '0' && b <= '9') || (b >= 'a' && b <= 'f') || (b >= 'A' && b <= 'F');
    }
}
