package dev.cutover.watch.support;

import dev.cutover.watch.port.Probe;
import dev.cutover.watch.port.ProbeOutcome;
import java.net.URI;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Probes answered from a script per raw URL path: each request takes the next outcome for its path,
 * the last one repeating; a path without a script answers 200. Records every URL requested.
 */
public final class ScriptedProbe implements Probe {

  public final List<URI> requested = new CopyOnWriteArrayList<>();
  private final Map<String, Deque<ProbeOutcome>> scripts = new ConcurrentHashMap<>();

  public ScriptedProbe on(String rawPath, ProbeOutcome... outcomes) {
    scripts.put(rawPath, new ArrayDeque<>(List.of(outcomes)));
    return this;
  }

  @Override
  public ProbeOutcome get(URI url) {
    requested.add(url);
    Deque<ProbeOutcome> script = scripts.get(url.getRawPath());
    if (script == null) {
      return ProbeOutcome.answered(200);
    }
    synchronized (script) {
      return script.size() > 1 ? script.pollFirst() : script.peekFirst();
    }
  }
}
