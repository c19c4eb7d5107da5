package ai.crawbl.migrations.lint;

import ai.crawbl.migrations.lint.PgDdl.CreateIndex;
import ai.crawbl.migrations.lint.PgDdl.IndexColumn;

import java.util.List;
import java.util.Locale;

/**
 * pgvector's index rules: {@code ivfflat-empty-table} (an IVFFlat index built in the migration that creates its
 * table learns its lists from no rows), {@code vector-opclass} (the operator class must match the distance queries
 * use, the project's convention, cosine unless configured) and {@code vector-dimension} (pgvector cannot index a
 * column declared without a dimension).
 */
final class PgVectorIndexes implements PgCheck {

    static final Rule IVFFLAT_EMPTY_TABLE = Rule.error("ivfflat-empty-table",
            "IVFFlat trains its lists on the rows present at build time: on a table created in the same migration there are none, and recall collapses",
            "create the IVFFlat index in a later migration, once the table holds representative data, or use HNSW");
    static final Rule VECTOR_OPCLASS = Rule.error("vector-opclass",
            "an index serves only the distance operator of its operator class: queries by another distance scan the whole table",
            "use the operator class of the project's distance (vector_cosine_ops for cosine, <=>)");
    static final Rule VECTOR_DIMENSION = Rule.error("vector-dimension",
            "pgvector indexes only columns with a declared dimension; the build fails with 'column does not have dimensions'",
            "declare the column with its dimension, e.g. public.vector(1536)");

    @Override
    public List<Rule> rules() {
        return List.of(IVFFLAT_EMPTY_TABLE, VECTOR_OPCLASS, VECTOR_DIMENSION);
    }

    @Override
    public void check(PgStatement s) {
        if (!(s.ddl() instanceof CreateIndex c) || !PgIndexLocks.VECTOR_METHODS.contains(c.method())) {
            return;
        }
        if (c.method().equals("ivfflat") && s.isNew(c.table())) {
            s.report(IVFFLAT_EMPTY_TABLE, c.at(), "IVFFlat index on " + c.table().name() + ", created by this same"
                    + " migration: its lists are trained on no rows; create it after the data is loaded, or use HNSW");
        }
        String suffix = LintSettings.DISTANCE_OPS.get(s.settings().vectorDistance());
        PgSchema.Table table = s.schema().table(c.table().name());
        for (IndexColumn column : c.columns()) {
            String type = table == null || column.column() == null ? null : table.columnTypes.get(column.column());
            String base = type == null ? "vector" : type.replace("public.", "").replaceAll("\\(.*", "");
            if (base.startsWith("bit")) {
                continue; // bit columns take Hamming or Jaccard operator classes, not the distance convention's
            }
            if (column.opclass() == null) {
                s.report(VECTOR_OPCLASS, column.at(), "no operator class: pgvector's default is " + base + "_l2_ops,"
                        + " queries use " + s.settings().vectorDistance() + "; write " + column.column() + " public."
                        + base + "_" + suffix);
            } else if (!column.opclass().toLowerCase(Locale.ROOT).endsWith("_" + suffix)) {
                s.report(VECTOR_OPCLASS, column.opclassAt(), column.opclass() + " does not match the project's "
                        + s.settings().vectorDistance() + " distance: use public." + base + "_" + suffix);
            }
            if (type != null && PgColumnTypes.dimensionless(type)) {
                s.report(VECTOR_DIMENSION, column.at(), column.column() + " is " + type + " without a dimension:"
                        + " declare it as " + type + "(N) before indexing it");
            }
        }
    }
}
