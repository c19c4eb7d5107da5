package ai.crawbl.migrations.clickhouse;

import ai.crawbl.migrations.ConnectionTimeouts;
import ai.crawbl.migrations.postgres.Redaction;

import java.nio.file.Path;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The ClickHouse the toolkit's commands talk to, chosen in this order: an explicit choice ({@code embedded},
 * {@code embedded:PATH} or a server's JDBC URL), else {@value ClickHouseServer#URL_VARIABLE}, else none, since
 * ClickHouse is optional, as it is for the orchestrator. A server is logged into as
 * {@value ClickHouseServer#USER_VARIABLE} with {@value ClickHouseServer#PASSWORD_VARIABLE} (when set), however its
 * URL was given. The CLI resolves its ClickHouse through this class; so can any other module.
 */
public final class ClickHouseConnection {

    private static final String EMBEDDED = "embedded";

    private ClickHouseConnection() {
    }

    /** Which ClickHouse to open: chDB on a data folder in this process, or a server. */
    public sealed interface Choice {

        /**
         * Opens it; the caller closes what it gets.
         *
         * @throws ClickHouseException if libchdb.so or the server cannot be reached, with what to do about it
         */
        ClickHouse open();

        /** chDB in this process, its data in {@code dataDirectory} (absolute), kept between runs. */
        record Embedded(Path dataDirectory) implements Choice {
            public Embedded {
                dataDirectory = dataDirectory.toAbsolutePath().normalize();
            }

            @Override
            public ClickHouse open() {
                return EmbeddedClickHouse.open(dataDirectory);
            }
        }

        /** A ClickHouse server reached over JDBC. */
        record Server(ClickHouseServer server) implements Choice {
            public Server {
                Objects.requireNonNull(server, "server");
            }

            @Override
            public ClickHouse open() {
                return ExternalClickHouse.connect(server);
            }
        }
    }

    /**
     * What {@code choice} (or, when it is null or blank, {@value ClickHouseServer#URL_VARIABLE}) names; empty when
     * neither names a ClickHouse. {@code embedded} means {@code embeddedDefault} ({@code .crawbl/clickhouse} in the
     * working directory when null).
     *
     * @throws IllegalArgumentException if the choice is neither {@code embedded[:PATH]} nor a ClickHouse JDBC URL
     */
    public static Optional<Choice> choose(String choice, Path embeddedDefault, Map<String, String> env) {
        return choose(choice, embeddedDefault, env, ConnectionTimeouts.DEFAULTS);
    }

    /** {@link #choose(String, Path, Map)}, a server being waited on as {@code timeouts} say. */
    public static Optional<Choice> choose(String choice, Path embeddedDefault, Map<String, String> env, ConnectionTimeouts timeouts) {
        String named = choice != null && !choice.isBlank() ? choice.strip() : env.get(ClickHouseServer.URL_VARIABLE);
        if (named == null || named.isBlank()) {
            return Optional.empty();
        }
        named = named.strip();
        if (named.equals(EMBEDDED)) {
            return Optional.of(new Choice.Embedded(embeddedDefault != null ? embeddedDefault : Path.of(".crawbl", "clickhouse")));
        }
        if (named.startsWith(EMBEDDED + ":")) {
            String folder = named.substring(EMBEDDED.length() + 1);
            if (folder.isBlank()) {
                throw new IllegalArgumentException("embedded: needs a data folder after the colon, e.g. embedded:.crawbl/clickhouse");
            }
            return Optional.of(new Choice.Embedded(Path.of(folder)));
        }
        if (!named.startsWith("jdbc:")) {
            String password = env.getOrDefault(ClickHouseServer.PASSWORD_VARIABLE, "");
            String shown = Redaction.url(named);
            throw new IllegalArgumentException("not a ClickHouse choice: " + (password.isEmpty() ? shown : shown.replace(password, "****"))
                    + "; expected embedded, embedded:PATH or a server's JDBC URL like jdbc:clickhouse://localhost:8123/default");
        }
        return Optional.of(new Choice.Server(new ClickHouseServer(named, env.get(ClickHouseServer.USER_VARIABLE),
                env.get(ClickHouseServer.PASSWORD_VARIABLE), timeouts)));
    }

    /**
     * Opens the ClickHouse that {@link #choose} names, or returns empty when none is named. The caller closes it;
     * {@link ClickHouse#describe()} says which it is without any password.
     *
     * @throws IllegalArgumentException if the choice is not one {@link #choose} accepts
     * @throws ClickHouseException if libchdb.so or the server cannot be reached, with what to do about it
     */
    public static Optional<ClickHouse> open(String choice, Path embeddedDefault, Map<String, String> env) {
        return open(choice, embeddedDefault, env, ConnectionTimeouts.DEFAULTS);
    }

    /** {@link #open(String, Path, Map)}, a server being waited on as {@code timeouts} say. */
    public static Optional<ClickHouse> open(String choice, Path embeddedDefault, Map<String, String> env, ConnectionTimeouts timeouts) {
        return choose(choice, embeddedDefault, env, timeouts).map(Choice::open);
    }
}
