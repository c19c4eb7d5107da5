package ai.crawbl.migrations.process;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Running the server programs: output, exit code, and a time limit that holds however the program misbehaves. */
class ProcessRunTest {

    private static ProcessBuilder sh(String script) {
        return new ProcessBuilder(List.of("sh", "-c", script));
    }

    @Test
    void returnsTheExitCodeAndBothStreamsMerged() throws Exception {
        ProcessRun.Result result = ProcessRun.run(sh("echo out; echo err >&2; exit 3"), Duration.ofSeconds(30), "sh");

        assertEquals(3, result.exitCode());
        assertEquals("out\nerr", result.output());
    }

    @Test
    void aProgramThatNeverExitsIsDestroyedWithItsChildrenAtTheTimeLimit(@TempDir Path tmp) throws Exception {
        Path pids = tmp.resolve("pids");
        ProcessRun.TimedOut timedOut = assertTimeoutPreemptively(Duration.ofSeconds(20), () -> assertThrows(ProcessRun.TimedOut.class,
                () -> ProcessRun.run(sh("echo hanging; sleep 600 & echo $$ $! > " + pids + "; wait"), Duration.ofMillis(500), "hang")));

        assertTrue(timedOut.getMessage().startsWith("hang did not finish within 500 ms and was stopped"), timedOut.getMessage());
        assertTrue(timedOut.getMessage().endsWith("hanging"), timedOut.getMessage());
        for (String pid : Files.readString(pids).strip().split(" ")) {
            var process = ProcessHandle.of(Long.parseLong(pid));
            if (process.isPresent()) {
                process.get().onExit().get(10, TimeUnit.SECONDS);
                assertFalse(process.get().isAlive(), pid);
            }
        }
    }

    @Test
    void aChildLeftRunningWithTheOutputOpenDoesNotHoldTheCallerBack() throws Exception {
        // pg_ctl start does this: it exits, and the server it started lives on.
        ProcessRun.Result result = assertTimeoutPreemptively(Duration.ofSeconds(20),
                () -> ProcessRun.run(sh("sleep 600 & echo $!"), Duration.ofSeconds(10), "sh"));
        long child = Long.parseLong(result.output());
        try {
            assertEquals(0, result.exitCode());
            assertTrue(result.elapsed().toSeconds() < 10, result.elapsed().toString());
        } finally {
            ProcessHandle.of(child).ifPresent(ProcessHandle::destroyForcibly);
        }
    }
}
