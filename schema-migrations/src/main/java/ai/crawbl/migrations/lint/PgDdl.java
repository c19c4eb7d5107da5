package ai.crawbl.migrations.lint;

import ai.crawbl.migrations.lint.StatementTokens.Name;
import ai.crawbl.migrations.lint.StatementTokens.Range;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * What a PostgreSQL statement does, as far as the state-aware rules need to know: which table it creates, indexes,
 * alters, drops or rewrites, read from its tokens. Statements of other shapes are {@link Other}. Every part keeps the
 * token index it starts at, so a rule can point at it.
 */
sealed interface PgDdl {

    /** {@code CREATE TABLE name (columns and constraints)}. */
    record CreateTable(Name name, int at, List<Column> columns, List<Constraint> constraints) implements PgDdl {
    }

    /** {@code CREATE [UNIQUE] INDEX [CONCURRENTLY] [IF NOT EXISTS] name ON table [USING method] (columns)}. */
    record CreateIndex(String name, int at, Name table, int tableAt, boolean concurrently, String method,
                       List<IndexColumn> columns) implements PgDdl {
    }

    /** {@code ALTER TABLE [IF EXISTS] [ONLY] name action, ...}. */
    record AlterTable(Name table, int at, List<Action> actions) implements PgDdl {
    }

    /** {@code DROP TABLE ...} or {@code DROP INDEX ...}: the names dropped, each with its token index. */
    record Drop(String kind, int at, boolean concurrently, List<Name> names, List<Integer> nameAt) implements PgDdl {
    }

    /** {@code UPDATE table ...} or {@code DELETE FROM table ...}. */
    record RowChange(String verb, int at, Name table, boolean where) implements PgDdl {
    }

    /** {@code ALTER INDEX|VIEW|SEQUENCE|... name RENAME ...}: renames something other than through ALTER TABLE. */
    record Rename(String kind, int at, Name name) implements PgDdl {
    }

    /** {@code SET [LOCAL|SESSION] lock_timeout ...}. */
    record SetLockTimeout() implements PgDdl {
    }

    /** Anything else. */
    record Other() implements PgDdl {
    }

    /** A column definition: name, where its type starts and ends, and the whole definition's range. */
    record Column(String name, int at, int typeAt, int typeEnd, int end) {
    }

    /** A table constraint: its name (null when unnamed), kind (FOREIGN, CHECK, UNIQUE, PRIMARY, EXCLUDE), range. */
    record Constraint(String name, String kind, List<String> columns, int at, int end, boolean notValid) {
    }

    /** An index element: the column (null for an expression), and its operator class (null when default). */
    record IndexColumn(String column, int at, String opclass, int opclassAt) {
    }

    /** One action of an ALTER TABLE. */
    sealed interface Action {
        int at();
    }

    record AddColumn(int at, Column column) implements Action {
    }

    record DropColumn(int at, String column) implements Action {
    }

    record AlterColumnType(int at, String column) implements Action {
    }

    record SetNotNull(int at, String column) implements Action {
    }

    record AddConstraint(int at, Constraint constraint) implements Action {
    }

    record ValidateConstraint(int at, String name) implements Action {
    }

    record RenameTo(int at, String what) implements Action {
    }

    record OtherAction(int at) implements Action {
    }

    Set<String> COLUMN_CONSTRAINT_WORDS = Set.of("CONSTRAINT", "NOT", "NULL", "DEFAULT", "PRIMARY", "UNIQUE", "CHECK",
            "REFERENCES", "GENERATED", "COLLATE", "DEFERRABLE", "INITIALLY", "COMPRESSION", "STORAGE");
    Set<String> TABLE_CONSTRAINTS = Set.of("CONSTRAINT", "PRIMARY", "UNIQUE", "CHECK", "FOREIGN", "EXCLUDE", "LIKE");

    /** The shape of the statement in {@code t}. */
    static PgDdl read(StatementTokens t) {
        return switch (t.word(0)) {
            case "CREATE" -> create(t);
            case "ALTER" -> alter(t);
            case "DROP" -> drop(t);
            case "UPDATE" -> rowChange(t, "UPDATE", t.is(1, "ONLY") ? 2 : 1);
            case "DELETE" -> t.is(1, "FROM") ? rowChange(t, "DELETE", t.is(2, "ONLY") ? 3 : 2) : new Other();
            case "SET" -> {
                int i = t.is(1, "LOCAL") || t.is(1, "SESSION") ? 2 : 1;
                yield t.is(i, "LOCK_TIMEOUT") ? new SetLockTimeout() : new Other();
            }
            default -> new Other();
        };
    }

