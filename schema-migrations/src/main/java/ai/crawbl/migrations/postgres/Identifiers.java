package ai.crawbl.migrations.postgres;

/** PostgreSQL identifier quoting. */
public final class Identifiers {
    private Identifiers() {
    }

    /** {@code name} as a quoted identifier: wrapped in double quotes, inner quotes doubled. */
    public static String quote(String name) {
        return '"' + name.replace("\"", "\"\"") + '"';
    }
}
