/**
 * The second step of the flow source → plan → engine → target: the source's migrations set against a target's history
 * of {@link ai.crawbl.migrations.plan.AppliedMigration}s, each given its state in a {@link
 * ai.crawbl.migrations.plan.MigrationPlan}, which the engine ({@link ai.crawbl.migrations.Migrator}) then carries out.
 */
package ai.crawbl.migrations.plan;
