package ai.crawbl.migrations.target;

import ai.crawbl.migrations.MigrationTarget;
import ai.crawbl.migrations.contract.MigrationTargetContract;
import ai.crawbl.migrations.source.Migration;
import ai.crawbl.migrations.source.NamingScheme;
import ai.crawbl.migrations.testing.EmbeddedPostgresExtension;
import ai.crawbl.migrations.testing.PostgresDatabase;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.extension.ExtendWith;

import java.sql.SQLException;
import java.util.function.Supplier;

/** The engine on the embedded PostgreSQL keeps the {@link MigrationTargetContract}; each test migrates its own schema. */
@ExtendWith(EmbeddedPostgresExtension.class)
class PostgresTargetContractTest extends MigrationTargetContract {

    private static PostgresDatabase db;
    private String schema;

    @BeforeAll
    static void database(PostgresDatabase database) {
        db = database;
    }

    @Override
    protected void isolate(String method) {
        schema = "c_" + method.substring(0, Math.min(method.length(), 40));
    }

    @Override
    protected Supplier<MigrationTarget> target() {
        return PostgresTarget.at(db.endpoint()).schema(schema);
    }

    @Override
    protected NamingScheme naming() {
        return NamingScheme.POSTGRES;
    }

    @Override
    protected String createTable(String name) {
        return "CREATE TABLE IF NOT EXISTS " + name + " (id int)";
    }

    @Override
    protected String failingStatement() {
        return "CREATE TABLE broken (id nosuchtype)";
    }

    @Override
    protected boolean tableExists(String name) {
        try {
            return "t".equals(db.queryValue("SELECT to_regclass('" + schema + "." + name + "') IS NOT NULL"));
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    protected String noTransaction() {
        return Migration.NO_TRANSACTION + "\n";
    }
}
