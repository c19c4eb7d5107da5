package ai.crawbl.migrations.drift;

import ai.crawbl.migrations.MigrationTarget;
import ai.crawbl.migrations.clickhouse.ClickHouse;
import ai.crawbl.migrations.clickhouse.QueryResult;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Describes one ClickHouse database from {@code system.tables} and {@code system.columns}: tables with their engine,
 * PARTITION BY, ORDER BY, PRIMARY KEY, SAMPLE BY, TTL and SETTINGS; their columns with type, default and codec;
 * views and materialized views with their query (and a materialized view's target table); dictionaries with their
 * definition; comments. Names are read without the database, whose name is taken out of every definition too, so a
 * database compares equal to its copy under another name; runs of white space count as one space.
 */
public final class ClickHouseCatalog {

    private static final Pattern CLAUSE = Pattern.compile("\\s(?=(?:PARTITION BY|PRIMARY KEY|ORDER BY|SAMPLE BY|TTL|SETTINGS)\\s)");
    private static final Pattern TARGET = Pattern.compile("(?i)^CREATE MATERIALIZED VIEW \\S+ TO (\\S+)");

    private ClickHouseCatalog() {
    }

    /** The description of {@code database} on {@code clickHouse}; reads only. */
    public static DatabaseSchema describe(ClickHouse clickHouse, String database, String shownAs) {
        requirePlain(database);
        List<SchemaObject> objects = new ArrayList<>();
        Map<String, String> kinds = new LinkedHashMap<>();
        QueryResult tables = clickHouse.query("SELECT name, engine, engine_full, as_select, create_table_query, comment"
                + " FROM system.tables WHERE database = '" + database + "' AND NOT is_temporary ORDER BY name");
        for (List<String> row : tables.rows()) {
            String name = row.get(0);
            if (name.startsWith(".inner") || name.equals(MigrationTarget.HISTORY_TABLE)) {
                continue;
            }
            String kind = kind(row.get(1));
            kinds.put(name, kind);
            objects.add(new SchemaObject(name, kind, name, properties(kind, row, database)));
        }
        QueryResult columns = clickHouse.query("SELECT table, name, type, default_kind, default_expression, compression_codec, comment"
                + " FROM system.columns WHERE database = '" + database + "' ORDER BY table, position");
        for (List<String> row : columns.rows()) {
            if (!"table".equals(kinds.get(row.get(0)))) {
                continue;
            }
            Map<String, String> properties = new LinkedHashMap<>();
            properties.put("type", row.get(2));
            put(properties, "default", row.get(3).isEmpty() ? "" : row.get(3) + " " + unqualified(row.get(4), database));
            put(properties, "codec", row.get(5));
            put(properties, "comment", row.get(6));
            objects.add(new SchemaObject(row.get(0), "column", row.get(1), properties));
        }
        return new DatabaseSchema(shownAs, objects);
    }

    private static String kind(String engine) {
        return switch (engine) {
            case "MaterializedView" -> "materialized view";
            case "View" -> "view";
            case "Dictionary" -> "dictionary";
            default -> "table";
        };
    }

    private static Map<String, String> properties(String kind, List<String> row, String database) {
        Map<String, String> properties = new LinkedHashMap<>();
        String engineFull = unqualified(row.get(2), database);
        String create = unqualified(row.get(4), database);
        switch (kind) {
            case "view" -> put(properties, "query", unqualified(row.get(3), database));
            case "dictionary" -> put(properties, "definition", create.replaceFirst("^CREATE DICTIONARY \\S+ ", ""));
            case "materialized view" -> {
                put(properties, "query", unqualified(row.get(3), database));
                Matcher target = TARGET.matcher(create);
                put(properties, "target", target.find() ? target.group(1) : "");
                clauses(engineFull, properties);
            }
            default -> clauses(engineFull, properties);
        }
        put(properties, "comment", row.get(5));
        return properties;
    }

    /** The engine with its arguments, then each clause of {@code engine_full} under its keyword. */
    private static void clauses(String engineFull, Map<String, String> properties) {
        String[] parts = CLAUSE.split(engineFull);
        put(properties, "engine", parts[0]);
        for (int i = 1; i < parts.length; i++) {
            String part = parts[i];
            int keyword = part.startsWith("TTL") || part.startsWith("SETTINGS") ? part.indexOf(' ') : part.indexOf(' ', part.indexOf(' ') + 1);
            put(properties, part.substring(0, keyword).toLowerCase(java.util.Locale.ROOT), part.substring(keyword + 1));
        }
    }

    private static void put(Map<String, String> properties, String name, String value) {
        if (value != null && !value.isBlank()) {
            properties.put(name, PostgresCatalog.normalised(value));
        }
    }

    /** {@code text} without the qualifier {@code database.} (quoted or not), white space runs made one space. */
    static String unqualified(String text, String database) {
        if (text == null) {
            return null;
        }
        return PostgresCatalog.normalised(text.replaceAll("(?<![\\w.`])(?:`" + database + "`|" + database + ")\\.", ""));
    }

    private static void requirePlain(String database) {
        if (!database.matches("[A-Za-z_][A-Za-z0-9_]*")) {
            throw new IllegalArgumentException("not a plain ClickHouse database name: " + database);
        }
    }
}
