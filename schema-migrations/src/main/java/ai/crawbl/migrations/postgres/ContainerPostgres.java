package ai.crawbl.migrations.postgres;

import org.testcontainers.DockerClientFactory;
import org.testcontainers.postgresql.PostgreSQLContainer;
import org.testcontainers.utility.DockerImageName;

/**
 * PostgreSQL with pgvector in a Testcontainers container; usable only where a Docker engine answers (see
 * {@link #dockerAvailable()}). Closing it removes the container.
 */
public final class ContainerPostgres implements PostgresServer {

    /** The image used unless another is given: PostgreSQL with pgvector preinstalled. */
    public static final String DEFAULT_IMAGE = "pgvector/pgvector:pg17";

    private final PostgreSQLContainer container;

    private ContainerPostgres(PostgreSQLContainer container) {
        this.container = container;
    }

    /** True when Testcontainers can reach a Docker engine. */
    public static boolean dockerAvailable() {
        try {
            return DockerClientFactory.instance().isDockerAvailable();
        } catch (RuntimeException | LinkageError e) {
            return false;
        }
    }

    /** Starts a container from {@link #DEFAULT_IMAGE}. */
    public static ContainerPostgres start() {
        return start(DEFAULT_IMAGE);
    }

    /** Starts a container from {@code image}, which must be PostgreSQL-compatible and ship pgvector. */
    public static ContainerPostgres start(String image) {
        PostgreSQLContainer container = new PostgreSQLContainer(
                DockerImageName.parse(image).asCompatibleSubstituteFor("postgres"));
        container.start();
        return new ContainerPostgres(container);
    }

    @Override
    public PostgresEndpoint endpoint(String database) {
        return new PostgresEndpoint(container.getJdbcUrl(), container.getUsername(), container.getPassword())
                .withDatabase(database);
    }

    @Override
    public String defaultDatabase() {
        return container.getDatabaseName();
    }

    @Override
    public void close() {
        container.stop();
    }

    @Override
    public String toString() {
        return "PostgreSQL container " + container.getDockerImageName();
    }
}
