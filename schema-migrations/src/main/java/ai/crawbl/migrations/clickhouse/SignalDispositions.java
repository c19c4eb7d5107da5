package ai.crawbl.migrations.clickhouse;

import com.sun.jna.Library;
import com.sun.jna.Memory;
import com.sun.jna.Native;
import com.sun.jna.Platform;
import com.sun.jna.Pointer;

/**
 * A snapshot of how this process handles the synchronous signals the JVM depends on, which can be put back.
 *
 * <p>HotSpot turns SIGSEGV, SIGBUS, SIGILL and SIGFPE into implicit null checks, safepoint polls and
 * stack-overflow checks. chDB's {@code chdb_set_signal_handlers_enabled(0)} and {@code chdb_connect} reset
 * those signals to {@code SIG_DFL} (measured with chDB 26.5: the next implicit null check then kills the JVM
 * with exit code 139, and no hs_err file). So every call that may do that is bracketed: capture, call,
 * {@link #restore()}. Other threads are unprotected for the few microseconds in between; chDB offers no way
 * to opt out of its handlers without that reset.
 */
final class SignalDispositions {

    private interface C extends Library {
        int sigaction(int signal, Pointer action, Pointer previous);
    }

    /** libc, bound once: an immutable proxy, not state. */
    private static final class Libc {
        static final C INSTANCE = Native.load(Platform.C_LIBRARY_NAME, C.class);
    }

    /** Bigger than {@code struct sigaction} on glibc (152 bytes) and macOS (16); copied back verbatim. */
    private static final int SIGACTION_BYTES = 512;

    private final C libc;
    private final int[] signals;
    private final Memory[] saved;

    private SignalDispositions(C libc, int[] signals) {
        this.libc = libc;
        this.signals = signals;
        this.saved = new Memory[signals.length];
        for (int i = 0; i < signals.length; i++) {
            saved[i] = new Memory(SIGACTION_BYTES);
            saved[i].clear();
            if (libc.sigaction(signals[i], null, saved[i]) != 0) {
                throw new IllegalStateException("sigaction(" + signals[i] + ") failed: errno " + Native.getLastError());
            }
        }
    }

    /** The current dispositions of the signals chDB resets: SIGILL, SIGTRAP, SIGABRT, SIGBUS, SIGFPE, SIGSEGV, SIGSYS, SIGTSTP. */
    static SignalDispositions capture() {
        int[] signals = Platform.isMac()
                ? new int[] {4, 5, 6, 10, 8, 11, 12, 18}
                : new int[] {4, 5, 6, 7, 8, 11, 31, 20}; // Linux numbering
        return new SignalDispositions(Libc.INSTANCE, signals);
    }

    /** Puts every captured disposition back, whatever happened to it since. */
    void restore() {
        for (int i = 0; i < signals.length; i++) {
            libc.sigaction(signals[i], saved[i], null);
        }
    }
}
