package ai.crawbl.migrations.clickhouse;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
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
     * Connects to the server and checks it answers.
     *
     * @throws ClickHouseException if it cannot be reached or refuses the login
     */
    public static ExternalClickHouse connect(ClickHouseServer server) {
        Properties properties = new Properties();
        if (!server.user().isEmpty()) {
            properties.setProperty("user", server.user());
        }
        if (!server.password().isEmpty()) {
            properties.setProperty("password", server.password());
        }
        Connection connection;
        try {
            connection = DriverManager.getConnection(server.jdbcUrl(), properties);
        } catch (SQLException e) {
            throw unreachable(server, e);
        }
        ExternalClickHouse clickHouse = new ExternalClickHouse(server, connection);
        try {
            clickHouse.run("SELECT 1", statement -> {
                statement.execute("SELECT 1");
                return QueryResult.empty();
            });
        } catch (ClickHouseException e) {
            clickHouse.close();
            throw e.code().isPresent() ? e : unreachable(server, e.getCause());
        }
        return clickHouse;
    }

    private static ClickHouseException unreachable(ClickHouseServer server, Throwable failure) {
        return ClickHouseException.unavailable("cannot connect to ClickHouse at " + server.maskedUrl()
                + (server.user().isEmpty() ? "" : " as " + server.user()) + ": " + server.mask(rootCause(failure))
                + "; check the URL, the credentials and that the server is running", null);
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
            throw failure(e);
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
                throw failure(e);
            }
        } finally {
            lock.unlock();
        }
    }

    /** ClickHouse's own message when the server refused the statement; the driver's otherwise. */
    private ClickHouseException failure(SQLException e) {
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
