package dev.cutover.preflight;

import dev.cutover.plan.Plan;
import dev.cutover.preflight.port.DefaultEncryption;
import dev.cutover.preflight.port.ObjectProbe;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * How each side encrypts, and whether blue's objects can cross to green's account.
 *
 * <p>Objects under the AWS managed key {@code aws/s3} cannot be replicated to another account
 * (that key's policy cannot be changed to let anyone outside the account use it): BLOCKER,
 * whether they are seen in the sample or follow from blue's default encryption (SSE-KMS with no
 * key, or {@code alias/aws/s3}). A key id or ARN is told apart from a customer managed key by
 * DescribeKey of {@code alias/aws/s3} in blue's account. SSE-KMS objects under customer managed
 * keys replicate only with a replica key, so a plan without {@code target.kmsKeyArn} then is a
 * BLOCKER too.
 *
 * <p>On green, {@code aws/s3} as default encryption is a WARNING (CloudFront's origin access
 * control cannot be granted {@code kms:Decrypt} on it, so what lands there unnamed could not be
 * served), as is a default key that differs from {@code target.kmsKeyArn}; {@code
 * target.kmsKeyArn} naming green's {@code aws/s3} key is a BLOCKER (blue's replication role could
 * not encrypt with it).
 */
final class EncryptionCheck implements PreflightCheck {

  /** What kind of KMS key an id names. */
  enum KeyKind {
    AWS_MANAGED,
    CUSTOMER_MANAGED,
    /** DescribeKey was refused; a finding says so. */
    UNKNOWN
  }

  private static final String AWS_S3_FIX =
      "Switch blue's default encryption to a customer managed key (or to SSE-S3) and re-encrypt the objects under"
          + " aws/s3 in place with it, e.g. an S3 Batch Operations Copy onto the same keys with the new key; versioning"
          + " keeps the old versions. Give the replication role kms:Decrypt on the new key, name it in"
          + " source.kmsKeyArn, and run preflight again.";

  @Override
  public void run(Inspection inspection) {
    source(inspection);
    target(inspection);
  }

  private static void source(Inspection inspection) {
    SideView blue = inspection.blue();
    Plan plan = inspection.plan();
    String replicaKey = plan.target().kmsKeyArn();
    boolean customerKeyByDefault = false;
    String defaultKey = null;
    Optional<Optional<DefaultEncryption>> configured = blue.defaultEncryption(Severity.BLOCKER);
    if (configured.isPresent()) {
      Optional<DefaultEncryption> encryption = configured.get();
      if (encryption.isEmpty() || !encryption.get().usesKms()) {
        inspection.add(Finding.of("encryption", Severity.INFO, BucketSide.SOURCE, blue.subject(),
            "Blue encrypts new objects with SSE-S3 by default" + (encryption.isEmpty() ? " (no default encryption configured)." : "."), ""));
      } else {
        DefaultEncryption kms = encryption.get();
        KeyKind kind = kindOf(blue, kms.kmsKeyId(), Severity.BLOCKER);
        if (kind == KeyKind.AWS_MANAGED) {
          inspection.add(Finding.of("encryption", Severity.BLOCKER, BucketSide.SOURCE, blue.subject(),
              "Blue's default encryption is " + kms.algorithm() + " with the AWS managed key aws/s3 ("
                  + (kms.kmsKeyId() == null ? "no key named" : kms.kmsKeyId()) + "): every new object is encrypted"
                  + " under it, and objects under aws/s3 cannot be replicated to another account.",
              AWS_S3_FIX));
        } else if (kind == KeyKind.CUSTOMER_MANAGED) {
          customerKeyByDefault = true;
          defaultKey = kms.kmsKeyId();
          inspection.add(Finding.of("encryption", Severity.INFO, BucketSide.SOURCE, blue.subject(),
              "Blue's default encryption is " + kms.algorithm() + " with the customer managed key " + kms.kmsKeyId()
                  + " (S3 Bucket Key " + (kms.bucketKeyEnabled() ? "on" : "off") + ").", ""));
          String planKey = plan.source().kmsKeyArn();
          if (planKey != null && !sameKey(planKey, kms.kmsKeyId())) {
            inspection.add(Finding.of("encryption", Severity.WARNING, BucketSide.SOURCE, blue.subject(),
                "source.kmsKeyArn is " + planKey + " but blue's default encryption key is " + kms.kmsKeyId() + ".",
                "Set source.kmsKeyArn to the key that encrypts blue's objects (" + kms.kmsKeyId() + "), and give the"
                    + " replication role kms:Decrypt on it."));
          }
        }
      }
    }
    sampledObjects(inspection, replicaKey, customerKeyByDefault, defaultKey);
  }

