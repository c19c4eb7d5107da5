package ai.crawbl.codegen.meta;

import ai.crawbl.migrations.postgres.ContainerPostgres;
import ai.crawbl.migrations.postgres.EmbeddedPostgres;
import ai.crawbl.migrations.postgres.ExternalPostgres;
import ai.crawbl.migrations.postgres.PostgresBinaries;
import ai.crawbl.migrations.postgres.PostgresConnection;
import ai.crawbl.migrations.postgres.PostgresEndpoint;
import ai.crawbl.migrations.postgres.PostgresServer;
import ai.crawbl.migrations.postgres.ProvisionedExtensions;

import java.security.SecureRandom;
import java.sql.SQLException;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * A database that lives for one generation run: a new database on an existing server, or a whole server of its own
 * (embedded or in a container). {@link #close()} drops what {@link #provision} created and leaves nothing running.
 */
final class ThrowawayDatabase implements AutoCloseable {

    /** Where the throwaway database comes from. */
    enum Provider {
        /** A server named by a URL or the engine's variables, else embedded, else a container where Docker answers. */
        AUTO,
        /** An embedded cluster started from the PostgreSQL server binaries installed on the machine. */
        EMBEDDED,
        /** A new database on the server named by a URL, {@code CRAWBL_DATABASE_URL} or libpq's {@code PG*} variables. */
        URL,
        /** PostgreSQL with pgvector in a Testcontainers container. */
        CONTAINER;

        static Provider parse(String name) {
            try {
                return valueOf(name.trim().toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("unknown provider '" + name + "'; use auto, embedded, url or container");
            }
        }
    }

    private final PostgresServer server;
    private final String database;
    private final boolean ownsServer;

    private ThrowawayDatabase(PostgresServer server, String database, boolean ownsServer) {
        this.server = server;
        this.database = database;
        this.ownsServer = ownsServer;
    }

    /**
     * Provisions a database.
     *
     * @param url   a server to use (JDBC or libpq URL), or null to fall back to {@code CRAWBL_DATABASE_URL} and
     *              libpq's variables in {@code env}
     * @param image      the container image for {@link Provider#CONTAINER}
     * @param extensions created in schema {@code public} of the new database before it is handed out, as a managed
     *                   production database has them; nothing else happens in it first
     */
    static ThrowawayDatabase provision(Provider provider, String url, String image, Map<String, String> env,
                                       ProvisionedExtensions extensions) {
        ThrowawayDatabase database = create(provider, url, image, env);
        try {
            extensions.createIn(database.endpoint());
            return database;
        } catch (SQLException e) {
            database.close();
            throw new IllegalStateException("cannot create the extensions " + extensions.names() + " in " + database + ": " + e.getMessage(), e);
        } catch (RuntimeException e) {
            database.close();
            throw e;
        }
    }

    private static ThrowawayDatabase create(Provider provider, String url, String image, Map<String, String> env) {
        Optional<ExternalPostgres> external = provider == Provider.AUTO || provider == Provider.URL
                ? PostgresConnection.external(url, env) : Optional.empty();
        return switch (provider) {
            case URL -> onServer(external.orElseThrow(() -> new IllegalArgumentException(
                    "provider url needs a server: set codegen.url, CRAWBL_DATABASE_URL or PGHOST/PGPORT/PGDATABASE")));
            case EMBEDDED -> embedded();
            case CONTAINER -> container(image);
            case AUTO -> external.map(ThrowawayDatabase::onServer).orElseGet(() -> {
                if (binariesInstalled() || !ContainerPostgres.dockerAvailable()) {
                    return embedded();
                }
                return container(image);
            });
        };
    }

    private static boolean binariesInstalled() {
        try {
            PostgresBinaries.locate();
            return true;
        } catch (RuntimeException e) {
            return false;
        }
    }

    private static ThrowawayDatabase embedded() {
        EmbeddedPostgres server = EmbeddedPostgres.throwaway().start();
        return new ThrowawayDatabase(server, server.defaultDatabase(), true);
    }

    private static ThrowawayDatabase container(String image) {
        if (!ContainerPostgres.dockerAvailable()) {
            throw new IllegalStateException("provider container needs a Docker engine, and none answers here");
        }
        ContainerPostgres server = ContainerPostgres.start(image == null || image.isBlank() ? ContainerPostgres.DEFAULT_IMAGE : image);
        return new ThrowawayDatabase(server, server.defaultDatabase(), true);
    }

    private static ThrowawayDatabase onServer(ExternalPostgres server) {
        byte[] random = new byte[6];
        new SecureRandom().nextBytes(random);
        String name = "crawbl_codegen_" + HexFormat.of().formatHex(random);
        try {
            server.createDatabase(name, null);
        } catch (SQLException e) {
            throw new IllegalStateException("cannot create the throwaway database " + name + " on " + server + ": "
                    + e.getMessage() + " (the user needs CREATEDB)", e);
        }
        return new ThrowawayDatabase(server, name, false);
    }

    /** The throwaway database. */
    PostgresEndpoint endpoint() {
        return server.endpoint(database);
    }

    @Override
    public void close() {
        if (ownsServer) {
            server.close();
            return;
        }
        try {
            server.dropDatabase(database);
        } catch (SQLException e) {
            throw new IllegalStateException("cannot drop the throwaway database " + database + " on " + server
                    + ": " + e.getMessage() + "; drop it by hand", e);
        }
    }

    @Override
    public String toString() {
        return "database " + database + " on " + server;
    }
}
