package dev.cutover.templates.support;

import dev.cutover.infra.CutoverApp;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import software.amazon.awscdk.App;
import software.amazon.awscdk.Stack;
import software.amazon.awscdk.assertions.Annotations;
import software.amazon.awscdk.assertions.Match;
import software.amazon.awscdk.assertions.Template;
import software.amazon.awscdk.cxapi.SynthesisMessage;

/**
 * The app synthesized once per test JVM (jsii's start dominates: ~8 s), as {@code npx cdk synth}
 * would with cdk.json's context, plus a nightly schedule so its resources are there to check.
 */
public final class Synthesized {

  /** The schedule expression the tests configure. */
  public static final String SCHEDULE = "cron(0 2 * * ? *)";

  private static Synthesized instance;

  /** The app's stacks. */
  public final CutoverApp.Stacks stacks;

  /** The main stack's template. */
  public final Template main;

  /** The source-account stack's template. */
  public final Template source;

  private Synthesized(Map<String, Object> extraContext) {
    Map<String, Object> context = new LinkedHashMap<>(Repository.cdkContext());
    context.putAll(extraContext);
    // The Lambda zips are hashed, not copied into the test's cloud assembly.
    context.put("aws:cdk:disable-asset-staging", true);
    context.put("aws:cdk:enable-asset-metadata", true);
    App app;
    try {
      app = App.Builder.create().outdir(Files.createTempDirectory("cutover-cdk").toString()).context(context).build();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    stacks = CutoverApp.build(app, Repository.root());
    main = Template.fromStack(stacks.main());
    source = Template.fromStack(stacks.source());
  }

  /** The shared synthesis (with {@link #SCHEDULE}). */
  public static synchronized Synthesized app() {
    if (instance == null) {
      instance = new Synthesized(Map.of("cutover:validateOnlySchedule", SCHEDULE));
    }
    return instance;
  }

  /** A separate synthesis with other context on top of cdk.json's. */
  public static Synthesized with(Map<String, Object> extraContext) {
    return new Synthesized(extraContext);
  }

  /**
   * The cdk-nag findings nobody suppressed in {@code stack}: errors and warnings whose message
   * starts with a rule id of a nag pack, as "rule id: construct path".
   */
  public static List<String> unsuppressedNagFindings(Stack stack) {
    List<String> findings = new ArrayList<>();
    Annotations annotations = Annotations.fromStack(stack);
    List<SynthesisMessage> messages = new ArrayList<>();
    messages.addAll(annotations.findError("*", Match.stringLikeRegexp("AwsSolutions-.*")));
    messages.addAll(annotations.findWarning("*", Match.stringLikeRegexp("AwsSolutions-.*")));
    for (SynthesisMessage message : messages) {
      String text = String.valueOf(message.getEntry().getData());
      findings.add(text.substring(0, Math.min(text.length(), 160)) + " @ " + message.getId());
    }
    return findings;
  }
}
