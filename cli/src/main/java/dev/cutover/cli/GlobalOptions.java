package dev.cutover.cli;

import java.net.URI;
import java.util.Optional;
import picocli.CommandLine.Option;
import picocli.CommandLine.ScopeType;

/**
 * The options every command takes (before or after the command's name): where the Step Functions
 * API is, which credentials and region, which state machine, and how to print.
 */
public final class GlobalOptions {

  @Option(names = "--endpoint-url", scope = ScopeType.INHERIT, paramLabel = "URL",
      description = "Step Functions endpoint, such as the local one `cutover serve` prints (http://127.0.0.1:8083). Default: AWS"
          + " (or AWS_ENDPOINT_URL_SFN / AWS_ENDPOINT_URL).")
  URI endpointUrl;

  @Option(names = "--endpoint-url-s3", scope = ScopeType.INHERIT, paramLabel = "URL",
      description = "S3 endpoint for reading reports (report --out), such as the local one. Default: AWS_ENDPOINT_URL_S3, else AWS.")
  URI endpointUrlS3;

  @Option(names = "--region", scope = ScopeType.INHERIT, paramLabel = "REGION",
      description = "AWS region. Default: the execution's or state machine's ARN, else AWS_REGION / AWS_DEFAULT_REGION, else the profile's.")
  String region;

  @Option(names = "--profile", scope = ScopeType.INHERIT, paramLabel = "NAME",
      description = "Named AWS profile (from the AWS config and credentials files). Default: AWS_PROFILE, else the standard credential chain.")
  String profile;

  @Option(names = "--state-machine", scope = ScopeType.INHERIT, paramLabel = "ARN",
      description = "The migration state machine. Default: CUTOVER_STATE_MACHINE_ARN, else the only state machine whose name ends"
          + " with -migration.")
  String stateMachine;

  @Option(names = "--output", scope = ScopeType.INHERIT, paramLabel = "FORMAT", defaultValue = "text",
      description = "text (for people) or json (one object per result, for scripts). Default: ${DEFAULT-VALUE}.")
  OutputFormat output = OutputFormat.text;

  Optional<URI> endpointUrl() {
    return Optional.ofNullable(endpointUrl);
  }

  Optional<String> region() {
    return Optional.ofNullable(region).filter(r -> !r.isBlank());
  }

  Optional<String> profile() {
    return Optional.ofNullable(profile).filter(p -> !p.isBlank());
  }

  Optional<String> stateMachine() {
    return Optional.ofNullable(stateMachine).filter(s -> !s.isBlank());
  }

  boolean json() {
    return output == OutputFormat.json;
  }
}
