package dev.cutover.cutover.port;

/** Certificates of the distributions; in AWS, ACM's DescribeCertificate. */
public interface Certificates {

  Certificate describe(CertificateRef ref);
}
