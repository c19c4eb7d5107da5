package ai.crawbl.schema;

import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * The sources of one generation run, compiled with the test's class path and loaded, so that a test can use classes
 * generated from a chain of its own as a service's code would.
 */
final class CompiledClasses implements AutoCloseable {

    private final URLClassLoader loader;

    private CompiledClasses(URLClassLoader loader) {
        this.loader = loader;
    }

    /** Compiles every {@code .java} file under {@code sources} into {@code classes}; fails with javac's output. */
    static CompiledClasses compile(Path sources, Path classes) throws IOException {
        List<String> args = new ArrayList<>(List.of("-d", classes.toString(), "-cp", System.getProperty("java.class.path"),
                "-proc:none", "-nowarn", "--release", "21"));
        try (Stream<Path> walk = Files.walk(sources)) {
            walk.filter(file -> file.toString().endsWith(".java")).forEach(file -> args.add(file.toString()));
        }
        JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
        ByteArrayOutputStream output = new ByteArrayOutputStream();
        int exit = javac.run(null, output, output, args.toArray(String[]::new));
        if (exit != 0) {
            throw new AssertionError("the generated sources do not compile:\n" + output.toString(StandardCharsets.UTF_8));
        }
        return new CompiledClasses(new URLClassLoader(new java.net.URL[] {classes.toUri().toURL()}, CompiledClasses.class.getClassLoader()));
    }

    /** A generated class by name. */
    Class<?> type(String name) throws ClassNotFoundException {
        return loader.loadClass(name);
    }

    /** A public static field of a generated class, e.g. a table of {@code Tables}. */
    Object constant(String className, String field) throws ReflectiveOperationException {
        return type(className).getField(field).get(null);
    }

    @Override
    public void close() throws IOException {
        loader.close();
    }
}
