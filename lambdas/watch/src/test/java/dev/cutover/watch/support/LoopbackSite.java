package dev.cutover.watch.support;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * The public hostname as a raw HTTP/1.1 server on 127.0.0.1, so a test can give a path any answer
 * a real edge might, including the broken ones a library server will not produce: a body shorter
 * than its Content-Length, a body that stalls, a connection closed before any answer. Each request
 * is recorded with its raw path and headers. Unknown paths answer 404.
 */
public final class LoopbackSite implements AutoCloseable {

  /** What the site does with a request for one path. */
  @FunctionalInterface
  public interface Answer {
    void write(OutputStream out) throws IOException;
  }

  /** One request as it arrived. */
  public record Request(String rawPath, Map<String, String> headers) {}

  private final ServerSocket socket;
  private final ExecutorService threads = Executors.newVirtualThreadPerTaskExecutor();
  private final Map<String, Answer> answers = new ConcurrentHashMap<>();
  private final List<Request> requests = new CopyOnWriteArrayList<>();
  private final CountDownLatch closed = new CountDownLatch(1);

  public LoopbackSite() {
    try {
      socket = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    threads.submit(this::accept);
  }

  /** {@code http://127.0.0.1:<port>}: the base URL the hostname maps to. */
  public URI base() {
    return URI.create("http://127.0.0.1:" + socket.getLocalPort());
  }

  /** Answers {@code rawPath} (as sent, still percent-encoded) with {@code answer}. */
  public LoopbackSite on(String rawPath, Answer answer) {
    answers.put(rawPath, answer);
    return this;
  }

  /** A complete response with {@code status} and {@code body}. */
  public static Answer status(int status, String body) {
    return out -> {
      byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
      out.write(("HTTP/1.1 " + status + " " + reason(status) + "\r\nContent-Type: text/plain\r\nContent-Length: " + bytes.length
          + "\r\nConnection: close\r\n\r\n").getBytes(StandardCharsets.ISO_8859_1));
      out.write(bytes);
    };
  }

  /** A redirect to {@code location}. */
  public static Answer redirect(String location) {
    return out -> out.write(("HTTP/1.1 301 Moved Permanently\r\nLocation: " + location + "\r\nContent-Length: 0\r\nConnection: close\r\n\r\n")
        .getBytes(StandardCharsets.ISO_8859_1));
  }

  /** Promises {@code promised} bytes, sends {@code sent}, then closes the connection. */
  public static Answer cutShort(int promised, int sent) {
    return out -> {
      out.write(("HTTP/1.1 200 OK\r\nContent-Type: application/javascript\r\nContent-Length: " + promised + "\r\n\r\n").getBytes(StandardCharsets.ISO_8859_1));
      out.write(new byte[sent]);
      out.flush();
    };
  }

  /** Promises {@code promised} bytes, sends {@code sent}, then holds the connection open until the site closes. */
  public Answer stallAfter(int promised, int sent) {
    return out -> {
      out.write(("HTTP/1.1 200 OK\r\nContent-Type: application/javascript\r\nContent-Length: " + promised + "\r\n\r\n").getBytes(StandardCharsets.ISO_8859_1));
      out.write(new byte[sent]);
      out.flush();
      try {
        closed.await();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    };
  }

  /** Closes the connection without answering. */
  public static Answer hangUp() {
    return out -> {};
  }

  public List<Request> requests() {
    return List.copyOf(requests);
  }

  private void accept() {
    while (!socket.isClosed()) {
      try {
        Socket connection = socket.accept();
        threads.submit(() -> serve(connection));
      } catch (SocketException e) {
        return;
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
  }

  private void serve(Socket connection) {
    try (connection) {
      BufferedReader in = new BufferedReader(new InputStreamReader(connection.getInputStream(), StandardCharsets.ISO_8859_1));
      String requestLine = in.readLine();
      if (requestLine == null) {
        return;
      }
      Map<String, String> headers = new LinkedHashMap<>();
      for (String line; (line = in.readLine()) != null && !line.isEmpty(); ) {
        int colon = line.indexOf(':');
        headers.put(line.substring(0, colon).strip().toLowerCase(Locale.ROOT), line.substring(colon + 1).strip());
      }
      String rawPath = requestLine.split(" ")[1];
      requests.add(new Request(rawPath, headers));
      OutputStream out = connection.getOutputStream();
      answers.getOrDefault(rawPath, status(404, "no such key")).write(out);
      out.flush();
    } catch (IOException e) {
      // the client went away; nothing to answer
    }
  }

  private static String reason(int status) {
    return switch (status) {
      case 200 -> "OK";
      case 403 -> "Forbidden";
      case 404 -> "Not Found";
      case 500 -> "Internal Server Error";
      case 502 -> "Bad Gateway";
      case 503 -> "Service Unavailable";
      default -> "Status";
    };
  }

  @Override
  public void close() {
    closed.countDown();
    try {
      socket.close();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    threads.shutdownNow();
  }
}