  private static void sampledObjects(Inspection inspection, String replicaKey, boolean customerKeyByDefault, String defaultKey) {
    SideView blue = inspection.blue();
    SourceSurvey survey = inspection.survey();
    List<SourceSurvey.Probe> awsManaged = new ArrayList<>();
    Map<String, List<SourceSurvey.Probe>> byCustomerKey = new TreeMap<>();
    if (survey.sampled) {
      Map<String, KeyKind> kinds = new HashMap<>();
      for (SourceSurvey.Probe probe : survey.probes(ObjectProbe::usesKms)) {
        String key = probe.probe().kmsKeyId();
        KeyKind kind = kinds.computeIfAbsent(String.valueOf(key), k -> kindOf(blue, key, Severity.BLOCKER));
        switch (kind) {
          case AWS_MANAGED -> awsManaged.add(probe);
          case CUSTOMER_MANAGED -> byCustomerKey.computeIfAbsent(key, k -> new ArrayList<>()).add(probe);
          case UNKNOWN -> {}
        }
      }
      if (!survey.probes.isEmpty()) {
        Map<String, Long> algorithms =
            survey.probes(p -> p.access() == ObjectProbe.Access.READABLE).stream()
                .collect(Collectors.groupingBy(
                    p -> p.probe().serverSideEncryption() == null ? "none reported" : p.probe().serverSideEncryption(),
                    TreeMap::new, Collectors.counting()));
        inspection.add(Finding.of("encryption", Severity.INFO, BucketSide.SOURCE, blue.prefixSubject(),
            "Encryption of the readable objects HEAD asked about (" + survey.sampleText(blue) + "): "
                + algorithms.entrySet().stream().map(e -> e.getKey() + " " + e.getValue()).collect(Collectors.joining(", "))
                + (byCustomerKey.isEmpty() ? "." : "; customer managed keys: "
                    + byCustomerKey.entrySet().stream().map(e -> e.getKey() + " (" + e.getValue().size() + ")")
                        .collect(Collectors.joining(", ")) + "."),
            ""));
      }
    }
    if (!awsManaged.isEmpty()) {
      inspection.add(Finding.objects("encryption", Severity.BLOCKER, BucketSide.SOURCE, blue.prefixSubject(),
          String.format("%d of the objects HEAD asked about (%s) are encrypted under the AWS managed key aws/s3; about"
              + " %,d in all. Objects under aws/s3 cannot be replicated to another account: they would be missing on"
              + " green.", awsManaged.size(), survey.sampleText(blue), survey.extrapolate(awsManaged.size())),
          AWS_S3_FIX, awsManaged.size(), awsManaged.stream().map(SourceSurvey.Probe::key).toList()));
    }
    List<SourceSurvey.Probe> customer = byCustomerKey.values().stream().flatMap(List::stream).toList();
    if (replicaKey == null && (customerKeyByDefault || !customer.isEmpty())) {
      String evidence =
          customer.isEmpty()
              ? "its default encryption uses " + defaultKey
              : String.format("%d of the objects HEAD asked about (%s) use customer managed keys, about %,d in all%s",
                  customer.size(), survey.sampleText(blue), survey.extrapolate(customer.size()),
                  customerKeyByDefault ? ", and its default encryption uses " + defaultKey : "");
      String message =
          "Blue holds SSE-KMS objects (" + evidence + "), but the plan has no target.kmsKeyArn: cutover's replication"
              + " rule replicates SSE-KMS objects only with a replica key in green's account, so they would be missing on"
              + " green.";
      String fix =
          "Set target.kmsKeyArn to a customer managed key in account " + inspection.plan().target().accountId() + ", region "
              + inspection.plan().target().region() + ", whose key policy lets the replication role encrypt with it"
              + " (kms:Encrypt, kms:GenerateDataKey) and CloudFront decrypt. The replication role also needs kms:Decrypt on"
              + " blue's keys.";
      inspection.add(customer.isEmpty()
          ? Finding.of("encryption", Severity.BLOCKER, BucketSide.SOURCE, blue.subject(), message, fix)
          : Finding.objects("encryption", Severity.BLOCKER, BucketSide.SOURCE, blue.prefixSubject(), message, fix,
              customer.size(), customer.stream().map(SourceSurvey.Probe::key).toList()));
    }
    String planKey = inspection.plan().source().kmsKeyArn();
    if (planKey != null) {
      List<String> unnamed = byCustomerKey.keySet().stream().filter(k -> !sameKey(planKey, k)).toList();
      if (!unnamed.isEmpty()) {
        List<SourceSurvey.Probe> under = unnamed.stream().flatMap(k -> byCustomerKey.get(k).stream()).toList();
        inspection.add(Finding.objects("encryption", Severity.WARNING, BucketSide.SOURCE, blue.prefixSubject(),
            "Some objects HEAD asked about (" + survey.sampleText(blue) + ") are encrypted under keys other than"
                + " source.kmsKeyArn (" + planKey + "): " + String.join(", ", unnamed) + ".",
            "Give the replication role kms:Decrypt on each of these keys as well, or S3 cannot replicate the objects"
                + " under them.",
            under.size(), under.stream().map(SourceSurvey.Probe::key).toList()));
      }
    }
  }

