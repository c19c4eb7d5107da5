package ai.crawbl.benchmarks;

import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.configuration.FluentConfiguration;
import org.flywaydb.core.api.output.MigrateResult;
import org.flywaydb.database.postgresql.PostgreSQLConfigurationExtension;

/**
 * Flyway's {@code migrate} in a process of its own, as the benchmark's reference: {@code FlywayRunner URL FOLDER};
 * the user and password come from PGUSER and PGPASSWORD.
 */
public final class FlywayRunner {
    private FlywayRunner() {
    }

    public static void main(String[] args) {
        FluentConfiguration config = Flyway.configure()
                .dataSource(args[0], System.getenv("PGUSER"), System.getenv("PGPASSWORD"))
                .schemas("orchestrator")
                .locations("filesystem:" + args[1]);
        // Flyway's default transaction-level lock makes CREATE INDEX CONCURRENTLY wait for Flyway's own session.
        config.getConfigurationExtension(PostgreSQLConfigurationExtension.class).setTransactionalLock(false);
        MigrateResult result = config.load().migrate();
        System.out.println("flyway applied " + result.migrationsExecuted);
    }
}
