package dev.cutover.cli.local;

import org.slf4j.Logger;
import org.slf4j.event.Level;
import software.amazon.lambda.powertools.logging.internal.LoggingManager;

/**
 * Powertools' logging backend for the steps that run inside the {@code cutover} process ({@code
 * serve}, {@code rehearse}): their logs go through slf4j-simple to stderr at the command's levels
 * ({@code simplelogger.properties}, WARN and above), so stdout stays the command's output.
 *
 * <p>In Lambda the steps log JSON lines through Powertools' Log4j backend; the command leaves that
 * backend out (it would print on stdout), and without any backend Powertools prints three ERROR
 * lines on the first step call. Powertools finds its backend with {@link java.util.ServiceLoader}
 * ({@code META-INF/services/...LoggingManager}), an interface in its {@code internal} package,
 * pinned with the Powertools version in the parent pom. slf4j-simple fixes levels at start-up, so
 * {@code POWERTOOLS_LOG_LEVEL} does not change them here.
 */
public final class Slf4jLoggingManager implements LoggingManager {

  /** Levels are slf4j-simple's, set at start-up: nothing to change at run time. */
  @Override
  public void setLogLevel(Level level) {}

  /** The most detailed level {@code logger} writes. */
  @Override
  public Level getLogLevel(Logger logger) {
    if (logger.isTraceEnabled()) {
      return Level.TRACE;
    }
    if (logger.isDebugEnabled()) {
      return Level.DEBUG;
    }
    if (logger.isInfoEnabled()) {
      return Level.INFO;
    }
    return logger.isWarnEnabled() ? Level.WARN : Level.ERROR;
  }
}
