package dev.cutover.cutover.port;

import java.util.List;

/**
 * What cutover needs to know of a distribution: where it answers, whether its last change has
 * reached every edge location, which aliases it holds and which certificate proves them.
 *
 * @param id the distribution id
 * @param domainName its own name, e.g. {@code d111111abcdef8.cloudfront.net}, which DNS points at
 * @param status {@link #DEPLOYED} when its configuration is live everywhere, else {@link
 *     #IN_PROGRESS}
 * @param enabled whether it serves requests at all
 * @param ipv6Enabled whether it answers over IPv6 (AAAA alias records to it resolve)
 * @param aliases its alternate domain names, in the order CloudFront lists them
 * @param acmCertificateArn the ACM certificate its viewers see; {@code null} when it uses another
 *     source (see {@code certificateSource})
 * @param certificateSource {@code acm}, {@code iam} or {@code cloudfront} (the default
 *     *.cloudfront.net certificate)
 */
public record Distribution(
    String id,
    String domainName,
    String status,
    boolean enabled,
    boolean ipv6Enabled,
    List<String> aliases,
    String acmCertificateArn,
    String certificateSource) {

  public static final String DEPLOYED = "Deployed";
  public static final String IN_PROGRESS = "InProgress";

  public Distribution {
    aliases = List.copyOf(aliases);
  }

  public boolean deployed() {
    return DEPLOYED.equals(status);
  }

  /** Whether {@code alias} is one of its aliases (CloudFront keeps them lowercase). */
  public boolean holds(String alias) {
    return aliases.contains(alias);
  }
}
