/**
 * The providers of ClickHouse servers that the migration engine's {@link ai.crawbl.migrations.target.ClickHouseTarget}
 * migrates, behind one small interface, {@link ai.crawbl.migrations.clickhouse.ClickHouse}: chDB embedded in the JVM
 * ({@link ai.crawbl.migrations.clickhouse.EmbeddedClickHouse}), a server over JDBC ({@link
 * ai.crawbl.migrations.clickhouse.ExternalClickHouse}), and a server in a Docker container for tests ({@link
 * ai.crawbl.migrations.clickhouse.ContainerClickHouse}).
 */
package ai.crawbl.migrations.clickhouse;
