package dev.cutover.infra;

import io.github.cdklabs.cdknag.AwsSolutionsChecks;
import java.nio.file.Path;
import software.amazon.awscdk.App;
import software.amazon.awscdk.Aspects;
import software.amazon.awscdk.Environment;
import software.amazon.awscdk.StackProps;

/**
 * The CDK app {@code cdk.json} runs (through {@code infra/synth.sh}): the main stack
 * ({@value #MAIN_STACK}, green's account) and the source-account stack ({@value #SOURCE_STACK},
 * blue's account), with cdk-nag's AwsSolutions checks on both, so a finding nobody explained
 * fails {@code cdk synth} as it fails the template tests.
 */
public final class CutoverApp {

  /** The main stack's id and CloudFormation name. */
  public static final String MAIN_STACK = "Cutover";

  /** The source-account stack's id and CloudFormation name. */
  public static final String SOURCE_STACK = "CutoverSource";

  private CutoverApp() {}

  /** Synthesizes the app; the working directory is the repository root (where cdk.json is). */
  public static void main(String[] args) {
    App app = new App();
    build(app, Path.of("").toAbsolutePath());
    app.synth();
  }

  /** Both stacks in {@code app}, with the checks; the template tests call this too. */
  public static Stacks build(App app, Path repositoryRoot) {
    CutoverSettings settings = CutoverSettings.from(key -> app.getNode().tryGetContext(key));
    CutoverStack main =
        new CutoverStack(
            app,
            MAIN_STACK,
            StackProps.builder()
                .description("cutover: the migration workflow of " + settings.sourceBucket() + " → " + settings.targetBucket())
                .env(Environment.builder().account(settings.account()).region(settings.region()).build())
                .build(),
            settings,
            repositoryRoot);
    SourceAccountStack source =
        new SourceAccountStack(
            app,
            SOURCE_STACK,
            StackProps.builder()
                .description("cutover: the roles in blue's account (" + settings.sourceBucket() + ")")
                .env(Environment.builder().account(settings.sourceAccount()).region(settings.region()).build())
                .build(),
            settings);
    Aspects.of(app).add(new AwsSolutionsChecks());
    return new Stacks(main, source, settings);
  }

  /** What {@link #build} made. */
  public record Stacks(CutoverStack main, SourceAccountStack source, CutoverSettings settings) {}
}
