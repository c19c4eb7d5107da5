/**
 * The providers of PostgreSQL servers that the migration engine's {@link ai.crawbl.migrations.target.PostgresTarget}
 * migrates, each a {@link ai.crawbl.migrations.postgres.PostgresServer} handing out {@link
 * ai.crawbl.migrations.postgres.PostgresEndpoint}s: a cluster run from local binaries ({@link
 * ai.crawbl.migrations.postgres.EmbeddedPostgres}), a server named by a URL or libpq's variables ({@link
 * ai.crawbl.migrations.postgres.ExternalPostgres}), and a server in a Docker container for tests ({@link
 * ai.crawbl.migrations.postgres.ContainerPostgres}); {@link ai.crawbl.migrations.postgres.PostgresConnection} picks one.
 */
package ai.crawbl.migrations.postgres;
