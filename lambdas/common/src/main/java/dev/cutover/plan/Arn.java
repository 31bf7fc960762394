package dev.cutover.plan;

import java.util.Optional;

/**
 * An Amazon Resource Name split into its parts:
 * {@code arn:partition:service:region:account-id:resource}.
 */
public record Arn(String partition, String service, String region, String accountId, String resource) {

  /** The parts of {@code text}, or empty when it does not have the ARN form. */
  public static Optional<Arn> parse(String text) {
    String[] parts = text.split(":", 6);
    if (parts.length != 6 || !parts[0].equals("arn") || parts[1].isEmpty() || parts[2].isEmpty() || parts[5].isEmpty()) {
      return Optional.empty();
    }
    return Optional.of(new Arn(parts[1], parts[2], parts[3], parts[4], parts[5]));
  }

  @Override
  public String toString() {
    return String.join(":", "arn", partition, service, region, accountId, resource);
  }
}
