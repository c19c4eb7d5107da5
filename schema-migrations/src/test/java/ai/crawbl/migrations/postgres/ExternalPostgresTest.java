package ai.crawbl.migrations.postgres;

import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ExternalPostgresTest {

    @Test
    void libpqUrlBecomesAJdbcEndpointWithItsCredentials() {
        PostgresEndpoint endpoint = ExternalPostgres.fromUrl("postgres://app:s%40cret@db.internal:6543/orchestrator?sslmode=require", Map.of()).endpoint();
        assertEquals("jdbc:postgresql://db.internal:6543/orchestrator?sslmode=require", endpoint.jdbcUrl());
        assertEquals("app", endpoint.user());
        assertEquals("s@cret", endpoint.password());
    }

    @Test
    void jdbcUrlTakesCredentialsFromLibpqVariables() {
        ExternalPostgres postgres = ExternalPostgres.fromUrl("jdbc:postgresql://localhost:5432/crawbl", Map.of("PGUSER", "u", "PGPASSWORD", "p"));
        assertEquals("crawbl", postgres.defaultDatabase());
        assertEquals("u", postgres.endpoint().user());
        assertEquals("p", postgres.endpoint().password());
        assertEquals("jdbc:postgresql://localhost:5432/other", postgres.endpoint("other").jdbcUrl());
    }

    @Test
    void libpqVariablesDescribeAServer() {
        ExternalPostgres postgres = ExternalPostgres.fromEnvironment(
                Map.of("PGHOST", "localhost", "PGPORT", "5433", "PGUSER", "backend", "PGDATABASE", "crawbl")).orElseThrow();
        assertEquals("jdbc:postgresql://localhost:5433/crawbl", postgres.endpoint().jdbcUrl());
        assertTrue(ExternalPostgres.fromEnvironment(Map.of("PGPASSWORD", "x")).isEmpty(), "a password alone names no server");
    }

    @Test
    void passwordsNeverAppearInTextOrErrors() {
        String url = "postgres://app:hunter2@db:5432/x";
        assertFalse(ExternalPostgres.fromUrl(url, Map.of()).toString().contains("hunter2"));
        assertEquals("jdbc:postgresql://db/x?user=a&password=***&ssl=true",
                Redaction.url("jdbc:postgresql://db/x?user=a&password=hunter2&ssl=true"));
        IllegalArgumentException error = assertThrows(IllegalArgumentException.class,
                () -> ExternalPostgres.fromUrl("mysql://app:hunter2@db/x", Map.of()));
        assertFalse(error.getMessage().contains("hunter2"), error.getMessage());
    }
}
