package ai.crawbl.migrations.clickhouse;

import ai.crawbl.migrations.ConnectionTimeouts;
import ai.crawbl.migrations.MigrationException;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.locks.ReentrantLock;

/**
 * A ClickHouse server, reached over clickhouse-jdbc with one connection opened up front. Values come back as
 * the driver's {@code getString} text, which is ClickHouse's text for numbers, strings, dates and NULL.
 * Passwords never appear in its messages or {@link #toString()}.
 */
public final class ExternalClickHouse implements ClickHouse {

    private final ClickHouseServer server;
    private final Connection connection;
    private final ReentrantLock lock = new ReentrantLock();
    private boolean closed;

    private ExternalClickHouse(ClickHouseServer server, Connection connection) {
        this.server = server;
        this.connection = connection;
    }

    /**
     * Connects to the server and checks that it answers within the login timeout; later statements wait at most the
     * socket timeout (none by default).
     *
     * @throws ClickHouseException if it cannot be reached, does not answer in time or refuses the login
     */
    public static ExternalClickHouse connect(ClickHouseServer server) {
        ConnectionTimeouts timeouts = server.timeouts();
        // The check runs on a connection of its own whose socket timeout is the login timeout: the driver's socket
        // timeout is fixed per connection, and the one for statements may rightly be unlimited.
        try (Connection check = open(server, timeouts.login()); Statement statement = check.createStatement()) {
            statement.execute("SELECT 1");
        } catch (SQLException e) {
            ClickHouseException failure = failure(server, e);
            throw failure.code().isPresent() ? failure : unreachable(server, e);
        }
        try {
            return new ExternalClickHouse(server, open(server, timeouts.socket()));
        } catch (SQLException e) {
            throw unreachable(server, e);
        }
    }

    private static Connection open(ClickHouseServer server, Duration socketTimeout) throws SQLException {
        Properties properties = new Properties();
        if (!server.user().isEmpty()) {
            properties.setProperty("user", server.user());
        }
        if (!server.password().isEmpty()) {
            properties.setProperty("password", server.password());
        }
        properties.setProperty("connection_timeout", Integer.toString(ConnectionTimeouts.millis(server.timeouts().connect())));
        properties.setProperty("socket_timeout", Integer.toString(ConnectionTimeouts.millis(socketTimeout)));
        return DriverManager.getConnection(server.jdbcUrl(), properties);
    }

    private static ClickHouseException unreachable(ClickHouseServer server, Throwable failure) {
        boolean timedOut = timedOut(failure);
        String hint = timedOut
                ? "; it did not answer in time (the connect timeout (" + ConnectionTimeouts.seconds(server.timeouts().connect())
                  + " s) and the login timeout (" + ConnectionTimeouts.seconds(server.timeouts().login())
                  + " s)): check that this is the ClickHouse HTTP port and that the server is healthy, or raise the timeouts"
                : "; check the URL, the credentials and that the server is running";
        return ClickHouseException.unavailable("cannot connect to ClickHouse at " + server.maskedUrl()
                + (server.user().isEmpty() ? "" : " as " + server.user()) + ": " + server.mask(rootCause(failure)) + hint, null,
                timedOut ? List.of(MigrationException.Setting.CONNECT_TIMEOUT, MigrationException.Setting.LOGIN_TIMEOUT) : List.of());
    }

    /** True when a timeout ended the attempt, anywhere in the chain of causes. */
    private static boolean timedOut(Throwable failure) {
        for (Throwable each = failure; each != null; each = each.getCause() == each ? null : each.getCause()) {
            String message = String.valueOf(each.getMessage()).toLowerCase(java.util.Locale.ROOT);
            if (each instanceof java.net.SocketTimeoutException || each instanceof java.util.concurrent.TimeoutException
                    || message.contains("timed out") || message.contains("timeout")) {
                return true;
            }
        }
        return false;
    }

    /** The innermost cause, which names what actually went wrong (connection refused, unknown host, ...). */
    private static String rootCause(Throwable failure) {
        if (failure == null) {
            return "no reason given";
        }
        Throwable root = failure;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        String outer = String.valueOf(failure.getMessage());
        return root == failure ? outer
                : outer + " (" + root.getClass().getSimpleName() + ": " + root.getMessage() + ")";
    }

    /** The server this talks to. */
    public ClickHouseServer server() {
        return server;
    }

    @Override
    public void execute(String sql) {
        run(sql, statement -> {
            statement.execute(sql);
            return QueryResult.empty();
        });
    }

    /** Sets the JDBC connection's schema, which the driver sends as the default database of every later query. */
    @Override
    public void useDatabase(String database) {
        lock.lock();
        try {
            connection.setSchema(database);
        } catch (SQLException e) {
            throw failure(server, e);
        } finally {
            lock.unlock();
        }
    }

    @Override
    public QueryResult query(String sql) {
        return run(sql, statement -> {
            if (!statement.execute(sql)) {
                return QueryResult.empty();
            }
            try (ResultSet resultSet = statement.getResultSet()) {
                ResultSetMetaData meta = resultSet.getMetaData();
                List<QueryResult.Column> columns = new ArrayList<>(meta.getColumnCount());
                for (int i = 1; i <= meta.getColumnCount(); i++) {
                    columns.add(new QueryResult.Column(meta.getColumnLabel(i), meta.getColumnTypeName(i)));
                }
                List<List<String>> rows = new ArrayList<>();
                while (resultSet.next()) {
                    List<String> row = new ArrayList<>(columns.size());
                    for (int i = 1; i <= columns.size(); i++) {
                        row.add(resultSet.getString(i));
                    }
                    rows.add(row);
                }
                return new QueryResult(columns, rows);
            }
        });
    }

    private interface StatementWork {
        QueryResult run(Statement statement) throws SQLException;
    }

    private QueryResult run(String sql, StatementWork work) {
        lock.lock();
        try {
            if (closed) {
                throw new IllegalStateException(this + " is closed");
            }
            try (Statement statement = connection.createStatement()) {
                return work.run(statement);
            } catch (SQLException e) {
                throw failure(server, e);
            }
        } finally {
            lock.unlock();
        }
    }

    /** ClickHouse's own message when the server refused the statement; the driver's otherwise. */
    private static ClickHouseException failure(ClickHouseServer server, SQLException e) {
        String message = server.mask(String.valueOf(e.getMessage()));
        if (e.getErrorCode() > 0) {
            return ClickHouseException.fromClickHouse(message, e.getErrorCode(), e);
        }
        if (message.contains("Code: ")) {
            return ClickHouseException.fromClickHouse(message, e);
        }
        return ClickHouseException.unavailable("ClickHouse at " + server.maskedUrl() + " failed: "
                + server.mask(rootCause(e)), e);
    }

    @Override
    public void close() {
        lock.lock();
        try {
            if (closed) {
                return;
            }
            closed = true;
            connection.close();
        } catch (SQLException e) {
            // the connection is gone either way; nothing the caller could do about it
        } finally {
            lock.unlock();
        }
    }

    @Override
    public String describe() {
        return "ClickHouse at " + server.maskedUrl() + (server.user().isEmpty() ? "" : " as " + server.user());
    }

    @Override
    public String toString() {
        return "ExternalClickHouse[" + server + "]";
    }
}
