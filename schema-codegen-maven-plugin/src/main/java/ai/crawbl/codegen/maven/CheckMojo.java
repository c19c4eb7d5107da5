package ai.crawbl.codegen.maven;

import ai.crawbl.codegen.meta.GenerationRecord;
import ai.crawbl.codegen.meta.InputDigests;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugins.annotations.LifecyclePhase;
import org.apache.maven.plugins.annotations.Mojo;

import java.io.IOException;
import java.nio.file.Path;

/**
 * Runs before jooq-codegen-maven: when the build's declared inputs digest as the {@link GenerationRecord} says and the
 * generated sources are as recorded, it sets {@code jooq.codegen.skip} so that jOOQ's plugin returns before it starts
 * (no database, no jOOQ start-up), and adds the sources to the compile roots as jOOQ's plugin would have. Otherwise
 * jOOQ runs, and its generator makes the finer decision (a {@code pom.xml} edit that leaves the jOOQ configuration as
 * it was still starts no database); either way one line says which.
 */
@Mojo(name = "check", defaultPhase = LifecyclePhase.GENERATE_SOURCES, threadSafe = true)
public class CheckMojo extends GenerationMojo {

    /** The property jooq-codegen-maven reads its {@code skip} parameter from. */
    static final String JOOQ_SKIP = "jooq.codegen.skip";

    @Override
    public void execute() throws MojoExecutionException {
        Path target = target();
        try {
            InputDigests inputs = inputsDigest();
            GenerationRecord recorded = GenerationRecord.readFrom(target);
            if (recorded != null && recorded.build().equals(inputs) && recorded.outputsMatch(target)) {
                project.getProperties().setProperty(JOOQ_SKIP, "true");
                project.addCompileSourceRoot(target.toString());
                getLog().info("jOOQ classes up to date with their inputs: code generation skipped");
            } else {
                project.getProperties().setProperty(JOOQ_SKIP, "false");
                getLog().info("jOOQ's generator runs: " + reason(recorded, inputs, target));
            }
        } catch (IOException e) {
            throw new MojoExecutionException("cannot digest the code generation inputs: " + e.getMessage(), e);
        }
    }

    private static String reason(GenerationRecord recorded, InputDigests inputs, Path target) {
        if (recorded == null) {
            return "no record of an earlier generation in " + target;
        }
        if (!recorded.build().equals(inputs)) {
            return inputs.reasonSince(recorded.build());
        }
        return "generated files were edited or deleted since the last generation";
    }
}
