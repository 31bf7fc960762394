package dev.cutover.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * How far a run has come, from what its steps returned (their results in the history): the
 * backfill job's tasks ({@code DescribeBackfill}: {@code succeededTasks} of {@code totalTasks}),
 * the objects verified ({@code VerifyObjects}: {@code objectsCompared}), the bake's health
 * samples ({@code WatchGreen}: count, last health, {@code bakeEndsAt}), and whether an approval
 * waits.
 */
record Progress(Optional<JsonNode> backfill, Optional<JsonNode> verify, int watches, Optional<JsonNode> lastWatch,
    boolean bakeStarted, boolean awaitingApproval) {

  static Progress of(Run run) {
    return new Progress(run.lastResult("DescribeBackfill"), run.lastResult("VerifyObjects"), run.results("WatchGreen").size(),
        run.lastResult("WatchGreen"), run.entered("StartBake"), run.activeStates().contains("WaitForApproval"));
  }

  /** One line per thing that has started, e.g. "backfill  300 of 1200 tasks (25%), 0 failed, RUNNING". */
  List<String> lines(Instant now) {
    List<String> lines = new ArrayList<>();
    backfill.ifPresent(b -> {
      long total = b.path("totalTasks").asLong();
      long done = b.path("succeededTasks").asLong();
      String percent = total > 0 ? " (" + (done * 100 / total) + "%)" : "";
      lines.add("backfill  " + done + " of " + total + " tasks" + percent + ", " + b.path("failedTasks").asLong() + " failed, "
          + b.path("outcome").asText("?"));
    });
    verify.ifPresent(v -> {
      String of = v.hasNonNull("sourceObjects") ? " of " + v.path("sourceObjects").asLong() + " on blue" : "";
      String state = v.path("complete").asBoolean(false)
          ? ", complete, " + v.path("mismatchedObjects").asLong() + " mismatched"
          : ", going on";
      lines.add("verify    " + v.path("objectsCompared").asLong() + " objects compared" + of + state);
    });
    if (bakeStarted) {
      StringBuilder bake = new StringBuilder("bake      " + watches + (watches == 1 ? " health sample" : " health samples"));
      lastWatch.ifPresent(w -> {
        bake.append(w.path("healthy").asBoolean(true) ? ", healthy" : ", UNHEALTHY: " + String.join("; ", texts(w.path("reasons"))));
        parse(w.path("bakeEndsAt").asText(null)).ifPresent(end -> {
          bake.append(", ends ").append(end);
          Instant sampled = parse(w.path("sampledAt").asText(null)).orElse(now);
          Duration left = Duration.between(now.isAfter(sampled) ? now : sampled, end);
          bake.append(left.isNegative() || left.isZero() ? " (done)" : " (" + human(left) + " left)");
        });
      });
      lines.add(bake.toString());
    }
    return lines;
  }

  ObjectNode toJson() {
    ObjectNode node = Run.JSON.createObjectNode();
    backfill.ifPresent(b -> node.putObject("backfill")
        .put("succeededTasks", b.path("succeededTasks").asLong()).put("totalTasks", b.path("totalTasks").asLong())
        .put("failedTasks", b.path("failedTasks").asLong()).put("outcome", b.path("outcome").asText(null)));
    verify.ifPresent(v -> {
      ObjectNode n = node.putObject("verify").put("objectsCompared", v.path("objectsCompared").asLong())
          .put("complete", v.path("complete").asBoolean(false));
      if (v.hasNonNull("sourceObjects")) {
        n.put("sourceObjects", v.path("sourceObjects").asLong());
      }
      if (v.hasNonNull("mismatchedObjects")) {
        n.put("mismatchedObjects", v.path("mismatchedObjects").asLong());
      }
    });
    if (bakeStarted) {
      ObjectNode n = node.putObject("bake").put("watches", watches);
      lastWatch.ifPresent(w -> n.put("healthy", w.path("healthy").asBoolean(true)).put("sampledAt", w.path("sampledAt").asText(null))
          .put("bakeEndsAt", w.path("bakeEndsAt").asText(null)));
    }
    node.put("awaitingApproval", awaitingApproval);
    return node;
  }

  static String human(Duration d) {
    long s = Math.max(0, d.toSeconds());
    if (s >= 3600) {
      return (s / 3600) + "h " + (s % 3600 / 60) + "m";
    }
    if (s >= 60) {
      return (s / 60) + "m " + (s % 60) + "s";
    }
    return s + "s";
  }

  private static Optional<Instant> parse(String text) {
    try {
      return text == null ? Optional.empty() : Optional.of(Instant.parse(text));
    } catch (RuntimeException e) {
      return Optional.empty();
    }
  }

  private static List<String> texts(JsonNode array) {
    List<String> out = new ArrayList<>();
    array.forEach(n -> out.add(n.asText()));
    return out;
  }
}
