/**
 * Drift: whether a live database still holds what its migrations say. A catalog reader describes a database as
 * {@link ai.crawbl.migrations.drift.SchemaObject values} ({@link ai.crawbl.migrations.drift.PostgresCatalog},
 * {@link ai.crawbl.migrations.drift.ClickHouseCatalog}); {@link ai.crawbl.migrations.drift.Drift#between} compares two
 * descriptions; {@link ai.crawbl.migrations.drift.PostgresDriftCheck} and
 * {@link ai.crawbl.migrations.drift.ClickHouseDriftCheck} migrate a throwaway database to the live one's version and
 * compare the two.
 */
package ai.crawbl.migrations.drift;
