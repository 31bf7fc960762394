package dev.cutover.templates;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cutover.templates.support.Synthesized;
import io.github.cdklabs.cdknag.AwsSolutionsChecks;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import software.amazon.awscdk.App;
import software.amazon.awscdk.Aspects;
import software.amazon.awscdk.Stack;
import software.amazon.awscdk.assertions.Template;
import software.amazon.awscdk.services.s3.Bucket;

/** cdk-nag's AwsSolutions pack: no finding without an acknowledgement that says why. */
class NagTemplateTest {

  private static final Synthesized APP = Synthesized.app();

  @Test
  void neither_stack_has_an_unacknowledged_aws_solutions_finding() {
    List<String> findings = new ArrayList<>();
    findings.addAll(Synthesized.unsuppressedNagFindings(APP.stacks.main()));
    findings.addAll(Synthesized.unsuppressedNagFindings(APP.stacks.source()));
    assertThat(findings).as("unacknowledged cdk-nag findings:\n%s", String.join("\n", findings)).isEmpty();
  }

  @Test
  @SuppressWarnings("unchecked")
  void every_acknowledgement_gives_a_reason() {
    int count = 0;
    for (Template template : List.of(APP.main, APP.source)) {
      Map<String, Object> resources = (Map<String, Object>) template.toJSON().get("Resources");
      for (Map.Entry<String, Object> e : resources.entrySet()) {
        Map<String, Object> metadata = (Map<String, Object>) ((Map<String, Object>) e.getValue()).get("Metadata");
        if (metadata == null || !metadata.containsKey("cdk_nag")) {
          continue;
        }
        for (Object rule : (List<Object>) ((Map<String, Object>) metadata.get("cdk_nag")).get("rules_to_suppress")) {
          Map<String, Object> r = (Map<String, Object>) rule;
          assertThat((String) r.get("reason")).as(e.getKey() + " " + r.get("id")).hasSizeGreaterThan(40);
          count++;
        }
      }
    }
    assertThat(count).isPositive();
  }

  @Test
  void the_check_reports_a_finding_nobody_acknowledged() {
    App app = new App();
    Stack stack = new Stack(app, "Careless");
    Bucket.Builder.create(stack, "Bare").build();
    Aspects.of(app).add(new AwsSolutionsChecks());
    Template.fromStack(stack);

    assertThat(Synthesized.unsuppressedNagFindings(stack)).anyMatch(f -> f.startsWith("AwsSolutions-S1")).anyMatch(f -> f.startsWith("AwsSolutions-S10"));
  }
}
