package ai.crawbl.migrations.postgres;

import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Optional;

/**
 * A PostgreSQL server this toolkit did not start, reached by a URL or by libpq's environment variables. Closing it
 * does nothing to the server.
 */
public final class ExternalPostgres implements PostgresServer {

    private static final String ENCODE_ADVICE = "; percent-encode special characters in the user name and password"
            + " (/ as %2F, @ as %40, : as %3A, % as %25)";

    private final PostgresEndpoint endpoint;
    private final String database;

    private ExternalPostgres(PostgresEndpoint endpoint, String database) {
        this.endpoint = endpoint;
        this.database = database;
    }

    /**
     * A server from a JDBC URL ({@code jdbc:postgresql://host:port/db?user=..}) or a libpq URL
     * ({@code postgres://user:password@host:port/db}). User and password fall back to {@code PGUSER} and
     * {@code PGPASSWORD}.
     */
    public static ExternalPostgres fromUrl(String url, Map<String, String> env) {
        String user = env.get("PGUSER");
        String password = env.get("PGPASSWORD");
        String jdbcUrl;
        if (url.startsWith("jdbc:postgresql:")) {
            jdbcUrl = url;
        } else if (url.startsWith("postgres://") || url.startsWith("postgresql://")) {
            URI uri;
            try {
                uri = URI.create(url);
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("not a valid PostgreSQL URL: " + Redaction.url(url) + ENCODE_ADVICE);
            }
            if (uri.getRawAuthority() != null && uri.getHost() == null) {
                // java.net.URI falls back to a "registry" authority when it cannot read host and port, e.g. when a
                // password holds an unencoded '/': what looks like the path would then hold the rest of the password.
                throw new IllegalArgumentException("not a valid PostgreSQL URL: " + Redaction.url(url)
                        + ": cannot read a host and port from it" + ENCODE_ADVICE);
            }
            String userInfo = uri.getRawUserInfo();
            if (userInfo != null) {
                int colon = userInfo.indexOf(':');
                try {
                    user = decode(colon < 0 ? userInfo : userInfo.substring(0, colon));
                    if (colon >= 0) {
                        password = decode(userInfo.substring(colon + 1));
                    }
                } catch (IllegalArgumentException e) {
                    // the decoder's message quotes the text it could not decode
                    throw new IllegalArgumentException("not a valid PostgreSQL URL: " + Redaction.url(url) + ENCODE_ADVICE);
                }
            }
            String host = uri.getHost() == null ? "localhost" : uri.getHost();
            String port = uri.getPort() < 0 ? "5432" : Integer.toString(uri.getPort());
            String path = uri.getRawPath() == null || uri.getRawPath().length() <= 1 ? "/postgres" : uri.getRawPath();
            jdbcUrl = "jdbc:postgresql://" + host + ":" + port + path + (uri.getRawQuery() == null ? "" : "?" + uri.getRawQuery());
        } else {
            throw new IllegalArgumentException("not a PostgreSQL URL (want jdbc:postgresql://… or postgres://…; libpq's key=value"
                    + " form is not read): " + Redaction.url(url));
        }
        String database = databaseOf(jdbcUrl);
        return new ExternalPostgres(new PostgresEndpoint(jdbcUrl, user, password), database);
    }

    /**
     * A server from libpq's variables {@code PGHOST}, {@code PGPORT}, {@code PGUSER}, {@code PGPASSWORD},
     * {@code PGDATABASE}; empty when none of PGHOST, PGPORT and PGDATABASE is set.
     */
    public static Optional<ExternalPostgres> fromEnvironment(Map<String, String> env) {
        if (env.get("PGHOST") == null && env.get("PGPORT") == null && env.get("PGDATABASE") == null) {
            return Optional.empty();
        }
        String host = env.getOrDefault("PGHOST", "localhost");
        if (host.startsWith("/")) {
            throw new IllegalArgumentException("PGHOST=" + host + " is a socket directory; JDBC needs a host name (e.g. localhost)");
        }
        String port = env.getOrDefault("PGPORT", "5432");
        String user = env.getOrDefault("PGUSER", System.getProperty("user.name"));
        String database = env.getOrDefault("PGDATABASE", user);
        String jdbcUrl = "jdbc:postgresql://" + host + ":" + port + "/" + database;
        return Optional.of(new ExternalPostgres(new PostgresEndpoint(jdbcUrl, user, env.get("PGPASSWORD")), database));
    }

    private static String decode(String text) {
        return URLDecoder.decode(text, StandardCharsets.UTF_8);
    }

    private static String databaseOf(String jdbcUrl) {
        String rest = jdbcUrl.substring("jdbc:postgresql://".length());
        int slash = rest.indexOf('/');
        if (slash < 0) {
            return "postgres";
        }
        String path = rest.substring(slash + 1);
        int query = path.indexOf('?');
        path = query < 0 ? path : path.substring(0, query);
        return path.isEmpty() ? "postgres" : decode(path);
    }

    @Override
    public PostgresEndpoint endpoint(String database) {
        return endpoint.withDatabase(database);
    }

    @Override
    public PostgresEndpoint endpoint() {
        return endpoint;
    }

    @Override
    public String defaultDatabase() {
        return database;
    }

    @Override
    public void close() {
        // not ours to stop
    }

    @Override
    public String toString() {
        return "PostgreSQL at " + endpoint;
    }
}
