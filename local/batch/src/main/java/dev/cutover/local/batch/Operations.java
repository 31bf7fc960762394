package dev.cutover.local.batch;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.cutover.json.Json;
import java.io.IOException;
import java.io.InputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;
import java.util.zip.CRC32;
import java.util.zip.CRC32C;
import java.util.zip.Checksum;
import software.amazon.awssdk.core.ResponseInputStream;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.CopyObjectRequest;
import software.amazon.awssdk.services.s3.model.GetObjectResponse;
import software.amazon.awssdk.services.s3.model.MetadataDirective;
import software.amazon.awssdk.services.s3.model.Tag;
import software.amazon.awssdk.services.s3.model.TaggingDirective;
import software.amazon.awssdk.services.s3control.model.BadRequestException;
import software.amazon.awssdk.services.s3control.model.JobOperation;
import software.amazon.awssdk.services.s3control.model.LambdaInvokeOperation;
import software.amazon.awssdk.services.s3control.model.S3ComputeObjectChecksumOperation;
import software.amazon.awssdk.services.s3control.model.S3CopyObjectOperation;
import software.amazon.awssdk.services.s3control.model.S3ObjectMetadata;
import software.amazon.awssdk.services.s3control.model.S3SetObjectTaggingOperation;
import software.amazon.awssdk.services.s3control.model.S3Tag;

/**
 * The per-object operations of the local Batch Operations, each returning what a completion report
 * row says: {@code S3ReplicateObject}, {@code S3PutObjectCopy}, {@code S3PutObjectTagging}, {@code
 * S3ComputeObjectChecksum} and {@code LambdaInvoke}. Every S3 call goes through the {@link Faults}.
 */
final class Operations {

  /** One attempt of one task. */
  @FunctionalInterface
  interface Operation {
    BatchTask.Result run(BatchTask task, boolean lastAttempt);
  }

  private static final int BUFFER = 64 * 1024;

  private final S3Client s3;
  private final Faults faults;
  private final ReplicationConfigSource configs;
  private final ObjectReplicator replicator;
  private final Function<String, LambdaFunction> functions;

  Operations(
      S3Client s3,
      Faults faults,
      ReplicationConfigSource configs,
      ReplicationStatuses statuses,
      Function<String, LambdaFunction> functions) {
    this.s3 = s3;
    this.faults = faults;
    this.configs = configs;
    this.replicator = new ObjectReplicator(s3, faults, statuses);
    this.functions = functions;
  }

  /**
   * The operation a job runs; checked when the job is created.
   *
   * @throws BadRequestException when the operation is missing, several, or not one of the five
   */
  Operation of(JobOperation operation, String jobId) {
    int given = 0;
    for (var field : operation.sdkFields()) {
      if (field.getValueOrDefault(operation) != null) {
        given++;
      }
    }
    if (given != 1) {
      throw badRequest("a job runs exactly one operation; this request gives " + given);
    }
    if (operation.s3ReplicateObject() != null) {
      return this::replicate;
    }
    if (operation.s3PutObjectCopy() != null) {
      S3CopyObjectOperation copy = operation.s3PutObjectCopy();
      if (copy.targetResource() == null) {
        throw badRequest("S3PutObjectCopy needs a TargetResource (the destination bucket's ARN)");
      }
      return (task, last) -> copy(copy, task);
    }
    if (operation.s3PutObjectTagging() != null) {
      S3SetObjectTaggingOperation tagging = operation.s3PutObjectTagging();
      return (task, last) -> tag(tagging, task);
    }
    if (operation.s3ComputeObjectChecksum() != null) {
      S3ComputeObjectChecksumOperation checksum = operation.s3ComputeObjectChecksum();
      String algorithm = String.valueOf(checksum.checksumAlgorithmAsString()).toUpperCase(Locale.ROOT);
      String type = checksum.checksumTypeAsString() == null ? "FULL_OBJECT" : checksum.checksumTypeAsString();
      if (!type.equals("FULL_OBJECT")) {
        throw badRequest("the local Batch Operations computes FULL_OBJECT checksums only, not " + type);
      }
      digest(algorithm); // rejects an unknown algorithm now
      return (task, last) -> checksum(algorithm, type, task);
    }
    if (operation.lambdaInvoke() != null) {
      LambdaInvokeOperation lambda = operation.lambdaInvoke();
      LambdaFunction function = lambda.functionArn() == null ? null : functions.apply(lambda.functionArn());
      if (function == null) {
        throw badRequest("no local function is registered for " + lambda.functionArn());
      }
      String schema = lambda.invocationSchemaVersion() == null ? "1.0" : lambda.invocationSchemaVersion();
      if (!schema.equals("1.0") && !schema.equals("2.0")) {
        throw badRequest("InvocationSchemaVersion is 1.0 or 2.0, not " + schema);
      }
      return (task, last) -> invoke(function, schema, lambda.userArguments(), jobId, task, last);
    }
    throw badRequest("the local Batch Operations runs S3ReplicateObject, S3PutObjectCopy, S3PutObjectTagging,"
        + " S3ComputeObjectChecksum and LambdaInvoke; not this operation");
  }