    private static PgDdl rowChange(StatementTokens t, String verb, int at) {
        Name table = t.name(at);
        return table == null ? new Other() : new RowChange(verb, at, table, t.find(at, 0, "WHERE") >= 0);
    }

    private static PgDdl create(StatementTokens t) {
        int i = 1;
        if (t.is(i, "OR", "REPLACE")) {
            i += 2;
        }
        while (t.isAny(i, Set.of("GLOBAL", "LOCAL", "TEMP", "TEMPORARY", "UNLOGGED", "UNIQUE"))) {
            i++;
        }
        if (t.is(i, "TABLE")) {
            int at = i + 1;
            if (t.is(at, "IF", "NOT", "EXISTS")) {
                at += 3;
            }
            Name name = t.name(at);
            if (name == null || !t.isSymbol(name.end(), "(")) {
                return new Other();
            }
            List<Column> columns = new ArrayList<>();
            List<Constraint> constraints = new ArrayList<>();
            for (Range element : t.items(name.end())) {
                if (t.isAny(element.from(), TABLE_CONSTRAINTS)) {
                    constraints.add(constraint(t, element.from(), element.to()));
                } else if (t.isName(element.from())) {
                    columns.add(column(t, element.from(), element.to()));
                }
            }
            return new CreateTable(name, at, columns, constraints);
        }
        if (t.is(i, "INDEX")) {
            return index(t, i);
        }
        return new Other();
    }

    private static PgDdl index(StatementTokens t, int kindAt) {
        int i = kindAt + 1;
        boolean concurrently = t.is(i, "CONCURRENTLY");
        if (concurrently) {
            i++;
        }
        if (t.is(i, "IF", "NOT", "EXISTS")) {
            i += 3;
        }
        String name = t.is(i, "ON") ? null : t.isName(i) ? t.identifier(i) : null;
        int on = t.find(i, 0, "ON");
        if (on < 0) {
            return new Other();
        }
        int tableAt = t.is(on + 1, "ONLY") ? on + 2 : on + 1;
        Name table = t.name(tableAt);
        if (table == null) {
            return new Other();
        }
        int j = table.end();
        String method = "btree";
        if (t.is(j, "USING")) {
            method = t.word(j + 1).toLowerCase(java.util.Locale.ROOT);
            j += 2;
        }
        List<IndexColumn> columns = new ArrayList<>();
        if (t.isSymbol(j, "(")) {
            for (Range element : t.items(j)) {
                int from = element.from();
                String column = t.isName(from) && (from + 1 == element.to() || !t.isSymbol(from + 1, "("))
                        ? t.identifier(from) : null;
                int last = element.to() - 1;
                // the operator class is the last word of the element, possibly schema-qualified, after the column
                String opclass = null;
                int opclassAt = -1;
                if (column != null && last > from && t.isName(last) && !t.isAny(last, Set.of("ASC", "DESC", "FIRST",
                        "LAST"))) {
                    opclass = t.identifier(last);
                    opclassAt = t.isSymbol(last - 1, ".") ? last - 2 : last;
                }
                columns.add(new IndexColumn(column, from, opclass, opclassAt));
            }
        }
        return new CreateIndex(name, kindAt, table, tableAt, concurrently, method, columns);
    }

    private static PgDdl alter(StatementTokens t) {
        int kindAt = 1;
        String kind = t.word(kindAt);
        int i = kindAt + 1;
        if (t.is(kindAt, "MATERIALIZED", "VIEW")) {
            kind = "MATERIALIZED VIEW";
            i++;
        }
        if (t.is(i, "IF", "EXISTS")) {
            i += 2;
        }
        if (t.is(i, "ONLY")) {
            i++;
        }
        Name name = t.name(i);
        if (name == null) {
            return new Other();
        }
        int end = t.isSymbol(name.end(), "*") ? name.end() + 1 : name.end();
        if (!kind.equals("TABLE")) {
            return t.is(end, "RENAME") ? new Rename(kind, end, name) : new Other();
        }
        List<Action> actions = new ArrayList<>();
        for (Range action : t.items(end, t.size())) {
            actions.add(action(t, action.from(), action.to()));
        }
        return new AlterTable(name, i, actions);
    }

