package ai.crawbl.codegen.maven;

import org.apache.maven.plugin.AbstractMojo;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugins.annotations.LifecyclePhase;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;
import org.apache.maven.project.MavenProject;

import java.io.File;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

/**
 * Runs before jooq-codegen-maven: when the inputs digest the same as at the last {@code record} and the generated
 * sources are as that run left them, it sets {@code jooq.codegen.skip} so that jOOQ's plugin returns before it starts
 * (no database, no jOOQ start-up), and adds the sources to the compile roots as jOOQ's plugin would have.
 */
@Mojo(name = "check", defaultPhase = LifecyclePhase.GENERATE_SOURCES, threadSafe = true)
public class CheckMojo extends AbstractMojo {

    /** The property jooq-codegen-maven reads its {@code skip} parameter from. */
    static final String JOOQ_SKIP = "jooq.codegen.skip";

    @Parameter(defaultValue = "${project}", readonly = true, required = true)
    MavenProject project;

    /** Files and folders the generated sources depend on (folders with everything in them), relative to the module. */
    @Parameter(required = true)
    List<File> inputs;

    /** Anything else the output depends on, e.g. the generator's version. */
    @Parameter(defaultValue = "")
    String salt;

    /** Where jOOQ writes the sources. */
    @Parameter(defaultValue = "${project.build.directory}/generated-sources/jooq", required = true)
    File targetDirectory;

    @Override
    public void execute() throws MojoExecutionException {
        Path target = targetDirectory.toPath();
        try {
            String inputs = GenerationRecord.inputsOf(project.getBasedir().toPath(), this.inputs.stream().map(File::toPath).toList(), salt);
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
