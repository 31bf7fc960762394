package dev.cutover.asl.engine;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;

/**
 * Where the engine writes down its executions so that a restarted process resumes every
 * unfinished one. A snapshot replaces the execution's previous one; writing it must be atomic.
 */
public interface ExecutionJournal {

  void save(String executionArn, ObjectNode snapshot);

  List<ObjectNode> loadAll();

  /** No journal: executions live as long as the process. */
  ExecutionJournal NONE = new ExecutionJournal() {
    @Override
    public void save(String executionArn, ObjectNode snapshot) {}

    @Override
    public List<ObjectNode> loadAll() {
      return List.of();
    }
  };
}