  private BatchTask.Result replicate(BatchTask task, boolean last) {
    ReplicationRules rules;
    try {
      rules = ReplicationRules.of(configs, task.bucket());
    } catch (IllegalArgumentException e) {
      return BatchTask.Result.permanent("400", "InvalidRequest", "the source bucket's replication configuration is unreadable: " + e.getMessage());
    }
    return switch (replicator.replicate(task.bucket(), task.key(), task.versionId(), rules, last)) {
      case ObjectReplicator.Replicated r -> BatchTask.Result.success("Successful");
      case ObjectReplicator.NotSelected n -> BatchTask.Result.permanent("400", "InvalidRequest", "The object is not eligible for replication: " + n.why());
      case ObjectReplicator.Failed f -> BatchTask.Result.failure(f.failure());
    };
  }

  private BatchTask.Result copy(S3CopyObjectOperation op, BatchTask task) {
    String target = bucketOf(op.targetResource());
    String targetKey = (op.targetKeyPrefix() == null ? "" : op.targetKeyPrefix()) + task.key();
    try {
      faults.check(task.bucket(), task.key());
      faults.check(target, targetKey);
      CopyObjectRequest.Builder copy =
          CopyObjectRequest.builder()
              .sourceBucket(task.bucket())
              .sourceKey(task.key())
              .sourceVersionId(task.versionId())
              .destinationBucket(target)
              .destinationKey(targetKey)
              .storageClass(op.storageClassAsString())
              .checksumAlgorithm(op.checksumAlgorithmAsString())
              .ssekmsKeyId(op.sseAwsKmsKeyId());
      if (op.metadataDirective() != null && op.metadataDirectiveAsString().equals("REPLACE")) {
        S3ObjectMetadata m = op.newObjectMetadata() == null ? S3ObjectMetadata.builder().build() : op.newObjectMetadata();
        copy.metadataDirective(MetadataDirective.REPLACE)
            .contentType(m.contentType())
            .cacheControl(m.cacheControl())
            .contentEncoding(m.contentEncoding())
            .contentDisposition(m.contentDisposition())
            .contentLanguage(m.contentLanguage())
            .expires(m.httpExpiresDate())
            .metadata(m.userMetadata());
      }
      if (op.hasNewObjectTagging() && !op.newObjectTagging().isEmpty()) {
        copy.taggingDirective(TaggingDirective.REPLACE)
            .tagging(ObjectReplicator.tagging(op.newObjectTagging().stream().map(t -> Tag.builder().key(t.key()).value(t.value()).build()).toList()));
      }
      s3.copyObject(copy.build());
      return BatchTask.Result.success("Successful");
    } catch (RuntimeException e) {
      return BatchTask.Result.failure(S3Failure.of(e));
    }
  }

  private BatchTask.Result tag(S3SetObjectTaggingOperation op, BatchTask task) {
    try {
      faults.check(task.bucket(), task.key());
      s3.putObjectTagging(
          r -> r.bucket(task.bucket())
              .key(task.key())
              .versionId(task.versionId())
              .tagging(t -> t.tagSet(op.tagSet().stream().map(Operations::tag).toList())));
      return BatchTask.Result.success("Successful");
    } catch (RuntimeException e) {
      return BatchTask.Result.failure(S3Failure.of(e));
    }
  }

  private static Tag tag(S3Tag tag) {
    return Tag.builder().key(tag.key()).value(tag.value()).build();
  }

  /**
   * Reads the object and computes its checksum. The result message is the JSON object the verify
   * step's comparison reads ({@code checksum_base64}, {@code checksum_hex}, {@code
   * checksumAlgorithm}, {@code checksumType}, plus the object's {@code etag}).
   */
  private BatchTask.Result checksum(String algorithm, String type, BatchTask task) {
    try {
      faults.check(task.bucket(), task.key());
      byte[] value;
      String eTag;
      try (ResponseInputStream<GetObjectResponse> in =
          s3.getObject(r -> r.bucket(task.bucket()).key(task.key()).versionId(task.versionId()))) {
        value = digestOf(algorithm, in);
        eTag = in.response().eTag();
      }
      ObjectNode result = Json.mapper().createObjectNode();
      result.put("checksum_base64", Base64.getEncoder().encodeToString(value));
      result.put("checksum_hex", HexFormat.of().withUpperCase().formatHex(value));
      result.put("checksumAlgorithm", algorithm);
      result.put("checksumType", type);
      result.put("etag", eTag == null ? "" : eTag.replace("\"", ""));
      return BatchTask.Result.success(Json.mapper().writeValueAsString(result));
    } catch (IOException e) {
      return BatchTask.Result.temporary("500", "InternalError", "reading the object failed: " + e.getMessage());
    } catch (RuntimeException e) {
      return BatchTask.Result.failure(S3Failure.of(e));
    }
  }

