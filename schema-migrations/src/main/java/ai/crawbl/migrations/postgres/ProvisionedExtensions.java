package ai.crawbl.migrations.postgres;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * The extensions a database the toolkit provisions itself gets in schema {@code public} before its first migration,
 * as a managed production database has them from its administrator. A chain that runs an unqualified
 * {@code CREATE EXTENSION IF NOT EXISTS vector} and later names {@code public.vector} works in production for that
 * reason, and would otherwise install the type into the engine's schema and fail. Never applied to a user's own
 * database: only to the embedded cluster's and to the throwaway databases of code generation.
 *
 * @param names extension names, e.g. {@code vector} or {@code pg_trgm}; empty for none
 */
public record ProvisionedExtensions(List<String> names) {

    /** Declared first: the constants below are checked against it as they are made. */
    private static final Pattern NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_-]*");

    /** The extensions provisioned when nothing else is configured: pgvector's {@code vector}. */
    public static final ProvisionedExtensions DEFAULT = new ProvisionedExtensions(List.of("vector"));

    /** No extension at all. */
    public static final ProvisionedExtensions NONE = new ProvisionedExtensions(List.of());

    public ProvisionedExtensions {
        names = List.copyOf(names);
        for (String name : names) {
            if (!NAME.matcher(name).matches()) {
                throw new IllegalArgumentException("not an extension name: '" + name
                        + "'; list extensions separated by commas, e.g. vector,pg_trgm");
            }
        }
    }

    /**
     * A comma-separated list such as {@code vector,pg_trgm}; blanks around names are ignored, and an empty list (or
     * {@code none}) provisions nothing. Null means {@link #DEFAULT}.
     */
    public static ProvisionedExtensions parse(String list) {
        if (list == null) {
            return DEFAULT;
        }
        if (list.isBlank() || list.trim().equalsIgnoreCase("none")) {
            return NONE;
        }
        return new ProvisionedExtensions(Arrays.stream(list.split(",")).map(String::trim).filter(name -> !name.isEmpty()).toList());
    }

    /**
     * Creates each extension that {@code database} does not have yet in schema {@code public}; one that exists
     * (wherever it lives) is left as it is. Fails, before creating any, with one line naming the first extension
     * that the server cannot install and the package to install.
     */
    public void createIn(PostgresEndpoint database) throws SQLException {
        if (names.isEmpty()) {
            return;
        }
        try (Connection connection = database.connect()) {
            List<String> missing = new ArrayList<>();
            for (String name : names) {
                if (!installed(connection, name)) {
                    missing.add(name);
                }
            }
            for (String name : missing) {
                if (!available(connection, name)) {
                    throw new MissingExtensionException(notInstalled(name, connection.getMetaData().getDatabaseMajorVersion()));
                }
            }
            for (String name : missing) {
                create(connection, name);
            }
        }
    }

    /**
     * What to say when the server lacks an extension: pgvector by its project and Debian package name, others by
     * the package that usually carries them.
     */
    static String notInstalled(String name, int major) {
        return switch (name.toLowerCase(Locale.ROOT)) {
            case "vector" -> "pgvector is not installed for PostgreSQL " + major + ": install postgresql-" + major + "-pgvector";
            case "postgis" -> "PostGIS is not installed for PostgreSQL " + major + ": install postgresql-" + major + "-postgis-3";
            default -> "extension " + name + " is not installed for PostgreSQL " + major + ": install the package that provides it"
                    + " (postgresql-contrib for the contrib modules, postgresql-" + major + "-" + name
                    + " for most others), or leave it out of the extensions setting";
        };
    }

    private static boolean installed(Connection connection, String name) throws SQLException {
        return exists(connection, "SELECT 1 FROM pg_extension WHERE extname = ?", name);
    }

    private static boolean available(Connection connection, String name) throws SQLException {
        return exists(connection, "SELECT 1 FROM pg_available_extensions WHERE name = ?", name);
    }

    private static boolean exists(Connection connection, String sql, String name) throws SQLException {
        try (PreparedStatement query = connection.prepareStatement(sql)) {
            query.setString(1, name);
            try (ResultSet rs = query.executeQuery()) {
                return rs.next();
            }
        }
    }

    /** Creates one extension; another run creating it at the same moment is no failure. */
    private static void create(Connection connection, String name) throws SQLException {
        try (Statement statement = connection.createStatement()) {
            statement.execute("CREATE EXTENSION IF NOT EXISTS " + Identifiers.quote(name) + " WITH SCHEMA public");
        } catch (SQLException e) {
            if (!installed(connection, name)) {
                throw e;
            }
        }
    }

    /** A configured extension that the server has no files for; the message is one line saying what to install. */
    public static final class MissingExtensionException extends IllegalStateException {
        MissingExtensionException(String message) {
            super(message);
        }
    }
}
