package ai.crawbl.orchestrator;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * A fresh checkout for the launcher's end-to-end tests: the launcher, its setup script, the migrations and the CLI jar
 * this build packaged, recorded as built from those migrations, so the launcher uses the jar as it is.
 */
final class LauncherCheckout {

    private static final Path PROJECT = Path.of("..").toAbsolutePath().normalize();
    private static final Path JAR = Path.of("target/crawbl-orchestrator.jar").toAbsolutePath();

    /** Folders of the project that a build neither reads nor needs. */
    private static final Set<String> LEFT_OUT = Set.of(".git", ".crawbl", "surefire-reports", "failsafe-reports");

    private LauncherCheckout() {
    }

    /**
     * A copy of the whole project, sources and build output, in a new temporary folder traversable by the postgres
     * user (whom the code generation's throwaway PostgreSQL runs as): for tests that build it.
     */
    static Path copyOfTheProject() throws IOException {
        Path copy = Files.createTempDirectory("crawbl-project-", PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwxr-xr-x")));
        try (Stream<Path> walk = Files.walk(PROJECT)) {
            for (Path path : walk.filter(path -> !leftOut(path)).toList()) {
                Path target = copy.resolve(PROJECT.relativize(path).toString());
                if (Files.isDirectory(path)) {
                    Files.createDirectories(target);
                } else if (Files.isRegularFile(path)) {
                    Files.copy(path, target, StandardCopyOption.COPY_ATTRIBUTES);
                }
            }
        }
        return copy;
    }

    private static boolean leftOut(Path path) {
        for (Path part : PROJECT.relativize(path)) {
            if (LEFT_OUT.contains(part.toString())) {
                return true;
            }
        }
        return false;
    }

    /** Makes a checkout in a new temporary folder, traversable by the postgres user as a person's checkout is. */
    static Path create() throws IOException {
        Path checkout = Files.createTempDirectory("crawbl-checkout-", PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwxr-xr-x")));
        for (String part : List.of("crawbl", "scripts", "migrations")) {
            copy(PROJECT.resolve(part), checkout.resolve(part));
        }
        Path jar = checkout.resolve("orchestrator-cli/target/crawbl-orchestrator.jar");
        copy(JAR, jar);
        // Just built: newer than every source, and built from the inputs there are.
        Files.setLastModifiedTime(jar, FileTime.from(Instant.now().plusSeconds(2)));
        Files.writeString(checkout.resolve("orchestrator-cli/target/crawbl-orchestrator.inputs"), inputListing(checkout));
        return checkout;
    }

    /** Removes a folder and everything in it. */
    static void delete(Path folder) throws IOException {
        try (Stream<Path> walk = Files.walk(folder)) {
            walk.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        }
    }

    /**
     * The launcher's record of the files a jar was built from, for a checkout whose only inputs are its migrations:
     * their paths relative to the checkout, sorted, one a line.
     */
    private static String inputListing(Path checkout) throws IOException {
        try (Stream<Path> walk = Files.walk(checkout.resolve("migrations"))) {
            return walk.filter(Files::isRegularFile).map(path -> checkout.relativize(path).toString()).sorted()
                    .map(path -> path + "\n").collect(Collectors.joining());
        }
    }

    private static void copy(Path from, Path to) throws IOException {
        try (Stream<Path> walk = Files.walk(from)) {
            for (Path path : walk.toList()) {
                Path target = to.resolve(from.relativize(path).toString());
                if (Files.isDirectory(path)) {
                    Files.createDirectories(target);
                } else {
                    Files.createDirectories(target.getParent());
                    Files.copy(path, target, StandardCopyOption.COPY_ATTRIBUTES);
                }
            }
        }
    }
}
