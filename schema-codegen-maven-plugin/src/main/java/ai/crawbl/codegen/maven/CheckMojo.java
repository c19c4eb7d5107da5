package ai.crawbl.codegen.maven;

import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugins.annotations.LifecyclePhase;
import org.apache.maven.plugins.annotations.Mojo;

import java.io.IOException;
import java.nio.file.Path;

/**
 * Runs before jooq-codegen-maven: when the inputs digest the same as at the last {@code record} and the generated
 * sources are as that run left them, it sets {@code jooq.codegen.skip} so that jOOQ's plugin returns before it starts
 * (no database, no jOOQ start-up), and adds the sources to the compile roots as jOOQ's plugin would have.
 */
@Mojo(name = "check", defaultPhase = LifecyclePhase.GENERATE_SOURCES, threadSafe = true)
public class CheckMojo extends GenerationMojo {

    /** The property jooq-codegen-maven reads its {@code skip} parameter from. */
    static final String JOOQ_SKIP = "jooq.codegen.skip";

    @Override
    public void execute() throws MojoExecutionException {
        Path target = target();
        try {
            String inputs = inputsDigest();
            GenerationRecord recorded = GenerationRecord.readFrom(target);
            if (recorded != null && recorded.inputs().equals(inputs) && recorded.outputs().equals(GenerationRecord.outputsOf(target))) {
                project.getProperties().setProperty(JOOQ_SKIP, "true");
                project.addCompileSourceRoot(target.toString());
                getLog().info("Generated sources are up to date with their inputs (" + inputs.substring(0, 12) + "): code generation skipped");
            } else {
                project.getProperties().setProperty(JOOQ_SKIP, "false");
            }
        } catch (IOException e) {
            throw new MojoExecutionException("cannot digest the code generation inputs: " + e.getMessage(), e);
        }
    }
}
