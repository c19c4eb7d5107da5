package ai.crawbl.migrations.drift;

import ai.crawbl.migrations.MigrationTarget;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Describes a PostgreSQL database from {@code pg_catalog}: every schema but the system's, with its tables (columns with
 * type and modifiers, nullability, default, generation, identity, collation; constraints; indexes with validity;
 * triggers), sequences, views and materialized views, functions, enum and domain types, and the database's extensions
 * with schema and version; comments everywhere. Definitions come from PostgreSQL's own printers
 * ({@code format_type}, {@code pg_get_indexdef}, {@code pg_get_constraintdef}, {@code pg_get_viewdef},
 * {@code pg_get_functiondef}, {@code pg_get_triggerdef}), read with {@code search_path = pg_catalog} so every name
 * comes out qualified, and with runs of white space made one space.
 *
 * <p>Left out: objects that belong to an extension (pgvector's functions are the extension's, described by its
 * version), the history tables of this engine and of golang-migrate, grants, owners and storage details. Reads only:
 * the session is made read-only first, so a role with SELECT alone suffices.
 */
public final class PostgresCatalog {

    /** The property of an index that says whether PostgreSQL uses it. */
    static final String VALIDITY = "validity";
    static final String INVALID = "INVALID";

    /** Tables that record migrations rather than hold the application's data: never drift. */
    static final Set<String> HISTORY_TABLES = Set.of(MigrationTarget.HISTORY_TABLE, "schema_migrations");

    private static final String SCHEMAS = "n.nspname NOT LIKE 'pg\\_%' AND n.nspname <> 'information_schema'";
    private static final String QUALIFIED = "quote_ident(n.nspname) || '.' || quote_ident(c.relname)";

    private static String notInExtension(String catalog, String oid) {
        return "NOT EXISTS (SELECT 1 FROM pg_depend e WHERE e.classid = '" + catalog + "'::regclass AND e.objid = " + oid
                + " AND e.deptype = 'e')";
    }

