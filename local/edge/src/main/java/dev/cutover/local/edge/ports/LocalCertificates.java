package dev.cutover.local.edge.ports;

import dev.cutover.cutover.port.Certificate;
import dev.cutover.cutover.port.CertificateRef;
import dev.cutover.cutover.port.Certificates;
import dev.cutover.errors.PreconditionFailedException;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * ACM for the rehearsal: the certificates the local distributions use (green's wildcard
 * certificate), registered by whoever sets up the world. DescribeCertificate of one not registered
 * is refused as ACM refuses an unknown ARN.
 */
public final class LocalCertificates implements Certificates {

  private final Map<String, Certificate> certificates = new ConcurrentHashMap<>();

  /** Registers (or replaces) {@code certificate}. */
  public LocalCertificates put(Certificate certificate) {
    certificates.put(certificate.arn(), certificate);
    return this;
  }

  @Override
  public Certificate describe(CertificateRef ref) {
    Certificate c = certificates.get(ref.arn());
    if (c == null) {
      throw new PreconditionFailedException(
          "ACM certificate " + ref.arn() + " does not exist (ResourceNotFoundException). Attach an issued certificate to green's distribution.", null);
    }
    return c;
  }
}