  /**
   * Invokes the function with one task, as S3 Batch Operations does, and maps its answer:
   * {@code Succeeded} succeeds with the result string; {@code TemporaryFailure} is retried, then
   * fails; {@code PermanentFailure}, a function error, or an answer that leaves the task out
   * ({@code treatMissingKeysAs}, default {@code PermanentFailure}) fails. Failed rows carry HTTP
   * 200 and the result code, as in S3's Lambda reports.
   */
  private BatchTask.Result invoke(
      LambdaFunction function, String schema, Map<String, String> userArguments, String jobId, BatchTask task, boolean last) {
    String invocationId = UUID.randomUUID().toString();
    String taskId = UUID.randomUUID().toString();
    ObjectNode event = Json.mapper().createObjectNode();
    event.put("invocationSchemaVersion", schema);
    event.put("invocationId", invocationId);
    ObjectNode job = event.putObject("job").put("id", jobId);
    if (schema.equals("2.0")) {
      ObjectNode arguments = job.putObject("userArguments");
      if (userArguments != null) {
        userArguments.forEach(arguments::put);
      }
    }
    ArrayNode tasks = event.putArray("tasks");
    ObjectNode t = tasks.addObject().put("taskId", taskId).put("s3Key", task.encodedKey());
    if (task.versionId() == null) {
      t.putNull("s3VersionId");
    } else {
      t.put("s3VersionId", task.versionId());
    }
    if (schema.equals("2.0")) {
      t.put("s3Bucket", task.bucket());
    } else {
      t.put("s3BucketArn", "arn:aws:s3:::" + task.bucket());
    }
    String response;
    try {
      response = function.invoke(Json.mapper().writeValueAsString(event));
    } catch (Exception e) {
      String error = "{\"errorMessage\":\"" + String.valueOf(e.getMessage()).replace("\"", "'") + "\",\"errorType\":\"" + e.getClass().getName() + "\"}";
      return BatchTask.Result.permanent("200", "PermanentFailure", "Lambda returned function error: " + error);
    }
    JsonNode answer;
    try {
      answer = Json.mapper().readTree(response);
    } catch (IOException | RuntimeException e) {
      return BatchTask.Result.permanent("200", "PermanentFailure", "Lambda returned an invalid response: " + response);
    }
    String treatMissing = answer.path("treatMissingKeysAs").asText("PermanentFailure");
    JsonNode found = null;
    for (JsonNode result : answer.path("results")) {
      if (taskId.equals(result.path("taskId").asText())) {
        found = result;
      }
    }
    String code = found == null ? treatMissing : found.path("resultCode").asText("");
    String text = found == null ? "the response has no result for this task" : found.path("resultString").asText("");
    return switch (code) {
      case "Succeeded" -> BatchTask.Result.success(text);
      case "TemporaryFailure" -> BatchTask.Result.temporary("200", "TemporaryFailure", text);
      case "PermanentFailure" -> BatchTask.Result.permanent("200", "PermanentFailure", text);
      default -> BatchTask.Result.permanent("200", "PermanentFailure", "Lambda returned an unknown resultCode \"" + code + "\": " + text);
    };
  }

  static byte[] digestOf(String algorithm, InputStream in) throws IOException {
    Object digest = digest(algorithm);
    byte[] buffer = new byte[BUFFER];
    for (int n = in.read(buffer); n >= 0; n = in.read(buffer)) {
      if (digest instanceof Checksum checksum) {
        checksum.update(buffer, 0, n);
      } else {
        ((MessageDigest) digest).update(buffer, 0, n);
      }
    }
    return switch (digest) {
      case Crc64Nvme crc -> crc.bytes();
      case Checksum crc -> {
        long v = crc.getValue();
        yield new byte[] {(byte) (v >>> 24), (byte) (v >>> 16), (byte) (v >>> 8), (byte) v};
      }
      case MessageDigest md -> md.digest();
      default -> throw new IllegalStateException();
    };
  }

  private static Object digest(String algorithm) {
    try {
      return switch (algorithm) {
        case "CRC64NVME" -> new Crc64Nvme();
        case "CRC32" -> new CRC32();
        case "CRC32C" -> new CRC32C();
        case "SHA1" -> MessageDigest.getInstance("SHA-1");
        case "SHA256" -> MessageDigest.getInstance("SHA-256");
        case "MD5" -> MessageDigest.getInstance("MD5");
        default -> throw badRequest("unknown checksum algorithm " + algorithm);
      };
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every Java runtime has SHA-1, SHA-256 and MD5", e);
    }
  }

  /** The operation's element name, e.g. {@code S3ComputeObjectChecksum}, or {@code null}. */
  static String name(JobOperation operation) {
    for (var field : operation.sdkFields()) {
      if (field.getValueOrDefault(operation) != null) {
        return field.locationName();
      }
    }
    return null;
  }

  static String bucketOf(String bucketArn) {
    int at = bucketArn.indexOf(":::");
    return at < 0 ? bucketArn : bucketArn.substring(at + 3);
  }

  static BadRequestException badRequest(String message) {
    return (BadRequestException)
        BadRequestException.builder()
            .statusCode(400)
            .message(message)
            .awsErrorDetails(
                software.amazon.awssdk.awscore.exception.AwsErrorDetails.builder()
                    .errorCode("InvalidRequest")
                    .errorMessage(message)
                    .serviceName("S3Control")
                    .build())
            .build();
  }
}