    private static final List<String> QUERIES = List.of(
            // schemas
            """
            SELECT quote_ident(n.nspname), 'schema', quote_ident(n.nspname), obj_description(n.oid, 'pg_namespace') AS comment
            FROM pg_namespace n WHERE %s AND %s""".formatted(SCHEMAS, notInExtension("pg_namespace", "n.oid")),
            // extensions
            """
            SELECT quote_ident(x.extname), 'extension', quote_ident(x.extname), quote_ident(n.nspname) AS schema,
                   x.extversion AS version, obj_description(x.oid, 'pg_extension') AS comment
            FROM pg_extension x JOIN pg_namespace n ON n.oid = x.extnamespace""",
            // tables, views, materialized views, composite types
            """
            SELECT %1$s, CASE c.relkind WHEN 'v' THEN 'view' WHEN 'm' THEN 'materialized view' WHEN 'f' THEN 'foreign table'
                       WHEN 'c' THEN 'type' ELSE 'table' END, %1$s,
                   CASE WHEN c.relkind IN ('v', 'm') THEN pg_get_viewdef(c.oid) END AS definition,
                   CASE WHEN c.relkind = 'p' THEN pg_get_partkeydef(c.oid) END AS "partition key",
                   CASE c.relpersistence WHEN 'u' THEN 'unlogged' END AS persistence,
                   CASE WHEN c.relrowsecurity THEN 'enabled' END AS "row security",
                   obj_description(c.oid, 'pg_class') AS comment
            FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
            WHERE %2$s AND c.relkind IN ('r', 'p', 'v', 'm', 'f', 'c') AND %3$s""".formatted(QUALIFIED, SCHEMAS, notInExtension("pg_class", "c.oid")),
            // columns (a view's columns follow from its definition)
            """
            SELECT %1$s, 'column', quote_ident(a.attname), format_type(a.atttypid, a.atttypmod) AS type,
                   CASE WHEN a.attnotnull THEN 'NOT NULL' ELSE 'NULL' END AS nullability,
                   CASE WHEN a.attgenerated = '' THEN pg_get_expr(d.adbin, d.adrelid) END AS default,
                   CASE WHEN a.attgenerated = 's' THEN pg_get_expr(d.adbin, d.adrelid) END AS generated,
                   CASE a.attidentity WHEN 'a' THEN 'ALWAYS' WHEN 'd' THEN 'BY DEFAULT' END AS identity,
                   CASE WHEN a.attcollation <> 0 AND a.attcollation <> t.typcollation
                        THEN (SELECT quote_ident(cn.nspname) || '.' || quote_ident(co.collname) FROM pg_collation co
                              JOIN pg_namespace cn ON cn.oid = co.collnamespace WHERE co.oid = a.attcollation) END AS collation,
                   col_description(c.oid, a.attnum) AS comment
            FROM pg_attribute a JOIN pg_class c ON c.oid = a.attrelid JOIN pg_namespace n ON n.oid = c.relnamespace
            JOIN pg_type t ON t.oid = a.atttypid LEFT JOIN pg_attrdef d ON d.adrelid = a.attrelid AND d.adnum = a.attnum
            WHERE %2$s AND c.relkind IN ('r', 'p', 'f', 'c') AND a.attnum > 0 AND NOT a.attisdropped AND %3$s"""
                    .formatted(QUALIFIED, SCHEMAS, notInExtension("pg_class", "c.oid")),
            // constraints of tables (NOT NULL is the column's nullability)
            """
            SELECT %1$s, 'constraint', quote_ident(k.conname), pg_get_constraintdef(k.oid) AS definition,
                   obj_description(k.oid, 'pg_constraint') AS comment
            FROM pg_constraint k JOIN pg_class c ON c.oid = k.conrelid JOIN pg_namespace n ON n.oid = c.relnamespace
            WHERE %2$s AND k.contype IN ('p', 'u', 'f', 'c', 'x', 't') AND %3$s"""
                    .formatted(QUALIFIED, SCHEMAS, notInExtension("pg_class", "c.oid")),
            // indexes of tables and materialized views
            """
            SELECT %1$s, 'index', quote_ident(i.relname), pg_get_indexdef(x.indexrelid) AS definition,
                   CASE WHEN x.indisvalid THEN 'valid' ELSE 'INVALID' END AS validity,
                   obj_description(i.oid, 'pg_class') AS comment
            FROM pg_index x JOIN pg_class i ON i.oid = x.indexrelid JOIN pg_class c ON c.oid = x.indrelid
            JOIN pg_namespace n ON n.oid = c.relnamespace
            WHERE %2$s AND %3$s""".formatted(QUALIFIED, SCHEMAS, notInExtension("pg_class", "c.oid")),
            // triggers
            """
            SELECT %1$s, 'trigger', quote_ident(g.tgname), pg_get_triggerdef(g.oid) AS definition,
                   CASE g.tgenabled WHEN 'D' THEN 'disabled' WHEN 'R' THEN 'replica' WHEN 'A' THEN 'always' ELSE 'origin' END AS enabled,
                   obj_description(g.oid, 'pg_trigger') AS comment
            FROM pg_trigger g JOIN pg_class c ON c.oid = g.tgrelid JOIN pg_namespace n ON n.oid = c.relnamespace
            WHERE %2$s AND NOT g.tgisinternal AND %3$s""".formatted(QUALIFIED, SCHEMAS, notInExtension("pg_class", "c.oid")),
            // sequences, except those of identity columns (the column says it)
            """
            SELECT %1$s, 'sequence', %1$s, format_type(s.seqtypid, NULL) AS type, s.seqstart::text AS start,
                   s.seqincrement::text AS increment, s.seqmin::text AS minimum, s.seqmax::text AS maximum,
                   s.seqcache::text AS cache, CASE WHEN s.seqcycle THEN 'CYCLE' ELSE 'NO CYCLE' END AS cycle,
                   (SELECT quote_ident(tn.nspname) || '.' || quote_ident(t.relname) || '.' || quote_ident(a.attname)
                    FROM pg_depend o JOIN pg_class t ON t.oid = o.refobjid JOIN pg_namespace tn ON tn.oid = t.relnamespace
                    JOIN pg_attribute a ON a.attrelid = o.refobjid AND a.attnum = o.refobjsubid
                    WHERE o.classid = 'pg_class'::regclass AND o.objid = c.oid AND o.deptype = 'a') AS "owned by",
                   obj_description(c.oid, 'pg_class') AS comment
            FROM pg_sequence s JOIN pg_class c ON c.oid = s.seqrelid JOIN pg_namespace n ON n.oid = c.relnamespace
            WHERE %2$s AND %3$s AND NOT EXISTS (SELECT 1 FROM pg_depend i WHERE i.classid = 'pg_class'::regclass
                                                AND i.objid = c.oid AND i.deptype = 'i')"""
                    .formatted(QUALIFIED, SCHEMAS, notInExtension("pg_class", "c.oid")),
            // functions and procedures
            """
            SELECT %1$s, kind, %1$s, definition, comment FROM (
                SELECT quote_ident(n.nspname) || '.' || quote_ident(p.proname) || '(' || pg_get_function_identity_arguments(p.oid) || ')' AS name,
                       CASE p.prokind WHEN 'p' THEN 'procedure' WHEN 'a' THEN 'aggregate' WHEN 'w' THEN 'window function' ELSE 'function' END AS kind,
                       CASE WHEN p.prokind IN ('f', 'p') THEN pg_get_functiondef(p.oid) END AS definition,
                       obj_description(p.oid, 'pg_proc') AS comment
                FROM pg_proc p JOIN pg_namespace n ON n.oid = p.pronamespace
                WHERE %2$s AND %3$s) f""".formatted("f.name", SCHEMAS, notInExtension("pg_proc", "p.oid")),
            // enum and domain types
            """
            SELECT %1$s, CASE t.typtype WHEN 'e' THEN 'enum' ELSE 'domain' END, %1$s,
                   CASE WHEN t.typtype = 'e' THEN (SELECT string_agg(quote_literal(l.enumlabel), ', ' ORDER BY l.enumsortorder)
                                                   FROM pg_enum l WHERE l.enumtypid = t.oid) END AS labels,
                   CASE WHEN t.typtype = 'd' THEN format_type(t.typbasetype, t.typtypmod)
                       || CASE WHEN t.typnotnull THEN ' NOT NULL' ELSE '' END
                       || coalesce(' DEFAULT ' || pg_get_expr(t.typdefaultbin, 0), '')
                       || coalesce((SELECT ' ' || string_agg(pg_get_constraintdef(k.oid), ' ' ORDER BY k.conname)
                                    FROM pg_constraint k WHERE k.contypid = t.oid), '') END AS definition,
                   obj_description(t.oid, 'pg_type') AS comment
            FROM pg_type t JOIN pg_namespace n ON n.oid = t.typnamespace
            WHERE %2$s AND t.typtype IN ('e', 'd') AND %3$s"""
                    .formatted("quote_ident(n.nspname) || '.' || quote_ident(t.typname)", SCHEMAS, notInExtension("pg_type", "t.oid")));

