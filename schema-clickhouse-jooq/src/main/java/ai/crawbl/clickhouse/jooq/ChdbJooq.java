package ai.crawbl.clickhouse.jooq;

import ai.crawbl.migrations.clickhouse.ClickHouse;
import ai.crawbl.migrations.clickhouse.EmbeddedClickHouse;
import org.jooq.DSLContext;
import org.jooq.SQLDialect;
import org.jooq.TransactionProvider;
import org.jooq.conf.BackslashEscaping;
import org.jooq.conf.Settings;
import org.jooq.conf.StatementType;
import org.jooq.impl.DSL;
import org.jooq.impl.DefaultConfiguration;
import org.jooq.tools.jdbc.MockConnection;

import java.util.function.Supplier;

/**
 * jOOQ on embedded ClickHouse: a {@link DSLContext} in the {@link SQLDialect#CLICKHOUSE} dialect whose queries run on
 * the process's chDB (an {@link EmbeddedClickHouse}) instead of a JDBC driver, which chDB does not have.
 *
 * <p>jOOQ renders every statement with its values inlined (and escaped) by its own renderer; chDB runs it; the
 * result comes back as {@code TabSeparatedWithNamesAndTypes} and is read into a jOOQ {@code Result} typed by each
 * column's ClickHouse type. {@code INSERT … VALUES} is run as {@code INSERT … SELECT} ({@link ValuesInsertAsSelect}),
 * since chDB would read stdin for a VALUES insert. Not supported, and refused with a message: transactions (ClickHouse
 * has none), bind values, a batch of bind values on one statement, {@code RETURNING} and {@code ON DUPLICATE KEY}.
 * Composite values other than one-dimensional arrays ({@code Map}, {@code Tuple}) read as ClickHouse's text.
 */
public final class ChdbJooq {

    private ChdbJooq() {
    }

    /** A context on {@code clickHouse} (not closed by the context) with jOOQ's default settings otherwise. */
    public static DSLContext using(ClickHouse clickHouse) {
        return using(clickHouse, new Settings());
    }

    /**
     * A context on {@code clickHouse} with {@code settings}, e.g. a render mapping from the generated schema to the
     * database a service uses. The statement type and backslash escaping are set here, whatever {@code settings} says:
     * values are always inlined, and ClickHouse reads a backslash in a string literal as an escape.
     */
    public static DSLContext using(ClickHouse clickHouse, Settings settings) {
        return using(() -> clickHouse, settings);
    }

    /**
     * A context whose ClickHouse is asked for when a statement runs, so that nothing is opened before the first one:
     * jOOQ's code generator builds contexts long before it reads anything.
     */
    public static DSLContext using(Supplier<? extends ClickHouse> clickHouse, Settings settings) {
        Settings inlined = org.jooq.conf.SettingsTools.clone(settings)
                .withStatementType(StatementType.STATIC_STATEMENT)
                .withBackslashEscaping(BackslashEscaping.ON);
        InsertedRows insertedRows = new InsertedRows();
        DSLContext results = DSL.using(SQLDialect.CLICKHOUSE);
        ChdbDataProvider provider = new ChdbDataProvider(clickHouse, results, insertedRows);
        return DSL.using(new DefaultConfiguration()
                .set(new MockConnection(provider))
                .set(SQLDialect.CLICKHOUSE)
                .set(inlined)
                .set(new ValuesInsertAsSelect(clickHouse, insertedRows))
                .set(noTransactions()));
    }

    private static TransactionProvider noTransactions() {
        return new TransactionProvider() {
            @Override
            public void begin(org.jooq.TransactionContext context) {
                throw new UnsupportedOperationException("ClickHouse has no transactions: run the statements one by one,"
                        + " and make each safe to repeat (see the module README)");
            }

            @Override
            public void commit(org.jooq.TransactionContext context) {
                throw new UnsupportedOperationException("ClickHouse has no transactions");
            }

            @Override
            public void rollback(org.jooq.TransactionContext context) {
                throw new UnsupportedOperationException("ClickHouse has no transactions");
            }
        };
    }
}
