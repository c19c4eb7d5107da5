package ai.crawbl.migrations.postgres;

import org.junit.jupiter.api.Test;
import org.testcontainers.junit.jupiter.Testcontainers;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** Runs only where a Docker engine answers; skipped otherwise. */
@Testcontainers(disabledWithoutDocker = true)
class ContainerPostgresTest {

    @Test
    void containerServerHasPgvector() throws Exception {
        try (ContainerPostgres postgres = ContainerPostgres.start();
             Connection connection = postgres.endpoint().connect(); Statement statement = connection.createStatement()) {
            statement.execute("CREATE EXTENSION IF NOT EXISTS vector");
            try (ResultSet rs = statement.executeQuery("SELECT '[1,2,3]'::vector <-> '[1,2,3]'")) {
                rs.next();
                assertEquals(0.0, rs.getDouble(1));
            }
        }
    }
}
