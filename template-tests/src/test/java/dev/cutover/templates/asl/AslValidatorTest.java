package dev.cutover.templates.asl;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import dev.cutover.infra.CutoverStack;
import dev.cutover.templates.support.Repository;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * npm's asl-validator 4.0.0 (installed by Maven with {@code npm ci} from template-tests'
 * package-lock.json) accepts the workflow file. Without Node.js this fails, saying to install it:
 * the check is part of the build, not optional.
 */
class AslValidatorTest {

  private static final Path VALIDATOR = Path.of("node_modules", ".bin", "asl-validator").toAbsolutePath();

  record Run(int exit, String output) {}

  private static Run validate(Path file) throws IOException, InterruptedException {
    try {
      Process node = new ProcessBuilder("node", "--version").redirectErrorStream(true).start();
      node.getInputStream().readAllBytes();
      node.waitFor(30, TimeUnit.SECONDS);
    } catch (IOException e) {
      fail("Node.js is not installed (no `node` on PATH): install Node.js 20 or newer with npm, then run the build again"
          + " (Maven installs asl-validator with `npm ci` in template-tests). " + e.getMessage());
    }
    if (!Files.isExecutable(VALIDATOR)) {
      fail(VALIDATOR + " is missing: install Node.js with npm so Maven's `npm ci` (template-tests/pom.xml) can install asl-validator, or run `npm ci` in template-tests");
    }
    Process p = new ProcessBuilder(VALIDATOR.toString(), "--json-path", file.toString()).redirectErrorStream(true).start();
    String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    if (!p.waitFor(120, TimeUnit.SECONDS)) {
      p.destroyForcibly();
      fail("asl-validator did not finish: " + output);
    }
    return new Run(p.exitValue(), output);
  }

  @Test
  void the_workflow_file_passes_asl_validator() throws Exception {
    Path file = Repository.root().resolve(CutoverStack.DEFINITION);

    Run run = validate(file);

    assertThat(run.exit()).as(run.output()).isZero();
    assertThat(run.output()).contains("is valid");
  }

  @Test
  void asl_validator_rejects_a_state_machine_with_a_missing_state(@TempDir Path dir) throws Exception {
    Path file = dir.resolve("broken.asl.json");
    Files.writeString(file, """
        {"StartAt": "A", "States": {"A": {"Type": "Pass", "Next": "Missing"}}}
        """);

    Run run = validate(file);

    assertThat(run.exit()).as(run.output()).isNotZero();
    assertThat(run.output()).contains("Missing");
  }
}
