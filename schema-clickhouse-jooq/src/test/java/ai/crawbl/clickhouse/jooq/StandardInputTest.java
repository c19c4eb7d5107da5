package ai.crawbl.clickhouse.jooq;

import org.junit.jupiter.api.Test;

import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * chDB takes the host process's standard input as data for an INSERT with an input format: a jOOQ
 * {@code INSERT … VALUES} sent as rendered failed ("async inserts with both inlined and external data") or took the
 * stray rows. Run in a child JVM whose stdin holds a row, the adapter's insert stores exactly its own two rows.
 */
class StandardInputTest {

    @Test
    void whatIsOnStandardInputNeverReachesAnInsert() throws Exception {
        List<String> command = new ArrayList<>();
        command.add(ProcessHandle.current().info().command().orElse(Path.of(System.getProperty("java.home"), "bin", "java").toString()));
        command.add("--enable-native-access=ALL-UNNAMED");
        String library = System.getProperty("crawbl.chdb.lib");
        if (library != null) {
            command.add("-Dcrawbl.chdb.lib=" + library);
        }
        command.addAll(List.of("-cp", System.getProperty("java.class.path"), InsertWhileStdinHoldsData.class.getName()));
        Process child = new ProcessBuilder(command).redirectErrorStream(true).start();
        try (OutputStream stdin = child.getOutputStream()) {
            stdin.write("(9999)\n".getBytes(StandardCharsets.UTF_8));
            stdin.flush();
            String output = new String(child.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertTrue(child.waitFor(120, TimeUnit.SECONDS));
            assertEquals(0, child.exitValue(), output);
            assertTrue(output.strip().endsWith("\n2") || output.strip().equals("2"), output);
        } finally {
            child.destroyForcibly();
        }
    }
}
