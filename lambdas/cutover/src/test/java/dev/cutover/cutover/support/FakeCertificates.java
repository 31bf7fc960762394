package dev.cutover.cutover.support;

import dev.cutover.cutover.port.Certificate;
import dev.cutover.cutover.port.CertificateRef;
import dev.cutover.cutover.port.Certificates;
import java.util.LinkedHashMap;
import java.util.Map;

/** ACM in memory. */
public final class FakeCertificates implements Certificates {

  private final Map<String, Certificate> certificates = new LinkedHashMap<>();

  public void put(Certificate certificate) {
    certificates.put(certificate.arn(), certificate);
  }

  @Override
  public Certificate describe(CertificateRef ref) {
    Certificate c = certificates.get(ref.arn());
    if (c == null) {
      throw new AssertionError("no certificate " + ref.arn());
    }
    return c;
  }
}