  private static void target(Inspection inspection) {
    SideView green = inspection.green();
    String replicaKey = inspection.plan().target().kmsKeyArn();
    if (replicaKey != null && kindOf(green, replicaKey, Severity.BLOCKER) == KeyKind.AWS_MANAGED) {
      inspection.add(Finding.of("encryption", Severity.BLOCKER, BucketSide.TARGET, green.subject(),
          "target.kmsKeyArn (" + replicaKey + ") is green's AWS managed key aws/s3, which no other account may use: blue's"
              + " replication role could not encrypt replicas with it.",
          "Create a customer managed key in account " + green.plan.accountId() + ", region " + green.plan.region()
              + ", let the replication role encrypt with it and CloudFront decrypt, and name it in target.kmsKeyArn."));
    }
    green.defaultEncryption(Severity.WARNING).ifPresent(encryption -> {
      if (encryption.isEmpty() || !encryption.get().usesKms()) {
        inspection.add(Finding.of("encryption", Severity.INFO, BucketSide.TARGET, green.subject(),
            "Green encrypts new objects with SSE-S3 by default"
                + (replicaKey == null ? "." : "; replicas of SSE-KMS objects will use target.kmsKeyArn (" + replicaKey + ")."),
            ""));
        return;
      }
      DefaultEncryption kms = encryption.get();
      KeyKind kind = kindOf(green, kms.kmsKeyId(), Severity.WARNING);
      String greenFix = "aws s3api put-bucket-encryption --bucket " + green.plan.bucket() + " --expected-bucket-owner "
          + green.plan.accountId() + " with SSE-S3 or with the key in target.kmsKeyArn";
      if (kind == KeyKind.AWS_MANAGED) {
        inspection.add(Finding.of("encryption", Severity.WARNING, BucketSide.TARGET, green.subject(),
            "Green's default encryption is " + kms.algorithm() + " with the AWS managed key aws/s3: anything written to"
                + " green without its own key is encrypted under a key whose policy cannot grant CloudFront's origin"
                + " access control kms:Decrypt, so CloudFront could not serve it.",
            "Set green's default encryption to SSE-S3 or to a customer managed key: " + greenFix + "."));
      } else if (kind == KeyKind.CUSTOMER_MANAGED) {
        if (replicaKey == null) {
          inspection.add(Finding.of("encryption", Severity.WARNING, BucketSide.TARGET, green.subject(),
              "Green's default encryption is " + kms.algorithm() + " with " + kms.kmsKeyId() + ", but the plan names no"
                  + " target.kmsKeyArn, and cutover's replication rule uses a replica key only when it does.",
              "Set target.kmsKeyArn to " + kms.kmsKeyId() + " if blue has SSE-KMS objects, and make sure its key policy"
                  + " lets CloudFront decrypt."));
        } else if (!sameKey(replicaKey, kms.kmsKeyId())) {
          inspection.add(Finding.of("encryption", Severity.WARNING, BucketSide.TARGET, green.subject(),
              "Green's default encryption key is " + kms.kmsKeyId() + " but target.kmsKeyArn is " + replicaKey
                  + ": replicas of SSE-KMS objects use the one, other writes the other, and CloudFront needs kms:Decrypt"
                  + " on both.",
              "Use one key: set target.kmsKeyArn to " + kms.kmsKeyId() + ", or " + greenFix + "."));
        } else {
          inspection.add(Finding.of("encryption", Severity.INFO, BucketSide.TARGET, green.subject(),
              "Green's default encryption is " + kms.algorithm() + " with target.kmsKeyArn (" + replicaKey + ").", ""));
        }
      }
    });
  }

  /**
   * What kind of key an SSE-KMS key id names: none (S3's default for SSE-KMS) and {@code
   * alias/aws/...} are AWS managed; other aliases are customer managed; a key id or ARN is
   * compared with DescribeKey of {@code alias/aws/s3} in the side's account.
   */
  static KeyKind kindOf(SideView side, String keyId, Severity ifRefused) {
    if (keyId == null || keyId.isBlank()) {
      return KeyKind.AWS_MANAGED;
    }
    int alias = keyId.indexOf("alias/");
    if (alias >= 0) {
      return keyId.startsWith("aws/", alias + "alias/".length()) ? KeyKind.AWS_MANAGED : KeyKind.CUSTOMER_MANAGED;
    }
    Optional<Optional<String>> awsManaged = side.awsManagedS3Key(ifRefused);
    if (awsManaged.isEmpty()) {
      return KeyKind.UNKNOWN;
    }
    return awsManaged.get().filter(arn -> sameKey(arn, keyId)).isPresent() ? KeyKind.AWS_MANAGED : KeyKind.CUSTOMER_MANAGED;
  }

  /** Whether two key ids name the same key: equal, or one is the ARN ending in the other's id. */
  static boolean sameKey(String a, String b) {
    return a.equals(b) || a.endsWith("/" + b) || b.endsWith("/" + a);
  }
}
