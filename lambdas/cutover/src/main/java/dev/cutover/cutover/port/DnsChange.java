package dev.cutover.cutover.port;

/**
 * A submitted change to a hosted zone.
 *
 * @param id the change id, without {@code /change/}
 * @param status {@link #PENDING} until every Route 53 name server answers with it, then {@link
 *     #INSYNC}
 */
public record DnsChange(String id, String status) {

  public static final String PENDING = "PENDING";
  public static final String INSYNC = "INSYNC";
}
