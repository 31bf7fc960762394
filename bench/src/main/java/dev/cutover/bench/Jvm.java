package dev.cutover.bench;

import java.io.IOException;
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;

/** What the rehearsal bench reads of this JVM and this machine beside the wall clock. */
final class Jvm {

  private Jvm() {}

  /** This process's CPU time, every thread, in seconds. */
  static double cpuSeconds() {
    if (ManagementFactory.getOperatingSystemMXBean() instanceof com.sun.management.OperatingSystemMXBean os) {
      return os.getProcessCpuTime() / 1e9;
    }
    return Double.NaN;
  }

  /** The collectors' accumulated time, in seconds (G1's pauses and its concurrent cycles). */
  static double gcSeconds() {
    long millis = 0;
    for (GarbageCollectorMXBean gc : ManagementFactory.getGarbageCollectorMXBeans()) {
      millis += Math.max(0, gc.getCollectionTime());
    }
    return millis / 1000.0;
  }

  /**
   * This process's CPU time in the kernel, in seconds, from {@code /proc/self/stat} (its 15th
   * field, in clock ticks of 1/100 s, Linux's USER_HZ): system calls, loopback TCP, file writes.
   * NaN where there is no such file.
   */
  static double systemCpuSeconds() {
    try {
      String stat = Files.readString(Path.of("/proc/self/stat"));
      // The command name (2nd field) is in parentheses and may hold spaces: count from after it.
      String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
      return Long.parseLong(fields[12]) / 100.0;
    } catch (IOException | RuntimeException e) {
      return Double.NaN;
    }
  }

  /** The 1, 5 and 15 minute load averages: other work on the machine slows both sides. */
  static String loadAverage() {
    try {
      String[] fields = Files.readString(Path.of("/proc/loadavg")).split(" ");
      return fields[0] + " " + fields[1] + " " + fields[2];
    } catch (IOException | RuntimeException e) {
      return "unknown";
    }
  }
}
