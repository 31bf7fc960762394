package dev.cutover.parity;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.TextNode;
import dev.cutover.json.Json;
import dev.cutover.parity.port.ReportLocation;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The result stays far below Step Functions' 256 KB payload limit however much differs. */
class ResultSizeTest {

  @Test
  void thousands_of_long_findings_make_a_small_result_with_the_unallowed_ones_first() {
    String longValue = "é".repeat(5_000);
    List<ConfigFinding> config = new ArrayList<>();
    List<ProbeFinding> probes = new ArrayList<>();
    for (int i = 0; i < 5_000; i++) {
      config.add(new ConfigFinding("CacheBehaviors[/" + "x".repeat(1_000) + i + "].Compress", TextNode.valueOf(longValue), null, ConfigFinding.ONLY_ON_BLUE, i < 4_990));
      probes.add(new ProbeFinding("static/" + "ü".repeat(500) + i, "body", longValue, longValue + "!"));
    }

    ParityResult result = new ParityResult(false, "m", null, null, Examples.config(config), Examples.probe(probes), Map.of(), 5_000, new ReportLocation("b", "k"));
    int bytes = Json.write(result).getBytes(StandardCharsets.UTF_8).length;

    assertThat(bytes).isLessThan(64 * 1024);
    assertThat(result.configFindings()).hasSize(Examples.MAX);
    assertThat(result.configFindings().subList(0, 10)).allSatisfy(f -> assertThat(f.allowed()).isFalse());
    assertThat(result.configFindings().getFirst().path()).endsWith("…");
    assertThat(result.probeFindings().getFirst().blue().getBytes(StandardCharsets.UTF_8).length).isLessThanOrEqualTo(Examples.MAX_VALUE_BYTES);
  }
}
