package ai.crawbl.orchestrator;

import org.junit.jupiter.api.Test;

import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * chDB's connect swaps the process's signal handlers, so no other Java thread may run while ClickHouse opens: the
 * seed-file check started beside the PostgreSQL step must have ended, its thread gone, before the ClickHouse step opens.
 */
class ClickHouseOpensAloneTest {

    @Test
    void clickHouseOpensOnlyAfterTheSeedCheckThreadHasEnded() throws Exception {
        CountDownLatch checkStarted = new CountDownLatch(1);
        CountDownLatch opened = new CountDownLatch(1);
        AtomicReference<Thread> checkThread = new AtomicReference<>();
        AtomicReference<Thread.State> checkStateAtOpen = new AtomicReference<>();
        try (OrchestratorDatabases.Prepared prepared = new OrchestratorDatabases.Prepared(() -> {
            checkStateAtOpen.set(checkThread.get().getState());
            opened.countDown();
            return Optional.empty();
        }, () -> {
            checkThread.set(Thread.currentThread());
            checkStarted.countDown();
            // Holds the check open until ClickHouse opens (as a wrong order would let it), or for a second at most.
            awaitQuietly(opened);
            return null;
        })) {
            assertTrue(checkStarted.await(60, TimeUnit.SECONDS), "the seed check started");
            prepared.clickHouse();
        }
        assertEquals(Thread.State.TERMINATED, checkStateAtOpen.get(), "the seed check's thread when ClickHouse opened");
    }

    @Test
    void aFailedSeedCheckStillLetsClickHouseOpenAndIsReportedByTheCatalogsStep() {
        AtomicReference<Boolean> openedAfterFailure = new AtomicReference<>(false);
        try (OrchestratorDatabases.Prepared prepared = new OrchestratorDatabases.Prepared(() -> {
            openedAfterFailure.set(true);
            return Optional.empty();
        }, () -> {
            throw new IllegalArgumentException("tools.json:3:7: bad seed");
        })) {
            assertEquals(Optional.empty(), prepared.clickHouse());
            IllegalArgumentException failure = assertThrows(IllegalArgumentException.class, prepared::seeds);
            assertEquals("tools.json:3:7: bad seed", failure.getMessage());
        }
        assertTrue(openedAfterFailure.get());
    }

    private static void awaitQuietly(CountDownLatch latch) {
        try {
            latch.await(1, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
