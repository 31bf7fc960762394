package dev.cutover.asl.engine;

import java.util.Optional;

/** Maps a Task state's {@code Resource} to what runs it; the engine itself knows no resources. */
@FunctionalInterface
public interface TaskResolver {

  Optional<TaskResource> resolve(String resource);
}
