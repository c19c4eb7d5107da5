/**
 * The first step of the flow source → plan → engine → target: a folder of numbered SQL files read as {@link
 * ai.crawbl.migrations.source.Migration}s, in version order, by a {@link ai.crawbl.migrations.source.MigrationSource}
 * named the way its {@link ai.crawbl.migrations.source.NamingScheme} says. A folder that cannot be used as it is fails
 * with a {@link ai.crawbl.migrations.source.MigrationSourceException} naming the file.
 */
package ai.crawbl.migrations.source;
