package ai.crawbl.seed;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Checks, before anything is written, that the database's tables have the shape the catalogs were declared with:
 * each table exists and has every column the loader reads or writes, of a compatible type. The database's migration
 * history does not matter (another chain's version numbers mean nothing here); its shape does.
 */
final class ShapeCheck {

    private ShapeCheck() {
    }

    private static final String COLUMNS = """
            SELECT c.relname, a.attname, t.typname
            FROM pg_catalog.pg_class c
            JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace
            JOIN pg_catalog.pg_attribute a ON a.attrelid = c.oid AND a.attnum > 0 AND NOT a.attisdropped
            JOIN pg_catalog.pg_type t ON t.oid = a.atttypid
            WHERE n.nspname = 'orchestrator' AND c.relkind IN ('r', 'p') AND c.relname = ANY (?)""";

    /** The first mismatch between the catalogs and the database, or null when every catalog fits. */
    static String firstMismatch(Connection connection, List<Catalog> catalogs) throws SQLException {
        Map<String, Map<String, String>> tables = new HashMap<>();
        try (PreparedStatement statement = connection.prepareStatement(COLUMNS)) {
            statement.setArray(1, connection.createArrayOf("text", catalogs.stream().map(Catalog::name).toArray()));
            try (ResultSet rows = statement.executeQuery()) {
                while (rows.next()) {
                    tables.computeIfAbsent(rows.getString(1), name -> new HashMap<>()).put(rows.getString(2), rows.getString(3));
                }
            }
        }
        for (Catalog catalog : catalogs) {
            Map<String, String> columns = tables.get(catalog.name());
            if (columns == null) {
                return "orchestrator." + catalog.name() + " does not exist";
            }
            for (Column column : written(catalog)) {
                String type = columns.get(column.name());
                if (type == null) {
                    return "orchestrator." + catalog.name() + " has no column " + column.name();
                }
                if (!compatible(column.kind(), type)) {
                    return "orchestrator." + catalog.name() + "." + column.name() + " is of type " + type + ", but the catalog's "
                            + "column is " + column.sqlType();
                }
            }
        }
        return null;
    }

    private static List<Column> written(Catalog catalog) {
        java.util.ArrayList<Column> columns = new java.util.ArrayList<>();
        if (catalog.id() != null) {
            columns.add(catalog.id());
        }
        catalog.properties().forEach(property -> columns.add(property.column()));
        columns.addAll(catalog.touched());
        return columns;
    }

    private static boolean compatible(ValueKind kind, String type) {
        return switch (type) {
            case "text", "varchar", "bpchar", "citext", "name" -> kind == ValueKind.TEXT;
            case "int2" -> kind == ValueKind.SMALLINT;
            case "int4" -> kind == ValueKind.INTEGER;
            case "int8" -> kind == ValueKind.BIGINT;
            case "numeric" -> kind == ValueKind.NUMERIC;
            case "float4", "float8" -> kind == ValueKind.DOUBLE;
            case "bool" -> kind == ValueKind.BOOLEAN;
            case "uuid" -> kind == ValueKind.UUID_VALUE;
            case "timestamptz" -> kind == ValueKind.INSTANT || kind == ValueKind.OFFSET_DATE_TIME;
            case "date" -> kind == ValueKind.DATE;
            case "json", "jsonb" -> kind == ValueKind.JSON;
            default -> kind == ValueKind.UNSUPPORTED;
        };
    }
}
