package ai.crawbl.codegen.maven;

import ai.crawbl.codegen.meta.GenerationRecord;
import ai.crawbl.codegen.meta.InputDigests;
import org.apache.maven.plugin.AbstractMojo;
import org.apache.maven.plugins.annotations.Parameter;
import org.apache.maven.project.MavenProject;

import java.io.File;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

/**
 * What {@code check} and {@code record} share: the inputs the build declares for the generated sources, and where
 * those are. Both keep their digests in the generator's own {@link GenerationRecord}, the only record there is.
 */
abstract class GenerationMojo extends AbstractMojo {

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

    Path target() {
        return targetDirectory.toPath();
    }

    InputDigests inputsDigest() throws IOException {
        return GenerationRecord.digestOfFiles(project.getBasedir().toPath(), inputs.stream().map(File::toPath).toList(),
                salt == null ? "" : salt);
    }
}
