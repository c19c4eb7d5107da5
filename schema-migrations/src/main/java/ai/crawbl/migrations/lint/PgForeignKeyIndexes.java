package ai.crawbl.migrations.lint;

import ai.crawbl.migrations.lint.PgSchema.ForeignKey;

import java.util.List;

/**
 * {@code fk-index}: every foreign key's columns lead some index once all migrations have run (the migration guide's
 * rule), or deleting a parent row scans the child table, and so do the lookups by parent. The whole plan counts, not
 * the declaring file, because a key added to an existing table gets its index built CONCURRENTLY by a migration of its
 * own.
 */
final class PgForeignKeyIndexes {

    static final Rule FK_INDEX = Rule.error("fk-index",
            "without an index led by the foreign key's columns, every delete or key change of a parent row scans the whole child table",
            "CREATE INDEX IF NOT EXISTS <table>_<column>_idx ON orchestrator.<table> (<column>) (CONCURRENTLY in a migration of its own for an existing table), or make the column lead an existing index");

    private PgForeignKeyIndexes() {
    }

    /** The foreign keys that no index leads once every migration has run. */
    static List<Finding> unindexed(PgSchema schema) {
        List<Finding> findings = new java.util.ArrayList<>();
        for (ForeignKey fk : schema.foreignKeys()) {
            if (fk.columns().isEmpty() || schema.table(fk.table()) == null || schema.indexLeads(fk.table(), fk.columns())) {
                continue;
            }
            String columns = String.join(", ", fk.columns());
            findings.add(Finding.of(fk.file(), fk.at().line(), fk.at().column(), FK_INDEX, "foreign key " + fk.table() + " ("
                    + columns + ") has no index that starts with " + (fk.columns().size() == 1 ? "it" : "them")
                    + ": CREATE INDEX IF NOT EXISTS " + fk.table() + "_" + String.join("_", fk.columns()) + "_idx ON "
                    + fk.table() + " (" + columns + ")").withSource(fk.source()));
        }
        return findings;
    }
}
