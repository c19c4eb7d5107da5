package ai.crawbl.migrations.testing;

import ai.crawbl.migrations.postgres.EmbeddedPostgres;
import ai.crawbl.migrations.postgres.PostgresServer;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * One embedded PostgreSQL per test JVM, and a fresh database per test class cloned from a template that already
 * has pgvector. Test classes receive a {@link PostgresDatabase} (and tests may ask for the {@link PostgresServer}).
 */
public final class EmbeddedPostgresExtension implements BeforeAllCallback, AfterAllCallback, ParameterResolver {

    static final String TEMPLATE = "crawbl_template";
    private static final ExtensionContext.Namespace NAMESPACE = ExtensionContext.Namespace.create(EmbeddedPostgresExtension.class);

    /** The JVM-wide server, closed by JUnit when the root context closes. */
    private record SharedServer(EmbeddedPostgres server, AtomicInteger databases) implements AutoCloseable {
        static SharedServer start() {
            EmbeddedPostgres server = EmbeddedPostgres.throwaway().start();
            try (Connection connection = server.endpoint().connect(); Statement statement = connection.createStatement()) {
                statement.execute("CREATE DATABASE " + TEMPLATE);
            } catch (SQLException e) {
                server.close();
                throw new IllegalStateException("cannot create the template database: " + e.getMessage(), e);
            }
            try (Connection connection = server.endpoint(TEMPLATE).connect(); Statement statement = connection.createStatement()) {
                statement.execute("CREATE EXTENSION IF NOT EXISTS vector");
            } catch (SQLException e) {
                server.close();
                throw new IllegalStateException("pgvector is not installed for PostgreSQL " + server.majorVersion()
                        + " (run scripts/setup): " + e.getMessage(), e);
            }
            return new SharedServer(server, new AtomicInteger());
        }

        @Override
        public void close() {
            server.close();
        }
    }

    private static SharedServer shared(ExtensionContext context) {
        return context.getRoot().getStore(NAMESPACE).getOrComputeIfAbsent(SharedServer.class, key -> SharedServer.start(), SharedServer.class);
    }

    @Override
    public void beforeAll(ExtensionContext context) throws Exception {
        SharedServer shared = shared(context);
        String name = ("t" + shared.databases().incrementAndGet() + "_" + context.getRequiredTestClass().getSimpleName())
                .toLowerCase(Locale.ROOT);
        shared.server().createDatabase(name, TEMPLATE);
        context.getStore(NAMESPACE).put(PostgresDatabase.class, new PostgresDatabase(shared.server(), name));
    }

    @Override
    public void afterAll(ExtensionContext context) throws Exception {
        PostgresDatabase database = context.getStore(NAMESPACE).remove(PostgresDatabase.class, PostgresDatabase.class);
        if (database != null) {
            database.server().dropDatabase(database.name());
        }
    }

    @Override
    public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
        Class<?> type = parameter.getParameter().getType();
        return type == PostgresDatabase.class || type == PostgresServer.class || type == EmbeddedPostgres.class;
    }

    @Override
    public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
        Class<?> type = parameter.getParameter().getType();
        if (type == PostgresDatabase.class) {
            return context.getStore(NAMESPACE).get(PostgresDatabase.class, PostgresDatabase.class);
        }
        return shared(context).server();
    }
}
