package ai.crawbl.orchestrator;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code scripts/setup} on this machine, where everything is installed, with an empty chDB cache and stand-ins for
 * {@code uname} or {@code npm} on the PATH to reach its failure paths without a network.
 */
class SetupScriptTest {

    private static final Path SETUP = Path.of("../scripts/setup").toAbsolutePath().normalize();

    @TempDir
    Path tmp;

    record Run(int exitCode, String out, String err) {
    }

    /** Runs {@code script} in bash with the stand-ins first on the PATH and a private TMPDIR; empty stand-ins, the real cache. */
    private Run bash(String script, Map<String, String> standIns) throws Exception {
        Path bin = Files.createDirectories(tmp.resolve("bin"));
        for (var standIn : standIns.entrySet()) {
            Path program = bin.resolve(standIn.getKey());
            Files.writeString(program, "#!/bin/sh\n" + standIn.getValue() + "\n");
            Files.setPosixFilePermissions(program, PosixFilePermissions.fromString("rwxr-xr-x"));
        }
        Path out = tmp.resolve("out");
        Path err = tmp.resolve("err");
        ProcessBuilder builder = new ProcessBuilder(List.of("bash", "-c", script, "bash", SETUP.toString()))
                .redirectOutput(out.toFile()).redirectError(err.toFile());
        builder.environment().put("PATH", bin + ":" + System.getenv("PATH"));
        if (!standIns.isEmpty()) {
            builder.environment().put("CRAWBL_CACHE", Files.createDirectories(tmp.resolve("cache")).toString());
        }
        builder.environment().put("TMPDIR", Files.createDirectories(tmp.resolve("scratch")).toString());
        Process process = builder.start();
        process.getOutputStream().close();
        if (!process.waitFor(60, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new IllegalStateException("setup did not finish in 60 s");
        }
        return new Run(process.exitValue(), Files.readString(out), Files.readString(err));
    }

    private List<Path> scratch() throws IOException {
        try (Stream<Path> files = Files.list(tmp.resolve("scratch"))) {
            return files.toList();
        }
    }

    @Test
    void onAnotherArchitectureItSaysSoInOneLineBeforeFetchingTheX64Library() throws Exception {
        Run run = bash("\"$1\"", Map.of("uname", "echo aarch64", "npm", "echo npm must not run >&2; exit 1"));

        assertEquals(1, run.exitCode(), run.err());
        assertEquals("setup: libchdb: the pinned package @chdb/lib-linux-x64-gnu is for x86_64 only, and this machine is aarch64\n",
                run.err());
    }

    @Test
    void aFailureStopsACallerThatEvalsItsOutputUnderSetE() throws Exception {
        Run run = bash("set -e; eval \"$(\"$1\" --print-env)\"; echo carried on with JAVA_HOME=${JAVA_HOME:-}",
                Map.of("uname", "echo aarch64"));

        assertTrue(run.exitCode() != 0, "the caller stopped");
        assertFalse(run.out().contains("carried on"), run.out());
        assertTrue(run.err().contains("x86_64 only"), run.err());
    }

    @Test
    void aFailedFetchLeavesNoTemporaryFolderBehind() throws Exception {
        Run run = bash("\"$1\" --print-env", Map.of("npm", "exit 1"));

        assertEquals(1, run.exitCode(), run.err());
        assertTrue(run.err().contains("npm pack @chdb/lib-linux-x64-gnu@"), run.err());
        assertEquals("false\n", run.out(), "only what makes an eval of it fail");
        assertEquals(List.of(), scratch());
    }

    @Test
    void withEverythingInstalledItOnlyPrintsTheEnvironment() throws Exception {
        Run run = bash("\"$1\" --print-env", Map.of());

        assertEquals(0, run.exitCode(), run.err());
        assertTrue(run.out().contains("export JAVA_HOME=") && run.out().contains("export CRAWBL_CHDB_LIB="), run.out());
        assertEquals("", run.err());
        assertEquals(List.of(), scratch());
    }
}