    private PostgresCatalog() {
    }

    /**
     * The description of the database {@code connection} is connected to. Leaves the session read-only with
     * {@code search_path = pg_catalog}; the caller closes the connection.
     *
     * @param database how the description names the database, safe to print
     */
    public static DatabaseSchema describe(Connection connection, String database) throws SQLException {
        List<SchemaObject> objects = new ArrayList<>();
        try (Statement statement = connection.createStatement()) {
            statement.execute("SET SESSION CHARACTERISTICS AS TRANSACTION READ ONLY");
            statement.execute("SET search_path TO pg_catalog");
            for (String query : QUERIES) {
                objects.addAll(read(statement, query));
            }
        }
        return new DatabaseSchema(database, objects.stream().filter(object -> !isHistory(object.group())).toList());
    }

    private static boolean isHistory(String group) {
        int dot = group.lastIndexOf('.');
        return dot >= 0 && HISTORY_TABLES.contains(group.substring(dot + 1));
    }

    /** Rows of group, kind, name and then one column per property, named as the property; NULL: absent. */
    private static List<SchemaObject> read(Statement statement, String sql) throws SQLException {
        List<SchemaObject> objects = new ArrayList<>();
        try (ResultSet rs = statement.executeQuery(sql)) {
            ResultSetMetaData meta = rs.getMetaData();
            while (rs.next()) {
                Map<String, String> properties = new LinkedHashMap<>();
                for (int i = 4; i <= meta.getColumnCount(); i++) {
                    String value = rs.getString(i);
                    if (value != null) {
                        properties.put(meta.getColumnLabel(i), normalised(value));
                    }
                }
                objects.add(new SchemaObject(rs.getString(1), rs.getString(2), rs.getString(3), properties));
            }
        }
        return objects;
    }

    /** Runs of white space as one space, none at either end: layout is not drift. */
    static String normalised(String text) {
        return text.strip().replaceAll("\\s+", " ");
    }
}
