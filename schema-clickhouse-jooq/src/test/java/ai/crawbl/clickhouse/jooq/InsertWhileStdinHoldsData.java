package ai.crawbl.clickhouse.jooq;

import ai.crawbl.migrations.clickhouse.EmbeddedClickHouse;
import org.jooq.DSLContext;
import org.jooq.Field;
import org.jooq.impl.DSL;
import org.jooq.impl.SQLDataType;

/**
 * A JVM of its own that inserts two rows through {@link ChdbJooq} and prints how many the table then holds: started by
 * {@link StandardInputTest} with data waiting on its standard input, which chDB would take for a VALUES insert.
 */
public final class InsertWhileStdinHoldsData {

    private InsertWhileStdinHoldsData() {
    }

    public static void main(String[] args) {
        try (EmbeddedClickHouse clickHouse = EmbeddedClickHouse.openInMemory()) {
            clickHouse.execute("CREATE DATABASE IF NOT EXISTS stdin_check");
            clickHouse.execute("CREATE TABLE stdin_check.numbers (n Int32) ENGINE = MergeTree ORDER BY n");
            DSLContext ctx = ChdbJooq.using(clickHouse);
            Field<Integer> n = DSL.field(DSL.name("n"), SQLDataType.INTEGER);
            ctx.insertInto(DSL.table(DSL.name("stdin_check", "numbers")), n).values(1).values(2).execute();
            System.out.println(ctx.fetchCount(DSL.table(DSL.name("stdin_check", "numbers"))));
        }
    }
}
