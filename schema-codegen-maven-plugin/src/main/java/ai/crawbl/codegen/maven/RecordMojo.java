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

/** Runs after jooq-codegen-maven: records what the generated sources were made from, for the next {@code check}. */
@Mojo(name = "record", defaultPhase = LifecyclePhase.PROCESS_SOURCES, threadSafe = true)
public class RecordMojo extends AbstractMojo {

    @Parameter(defaultValue = "${project}", readonly = true, required = true)
    MavenProject project;

    /** The same inputs as {@code check}'s. */
    @Parameter(required = true)
    List<File> inputs;

    @Parameter(defaultValue = "")
    String salt;

    @Parameter(defaultValue = "${project.build.directory}/generated-sources/jooq", required = true)
    File targetDirectory;

    @Override
    public void execute() throws MojoExecutionException {
        Path target = targetDirectory.toPath();
        try {
            new GenerationRecord(GenerationRecord.inputsOf(project.getBasedir().toPath(), inputs.stream().map(File::toPath).toList(), salt),
                    GenerationRecord.outputsOf(target)).writeTo(target);
        } catch (IOException e) {
            throw new MojoExecutionException("cannot record the code generation inputs: " + e.getMessage(), e);
        }
    }
}