    private static Action action(StatementTokens t, int a, int end) {
        switch (t.word(a)) {
            case "ADD" -> {
                int j = t.is(a + 1, "COLUMN") ? a + 2 : a + 1;
                if (t.isAny(j, TABLE_CONSTRAINTS)) {
                    return new AddConstraint(a, constraint(t, j, end));
                }
                if (t.is(j, "IF", "NOT", "EXISTS")) {
                    j += 3;
                }
                return t.isName(j) ? new AddColumn(a, column(t, j, end)) : new OtherAction(a);
            }
            case "DROP" -> {
                if (t.is(a + 1, "CONSTRAINT")) {
                    return new OtherAction(a);
                }
                int j = t.is(a + 1, "COLUMN") ? a + 2 : a + 1;
                if (t.is(j, "IF", "EXISTS")) {
                    j += 2;
                }
                return t.isName(j) ? new DropColumn(a, t.identifier(j)) : new OtherAction(a);
            }
            case "ALTER" -> {
                int j = t.is(a + 1, "COLUMN") ? a + 2 : a + 1;
                String column = t.isName(j) ? t.identifier(j) : "";
                if (t.is(j + 1, "TYPE") || t.is(j + 1, "SET", "DATA", "TYPE")) {
                    return new AlterColumnType(a, column);
                }
                if (t.is(j + 1, "SET", "NOT", "NULL")) {
                    return new SetNotNull(a, column);
                }
                return new OtherAction(a);
            }
            case "VALIDATE" -> {
                return t.is(a + 1, "CONSTRAINT") ? new ValidateConstraint(a, t.identifier(a + 2)) : new OtherAction(a);
            }
            case "RENAME" -> {
                String what = t.is(a + 1, "TO") ? "table" : t.is(a + 1, "CONSTRAINT") ? "constraint" : "column";
                return new RenameTo(a, what);
            }
            default -> {
                return new OtherAction(a);
            }
        }
    }

    /** A column definition in {@code [at, end)}: the name, then the type up to the first constraint word. */
    static Column column(StatementTokens t, int at, int end) {
        int typeEnd = at + 1;
        int level = t.depth(at);
        while (typeEnd < end && !(t.depth(typeEnd) == level && t.isAny(typeEnd, COLUMN_CONSTRAINT_WORDS))) {
            typeEnd++;
        }
        return new Column(t.identifier(at), at, at + 1, typeEnd, end);
    }

    /** A table constraint in {@code [at, end)}, with CONSTRAINT name or without. */
    static Constraint constraint(StatementTokens t, int at, int end) {
        String name = null;
        int k = at;
        if (t.is(k, "CONSTRAINT")) {
            name = t.isName(k + 1) ? t.identifier(k + 1) : null;
            k += 2;
        }
        String kind = t.word(k);
        int open = k + 1;
        while (open < end && !t.isSymbol(open, "(")) {
            open++;
        }
        List<String> columns = new ArrayList<>();
        if (open < end && !kind.equals("CHECK")) {
            for (Range item : t.items(open)) {
                if (t.isName(item.from())) {
                    columns.add(t.identifier(item.from()));
                }
            }
        }
        if (kind.equals("CHECK") && open < end) {
            // CHECK (col IS NOT NULL): the column it proves
            int close = t.close(open);
            if (close == open + 5 && t.isName(open + 1) && t.is(open + 2, "IS", "NOT", "NULL")) {
                columns.add(t.identifier(open + 1));
            }
        }
        boolean notValid = false;
        for (int j = at; j < end; j++) {
            if (t.depth(j) == t.depth(at) && t.is(j, "NOT", "VALID")) {
                notValid = true;
            }
        }
        return new Constraint(name, kind, columns, at, end, notValid);
    }

    private static PgDdl drop(StatementTokens t) {
        String kind = t.word(1);
        if (!kind.equals("TABLE") && !kind.equals("INDEX")) {
            return new Other();
        }
        int i = 2;
        boolean concurrently = t.is(i, "CONCURRENTLY");
        if (concurrently) {
            i++;
        }
        if (t.is(i, "IF", "EXISTS")) {
            i += 2;
        }
        List<Name> names = new ArrayList<>();
        List<Integer> at = new ArrayList<>();
        for (Range item : t.items(i, t.size())) {
            Name name = t.name(item.from());
            if (name != null) {
                names.add(name);
                at.add(item.from());
            }
        }
        return new Drop(kind, 1, concurrently, names, at);
    }
}
