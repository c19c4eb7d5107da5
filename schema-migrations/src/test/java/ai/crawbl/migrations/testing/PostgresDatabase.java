package ai.crawbl.migrations.testing;

import ai.crawbl.migrations.postgres.PostgresEndpoint;
import ai.crawbl.migrations.postgres.PostgresServer;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/** One test class's own database on the shared embedded server; pgvector is already installed in it. */
public record PostgresDatabase(PostgresServer server, String name) {

    public PostgresEndpoint endpoint() {
        return server.endpoint(name);
    }

    public Connection connect() throws SQLException {
        return endpoint().connect();
    }

    /** A new empty database (with pgvector) beside this one, for a test that needs a database of its own. */
    public PostgresDatabase sibling() throws SQLException {
        PostgresDatabase sibling = new PostgresDatabase(server, name + "_" + UUID.randomUUID().toString().substring(0, 8));
        server.createDatabase(sibling.name(), EmbeddedPostgresExtension.TEMPLATE);
        return sibling;
    }

    /** Runs statements in one session. */
    public void execute(String... sql) throws SQLException {
        try (Connection connection = connect(); Statement statement = connection.createStatement()) {
            for (String each : sql) {
                statement.execute(each);
            }
        }
    }

    /** The rows of a query, each as a list of column values rendered as text. */
    public List<List<String>> query(String sql) throws SQLException {
        try (Connection connection = connect(); Statement statement = connection.createStatement(); ResultSet rs = statement.executeQuery(sql)) {
            List<List<String>> rows = new ArrayList<>();
            int columns = rs.getMetaData().getColumnCount();
            while (rs.next()) {
                List<String> row = new ArrayList<>();
                for (int i = 1; i <= columns; i++) {
                    row.add(rs.getString(i));
                }
                rows.add(row);
            }
            return rows;
        }
    }

    /** The single value of a one-row, one-column query, as text. */
    public String queryValue(String sql) throws SQLException {
        List<List<String>> rows = query(sql);
        return rows.isEmpty() ? null : rows.getFirst().getFirst();
    }
}
