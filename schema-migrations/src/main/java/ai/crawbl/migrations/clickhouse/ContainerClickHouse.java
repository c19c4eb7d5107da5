package ai.crawbl.migrations.clickhouse;

import org.testcontainers.clickhouse.ClickHouseContainer;

/**
 * A throwaway ClickHouse server in a Docker container (Testcontainers), reached as an {@link ExternalClickHouse}.
 * Usable only where a Docker engine answers and Testcontainers ({@code testcontainers-clickhouse}) is on the
 * classpath; {@link #close()} stops and removes the container.
 */
public final class ContainerClickHouse implements AutoCloseable {

    /** The server image started by {@link #start()}. */
    public static final String DEFAULT_IMAGE = "clickhouse/clickhouse-server:25.8";

    private final ClickHouseContainer container;
    private final ExternalClickHouse clickHouse;

    private ContainerClickHouse(ClickHouseContainer container, ExternalClickHouse clickHouse) {
        this.container = container;
        this.clickHouse = clickHouse;
    }

    /** Starts {@link #DEFAULT_IMAGE}. */
    public static ContainerClickHouse start() {
        return start(DEFAULT_IMAGE);
    }

    /**
     * Starts the given ClickHouse server image and connects to it.
     *
     * @throws ClickHouseException if no Docker engine answers or the server does not come up
     */
    public static ContainerClickHouse start(String image) {
        ClickHouseContainer container = new ClickHouseContainer(image);
        try {
            container.start();
        } catch (RuntimeException e) {
            container.close();
            throw ClickHouseException.unavailable("cannot start a ClickHouse container from " + image + ": "
                    + e.getMessage() + "; ContainerClickHouse needs a Docker engine, without one use"
                    + " EmbeddedClickHouse or ExternalClickHouse", e);
        }
        try {
            ClickHouseServer server =
                    new ClickHouseServer(container.getJdbcUrl(), container.getUsername(), container.getPassword());
            return new ContainerClickHouse(container, ExternalClickHouse.connect(server));
        } catch (RuntimeException e) {
            container.close();
            throw e;
        }
    }

    /** The server in the container, as a ClickHouse target. */
    public ExternalClickHouse clickHouse() {
        return clickHouse;
    }

    /** Closes the connection, then stops and removes the container. */
    @Override
    public void close() {
        try {
            clickHouse.close();
        } finally {
            container.close();
        }
    }

    @Override
    public String toString() {
        return "ContainerClickHouse[" + container.getDockerImageName() + ", " + clickHouse.server() + "]";
    }
}
