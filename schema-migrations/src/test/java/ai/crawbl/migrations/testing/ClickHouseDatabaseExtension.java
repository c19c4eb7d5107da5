package ai.crawbl.migrations.testing;

import ai.crawbl.migrations.clickhouse.ClickHouse;
import java.util.Locale;
import java.util.UUID;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ExtensionContext.Namespace;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * Gives each test class a fresh {@link ClickHouseDatabase} — created on first use, dropped after the class —
 * on one ClickHouse per test run, which the subclass provides and the root store closes when the run ends.
 * Injected into constructors, lifecycle methods and test methods that declare a parameter of that type.
 */
abstract class ClickHouseDatabaseExtension implements ParameterResolver {

    private final Namespace namespace = Namespace.create(getClass());

    /** Opens the ClickHouse the whole test run shares; called once per run. */
    protected abstract RunClickHouse openClickHouse();

    /**
     * The ClickHouse a test run shares, and what to close when the run ends: the ClickHouse itself, or the
     * container it runs in.
     */
    protected record RunClickHouse(ClickHouse clickHouse, Runnable closer) implements AutoCloseable {
        @Override
        public void close() {
            closer.run();
        }
    }

    @Override
    public final boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
        return parameter.getParameter().getType() == ClickHouseDatabase.class;
    }

    @Override
    public final ClickHouseDatabase resolveParameter(ParameterContext parameter, ExtensionContext context) {
        ClickHouse clickHouse = context.getRoot().getStore(namespace)
                .getOrComputeIfAbsent(RunClickHouse.class, type -> openClickHouse(), RunClickHouse.class)
                .clickHouse();
        ExtensionContext testClass = classContext(context);
        return testClass.getStore(namespace)
                .getOrComputeIfAbsent(ClassDatabase.class,
                        type -> ClassDatabase.create(clickHouse, testClass.getRequiredTestClass()),
                        ClassDatabase.class)
                .database();
    }

    /** The context of the innermost test class, where the class's database lives. */
    private static ExtensionContext classContext(ExtensionContext context) {
        ExtensionContext current = context;
        while (current.getTestMethod().isPresent() || current.getTestClass().isEmpty()) {
            current = current.getParent().orElseThrow(
                    () -> new IllegalStateException("a ClickHouseDatabase is per test class; none in " + context));
        }
        return current;
    }

    /** A class's database, dropped when the class's store closes. */
    private record ClassDatabase(ClickHouseDatabase database) implements AutoCloseable {

        static ClassDatabase create(ClickHouse clickHouse, Class<?> testClass) {
            String name = "test_" + testClass.getSimpleName().replaceAll("[^A-Za-z0-9]", "_").toLowerCase(Locale.ROOT)
                    + "_" + UUID.randomUUID().toString().substring(0, 8);
            clickHouse.execute("CREATE DATABASE " + name);
            return new ClassDatabase(new ClickHouseDatabase(clickHouse, name));
        }

        @Override
        public void close() {
            database.clickHouse().execute("DROP DATABASE IF EXISTS " + database.name());
        }
    }
}
