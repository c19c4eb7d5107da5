package ai.crawbl.codegen.maven;

import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugins.annotations.LifecyclePhase;
import org.apache.maven.plugins.annotations.Mojo;

import java.io.IOException;

/** Runs after jooq-codegen-maven: records what the generated sources were made from, for the next {@code check}. */
@Mojo(name = "record", defaultPhase = LifecyclePhase.PROCESS_SOURCES, threadSafe = true)
public class RecordMojo extends GenerationMojo {

    @Override
    public void execute() throws MojoExecutionException {
        try {
            new GenerationRecord(inputsDigest(), GenerationRecord.outputsOf(target())).writeTo(target());
        } catch (IOException e) {
            throw new MojoExecutionException("cannot record the code generation inputs: " + e.getMessage(), e);
        }
    }
}
