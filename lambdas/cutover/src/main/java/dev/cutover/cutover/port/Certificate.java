package dev.cutover.cutover.port;

import java.time.Instant;
import java.util.List;

/**
 * What decides whether a certificate lets a distribution serve a hostname.
 *
 * @param arn the certificate
 * @param status ACM's status, {@link #ISSUED} when usable
 * @param notAfter when it expires; {@code null} when not issued
 * @param subjectAlternativeNames the names it covers (the domain name is among them)
 */
public record Certificate(String arn, String status, Instant notAfter, List<String> subjectAlternativeNames) {

  public static final String ISSUED = "ISSUED";

  public Certificate {
    subjectAlternativeNames = subjectAlternativeNames == null ? List.of() : List.copyOf(subjectAlternativeNames);
  }
}
