package ai.crawbl.codegen.maven;

import ai.crawbl.codegen.meta.GenerationRecord;
import ai.crawbl.codegen.meta.InputDigests;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugins.annotations.LifecyclePhase;
import org.apache.maven.plugins.annotations.Mojo;

import java.io.IOException;

/**
 * Runs after jooq-codegen-maven: adds the build's declared inputs to the generator's {@link GenerationRecord}, so that
 * the next {@code check} can skip before jOOQ starts. With a generator that keeps no record, it starts one.
 */
@Mojo(name = "record", defaultPhase = LifecyclePhase.PROCESS_SOURCES, threadSafe = true)
public class RecordMojo extends GenerationMojo {

    @Override
    public void execute() throws MojoExecutionException {
        if (Boolean.parseBoolean(project.getProperties().getProperty(CheckMojo.JOOQ_SKIP))) {
            return;  // check found the record as it is: nothing ran that could change it
        }
        try {
            GenerationRecord recorded = GenerationRecord.readFrom(target());
            String outputs = GenerationRecord.outputsOf(target());
            GenerationRecord record = recorded == null ? new GenerationRecord(InputDigests.NONE, InputDigests.NONE, outputs)
                    : recorded.withOutputs(outputs);
            record.withBuild(inputsDigest()).writeTo(target());
        } catch (IOException | java.io.UncheckedIOException e) {
            throw new MojoExecutionException("cannot record the code generation inputs: " + e.getMessage(), e);
        }
    }
}
