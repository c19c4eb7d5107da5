package ai.crawbl.migrations.target;

import ai.crawbl.migrations.sql.SqlLexer;
import ai.crawbl.migrations.sql.Token;

import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Renders DDL for a ClickHouse cluster: {@code ON CLUSTER <name>} right after the object name of
 * {@code CREATE|ALTER|DROP|RENAME|TRUNCATE} statements that do not already carry one. Other statements are returned
 * as they are.
 */
public record ClusterDdl(String cluster) {

    private static final Set<String> KINDS = Set.of("TABLE", "DATABASE", "VIEW", "DICTIONARY", "FUNCTION");
    private static final Set<String> MODIFIERS = Set.of("OR", "REPLACE", "MATERIALIZED", "TEMPORARY", "IF", "NOT", "EXISTS");

    public ClusterDdl {
        if (cluster == null || !cluster.matches("[A-Za-z_][A-Za-z0-9_]*|`[^`]+`")) {
            throw new IllegalArgumentException("not a cluster name: " + cluster);
        }
    }

    /** {@code sql} with {@code ON CLUSTER} inserted where ClickHouse expects it, or unchanged. */
    public String render(String sql) {
        List<Token> tokens = SqlLexer.clickhouse(sql);
        if (tokens.isEmpty()) {
            return sql;
        }
        String verb = upper(tokens.getFirst());
        if (!Set.of("CREATE", "ALTER", "DROP", "RENAME", "TRUNCATE", "ATTACH", "DETACH").contains(verb)) {
            return sql;
        }
        for (int i = 0; i + 1 < tokens.size(); i++) {
            if (upper(tokens.get(i)).equals("ON") && upper(tokens.get(i + 1)).equals("CLUSTER")) {
                return sql;
            }
        }
        int i = 1;
        while (i < tokens.size() && MODIFIERS.contains(upper(tokens.get(i)))) {
            i++;
        }
        if (i >= tokens.size() || !KINDS.contains(upper(tokens.get(i)))) {
            return sql;
        }
        i++;
        while (i < tokens.size() && MODIFIERS.contains(upper(tokens.get(i)))) {
            i++;
        }
        if (i >= tokens.size()) {
            return sql;
        }
        Token name = tokens.get(i);
        // [database.]name
        if (i + 2 < tokens.size() && tokens.get(i + 1).text().equals(".")) {
            name = tokens.get(i + 2);
        }
        int end = name.offset() + name.text().length();
        return sql.substring(0, end) + " ON CLUSTER " + cluster + sql.substring(end);
    }

    private static String upper(Token token) {
        return token.kind() == Token.Kind.WORD ? token.text().toUpperCase(Locale.ROOT) : token.text();
    }
}
