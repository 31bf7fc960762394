package dev.cutover.verify;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Stream;
import org.gaul.s3proxy.S3Proxy;
import org.gaul.s3proxy.auth.AuthenticationType;
import org.gaul.s3proxy.blobstore.BlobStore;
import org.gaul.s3proxy.nio2blob.FilesystemNio2BlobStore;
import org.gaul.s3proxy.nio2blob.TransientNio2BlobStore;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.http.SdkHttpRequest;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.ListObjectsV2Response;
import software.amazon.awssdk.services.s3.model.S3Object;

/**
 * How the benchmark's S3 server was chosen: each candidate in process on 127.0.0.1, the same
 * {@link BenchDataset} blue bucket PUT over HTTP by 8 threads, then full listings (pages of
 * 1000, timed three times) and 2000 HEADs on 8 threads; a listing must return every key in order
 * with its size and an ETag equal to the MD5 of the bytes, as {@code rclone check} needs.
 *
 * <pre>
 * ServerProbe [OBJECTS]     (default 20000)
 * </pre>
 *
 * <p>Candidates: local-s3 2.4 in memory (bound as {@link BenchS3Server} binds it), s3proxy 4.1.0
 * with its transient (in-memory) and filesystem backends. S3Mock is left out: VERSIONS.md already
 * measures its listing at about 2.9 s per 1000-key page at 100 000 objects. Not part of the
 * benchmark run; {@code bash bench/verify.sh probe} runs it.
 */
public final class ServerProbe {

  private ServerProbe() {}

  private interface Candidate {
    String name();

    URI start() throws Exception;

    void stop() throws Exception;
  }

  public static void main(String[] args) throws Exception {
    int objects = args.length > 0 ? Integer.parseInt(args[0]) : 20_000;
    BenchDataset data = new BenchDataset(objects);
    Path directory = Files.createTempDirectory("cutover-server-probe");
    try {
      List<Candidate> candidates = List.of(localS3(), s3proxy("s3proxy 4.1.0 transient", TransientNio2BlobStore::new),
          s3proxy("s3proxy 4.1.0 filesystem", () -> new FilesystemNio2BlobStore(directory.toString())));
      System.out.printf(Locale.ROOT, "%-26s %9s %9s %12s %12s %9s  %s%n", "server", "objects", "put/s", "list keys/s", "(3 runs)", "head/s", "listing");
      for (Candidate candidate : candidates) {
        probe(candidate, data);
      }
    } finally {
      try (Stream<Path> files = Files.walk(directory)) {
        for (Path p : files.sorted(Comparator.reverseOrder()).toList()) {
          Files.deleteIfExists(p);
        }
      }
    }
  }

  private static void probe(Candidate candidate, BenchDataset data) throws Exception {
    URI endpoint = candidate.start();
    ExecutorService pool = Executors.newFixedThreadPool(8);
    try (S3Client s3 = client(endpoint)) {
      s3.createBucket(r -> r.bucket(BenchDataset.BLUE));
      long start = System.nanoTime();
      List<Future<?>> done = new ArrayList<>();
      for (int i = 0; i < data.objects(); i++) {
        int n = i;
        done.add(pool.submit(() -> s3.putObject(
            r -> r.bucket(BenchDataset.BLUE).key(data.key(n)).contentType(data.contentType(data.key(n))),
            RequestBody.fromBytes(data.blueBody(n)))));
      }
      for (Future<?> f : done) {
        f.get();
      }
      double putRate = data.objects() / ((System.nanoTime() - start) / 1e9);

      List<Long> listRates = new ArrayList<>();
      String verdict = "every key in order, size and MD5 ETag";
      for (int rep = 0; rep < 3; rep++) {
        start = System.nanoTime();
        String token = null;
        int i = 0;
        do {
          String t = token;
          ListObjectsV2Response page = s3.listObjectsV2(r -> r.bucket(BenchDataset.BLUE).maxKeys(1000).continuationToken(t));
          for (S3Object o : page.contents()) {
            if (i >= data.objects() || !o.key().equals(data.key(i)) || o.size() != data.blueSize(i)
                || !String.valueOf(o.eTag()).replace("\"", "").equals(BenchDataset.md5(data.blueBody(i)))) {
              verdict = "WRONG at " + o.key() + " (size " + o.size() + ", ETag " + o.eTag() + ")";
            }
            i++;
          }
          token = Boolean.TRUE.equals(page.isTruncated()) ? page.nextContinuationToken() : null;
        } while (token != null);
        if (i != data.objects()) {
          verdict = "WRONG: " + i + " keys listed";
        }
        listRates.add(Math.round(data.objects() / ((System.nanoTime() - start) / 1e9)));
      }

      int heads = Math.min(2000, data.objects());
      start = System.nanoTime();
      done.clear();
      for (int i = 0; i < heads; i++) {
        int n = i * (data.objects() / heads);
        done.add(pool.submit(() -> s3.headObject(r -> r.bucket(BenchDataset.BLUE).key(data.key(n)))));
      }
      for (Future<?> f : done) {
        f.get();
      }
      double headRate = heads / ((System.nanoTime() - start) / 1e9);
      System.out.printf(Locale.ROOT, "%-26s %,9d %,9d %,12d %12s %,9d  %s%n", candidate.name(), data.objects(), Math.round(putRate),
          listRates.getLast(), listRates.toString().replace(" ", ""), Math.round(headRate), verdict);
    } finally {
      pool.shutdownNow();
      candidate.stop();
    }
  }

  private static Candidate localS3() {
    return new Candidate() {
      private BenchS3Server.Running server;

      @Override
      public String name() {
        return "local-s3 2.4 in memory";
      }

      @Override
      public URI start() throws Exception {
        server = BenchS3Server.start();
        return URI.create("http://127.0.0.1:" + server.port());
      }

      @Override
      public void stop() {
        server.stop();
      }
    };
  }

  private interface BlobStoreFactory {
    BlobStore create() throws IOException;
  }

  private static Candidate s3proxy(String name, BlobStoreFactory store) {
    return new Candidate() {
      private S3Proxy proxy;

      @Override
      public String name() {
        return name;
      }

      @Override
      public URI start() throws Exception {
        proxy = S3Proxy.builder()
            .blobStore(store.create())
            .endpoint(URI.create("http://127.0.0.1:0"))
            .awsAuthentication(AuthenticationType.AWS_V2_OR_V4, "bench", "bench")
            .build();
        proxy.start();
        while (!proxy.getState().equals("STARTED")) {
          Thread.sleep(10);
        }
        return URI.create("http://127.0.0.1:" + proxy.getPort());
      }

      @Override
      public void stop() throws Exception {
        proxy.stop();
      }
    };
  }

  /**
   * An SDK client without {@code Expect: 100-continue}: with it, the JDK's HTTP client fails PUTs
   * to s3proxy on reused connections ("Unexpected end of file from server").
   */
  private static S3Client client(URI endpoint) {
    return S3Client.builder()
        .httpClient(UrlConnectionHttpClient.builder().build())
        .endpointOverride(endpoint)
        .forcePathStyle(true)
        .region(Region.US_EAST_1)
        .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("bench", "bench")))
        .overrideConfiguration(o -> o.addExecutionInterceptor(new ExecutionInterceptor() {
          @Override
          public SdkHttpRequest modifyHttpRequest(Context.ModifyHttpRequest context, ExecutionAttributes attributes) {
            return context.httpRequest().toBuilder().removeHeader("Expect").build();
          }
        }))
        .build();
  }
}
