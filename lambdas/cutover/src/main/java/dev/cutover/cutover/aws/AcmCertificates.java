package dev.cutover.cutover.aws;

import dev.cutover.aws.AwsErrors;
import dev.cutover.cutover.port.Certificate;
import dev.cutover.cutover.port.CertificateRef;
import dev.cutover.cutover.port.Certificates;
import java.util.function.Function;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.acm.AcmClient;
import software.amazon.awssdk.services.acm.model.CertificateDetail;

/** {@link Certificates} over ACM's DescribeCertificate, in the certificate's own region. */
public final class AcmCertificates implements Certificates {

  private final Function<CertificateRef, AcmClient> clients;

  /** @param clients the client to read a certificate with (its account's role, its ARN's region) */
  public AcmCertificates(Function<CertificateRef, AcmClient> clients) {
    this.clients = clients;
  }

  @Override
  public Certificate describe(CertificateRef ref) {
    CertificateDetail detail;
    try {
      detail = clients.apply(ref).describeCertificate(r -> r.certificateArn(ref.arn())).certificate();
    } catch (SdkException e) {
      throw AwsErrors.translate(e, "DescribeCertificate " + ref.arn());
    }
    return new Certificate(detail.certificateArn(), detail.statusAsString(), detail.notAfter(), detail.subjectAlternativeNames());
  }
}
