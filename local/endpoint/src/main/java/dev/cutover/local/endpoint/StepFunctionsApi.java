package dev.cutover.local.endpoint;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.cutover.asl.definition.Definitions;
import dev.cutover.asl.definition.InvalidDefinitionException;
import dev.cutover.asl.definition.StateMachineDefinition;
import dev.cutover.asl.engine.Engine;
import dev.cutover.asl.engine.Execution;
import dev.cutover.asl.engine.ExecutionStatus;
import dev.cutover.asl.engine.HistoryEvent;
import dev.cutover.asl.engine.TaskTokenException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.Base64;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.function.Function;
import java.util.regex.Pattern;

/**
 * The Step Functions actions over the engine, with the request fields, response fields, error codes
 * and messages of the API reference. State machines and the executions' inputs live here; the
 * executions themselves live in the engine and are read under its lock, since the engine thread
 * changes them.
 */
final class StepFunctionsApi {

  static final ObjectMapper JSON = new ObjectMapper().enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);

  private static final Pattern INVALID_NAME_CHARACTER =
      Pattern.compile("[\\s<>{}\\[\\]?*\"#%\\\\^|~`$&,;:/\\x{0}-\\x{1f}\\x{7f}-\\x{9f}]");
  private static final Pattern STATE_MACHINE_ARN = Pattern.compile("arn:aws[a-z-]*:states:[a-z0-9-]+:\\d{12}:stateMachine:[^:]+");
  private static final Pattern EXECUTION_ARN = Pattern.compile("arn:aws[a-z-]*:states:[a-z0-9-]+:\\d{12}:execution:[^:]+:[^:]+");
  private static final Set<String> STATUSES = Set.of("RUNNING", "SUCCEEDED", "FAILED", "TIMED_OUT", "ABORTED", "PENDING_REDRIVE");
  private static final int DEFAULT_PAGE = 100;
  private static final int LARGEST_PAGE = 1000;

  private record StateMachine(String arn, String name, String definition, StateMachineDefinition parsed, String roleArn, Instant creationDate) {}

  private record Started(long sequence, String stateMachineArn, String input, Execution execution) {}

  private final Engine engine;
  private final EngineDriver driver;
  private final Clock clock;
  private final String arnPrefix;
  private final Map<String, StateMachine> machines = new HashMap<>();
  private final LinkedHashMap<String, Started> executions = new LinkedHashMap<>();
  private final Path machinesFile;

  StepFunctionsApi(Engine engine, EngineDriver driver, Clock clock, String region, String account, Path machinesFile) {
    this.engine = engine;
    this.driver = driver;
    this.clock = clock;
    this.arnPrefix = "arn:aws:states:" + region + ":" + account + ":";
    this.machinesFile = machinesFile;
    loadMachines();
    for (Execution execution : engine.executions()) {
      executions.put(execution.arn(), new Started(executions.size(), execution.stateMachineArn(), execution.input().toString(), execution));
    }
  }

  /** State machines are few and change rarely: the whole set is rewritten, atomically, on each change. */
  private void saveMachines() {
    if (machinesFile == null) {
      return;
    }
    ArrayNode list = JSON.createArrayNode();
    machines.values().forEach(m -> list.addObject().put("arn", m.arn()).put("name", m.name()).put("definition", m.definition())
        .put("roleArn", m.roleArn()).put("creationDate", m.creationDate().toString()));
    Path temporary = machinesFile.resolveSibling(machinesFile.getFileName() + ".tmp");
    try {
      Files.createDirectories(machinesFile.getParent());
      Files.write(temporary, JSON.writeValueAsBytes(list));
      try (FileChannel channel = FileChannel.open(temporary, StandardOpenOption.WRITE)) {
        channel.force(true);
      }
      Files.move(temporary, machinesFile, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write " + machinesFile, e);
    }
  }

  private void loadMachines() {
    if (machinesFile == null || !Files.exists(machinesFile)) {
      return;
    }
    try {
      for (JsonNode m : JSON.readTree(machinesFile.toFile())) {
        String definition = m.get("definition").asText();
        machines.put(m.get("arn").asText(), new StateMachine(m.get("arn").asText(), m.get("name").asText(), definition,
            Definitions.parse(definition), m.get("roleArn").asText(), Instant.parse(m.get("creationDate").asText())));
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + machinesFile, e);
    }
  }

  /** Runs one action; an unknown action is refused before its body is read, as AWS does. */
  ObjectNode call(String action, byte[] body) {
    Function<Request, ObjectNode> handler = switch (action) {
      case "CreateStateMachine" -> this::createStateMachine;
      case "DescribeStateMachine" -> this::describeStateMachine;
      case "ListStateMachines" -> this::listStateMachines;
      case "DeleteStateMachine" -> this::deleteStateMachine;
      case "StartExecution" -> this::startExecution;
      case "DescribeExecution" -> this::describeExecution;
      case "ListExecutions" -> this::listExecutions;
      case "GetExecutionHistory" -> this::getExecutionHistory;
      case "StopExecution" -> this::stopExecution;
      case "SendTaskSuccess" -> this::sendTaskSuccess;
      case "SendTaskFailure" -> this::sendTaskFailure;
      case "SendTaskHeartbeat" -> this::sendTaskHeartbeat;
      default -> throw new ApiException("UnknownOperationException", "Unknown operation: " + action);
    };
    Request request = Request.parse(body);
    synchronized (this) {
      return handler.apply(request);
    }
  }

  // ------------------------------------------------------------------ state machines

  private ObjectNode createStateMachine(Request request) {
    String name = request.required("name");
    String definition = request.required("definition");
    String roleArn = request.required("roleArn");
    String type = request.text("type").orElse("STANDARD");
    if (type.equals("EXPRESS")) {
      throw new ApiException("StateMachineTypeNotSupported", "The local endpoint runs STANDARD state machines only");
    }
    if (!type.equals("STANDARD")) {
      throw ApiException.validation("type", type, "Member must satisfy enum value set: [STANDARD, EXPRESS]");
    }
    checkName(name);
    StateMachineDefinition parsed;
    try {
      parsed = Definitions.parse(definition);
    } catch (InvalidDefinitionException e) {
      throw new ApiException("InvalidDefinition", e.getMessage());
    }
    String arn = arnPrefix + "stateMachine:" + name;
    StateMachine machine = machines.get(arn);
    if (machine == null) {
      machine = new StateMachine(arn, name, definition, parsed, roleArn, clock.instant());
      machines.put(arn, machine);
      saveMachines();
    } else if (!machine.definition().equals(definition)) {
      throw new ApiException("StateMachineAlreadyExists", "State Machine Already Exists: '" + arn + "'");
    }
    return object().put("stateMachineArn", arn).put("creationDate", seconds(machine.creationDate()));
  }

  private ObjectNode describeStateMachine(Request request) {
    StateMachine machine = machine(request.required("stateMachineArn"));
    return object()
        .put("stateMachineArn", machine.arn())
        .put("name", machine.name())
        .put("status", "ACTIVE")
        .put("definition", machine.definition())
        .put("roleArn", machine.roleArn())
        .put("type", "STANDARD")
        .put("creationDate", seconds(machine.creationDate()));
  }

  /** Ordered by name; the token names the first machine of the next page. */
  private ObjectNode listStateMachines(Request request) {
    int max = maxResults(request);
    String from = request.text("nextToken").map(StepFunctionsApi::decodeToken).orElse("");
    List<StateMachine> rest = machines.values().stream()
        .sorted(Comparator.comparing(StateMachine::name))
        .filter(m -> m.name().compareTo(from) >= 0)
        .toList();
    ObjectNode response = object();
    ArrayNode items = response.putArray("stateMachines");
    rest.stream().limit(max).forEach(m -> items.addObject()
        .put("stateMachineArn", m.arn())
        .put("name", m.name())
        .put("type", "STANDARD")
        .put("creationDate", seconds(m.creationDate())));
    if (rest.size() > max) {
      response.put("nextToken", token(rest.get(max).name()));
    }
    return response;
  }

  /** Forgets the machine; its executions stay readable, and deleting twice is no error (as on AWS). */
  private ObjectNode deleteStateMachine(Request request) {
    String arn = request.required("stateMachineArn");
    checkArn(arn, STATE_MACHINE_ARN);
    machines.remove(arn);
    saveMachines();
    return object();
  }

  // ------------------------------------------------------------------ executions

  /**
   * Idempotent by name while the execution is open and the input is the same; otherwise a reused
   * name is {@code ExecutionAlreadyExists}, as the API reference describes.
   */
  private ObjectNode startExecution(Request request) {
    StateMachine machine = machine(request.required("stateMachineArn"));
    String name = request.text("name").orElseGet(() -> UUID.randomUUID().toString());
    checkName(name);
    String input = request.text("input").orElse("{}");
    JsonNode parsedInput;
    try {
      parsedInput = JSON.readTree(input);
    } catch (JsonProcessingException e) {
      throw new ApiException("InvalidExecutionInput", "Invalid State Machine Execution Input: '" + e.getOriginalMessage() + "'");
    }
    if (parsedInput == null || parsedInput.isMissingNode()) {
      throw new ApiException("InvalidExecutionInput", "Invalid State Machine Execution Input: 'No content'");
    }
    String arn = arnPrefix + "execution:" + machine.name() + ":" + name;
    Started started = executions.get(arn);
    if (started != null) {
      boolean open;
      synchronized (engine) {
        open = started.execution().status() == ExecutionStatus.RUNNING;
      }
      if (!open || !started.input().equals(input)) {
        throw new ApiException("ExecutionAlreadyExists", "Execution Already Exists: '" + arn + "'");
      }
    } else {
      Execution execution = engine.start(machine.arn(), machine.parsed(), name, parsedInput);
      started = new Started(executions.size(), machine.arn(), input, execution);
      executions.put(execution.arn(), started);
      driver.wake();
    }
    return object().put("executionArn", started.execution().arn()).put("startDate", seconds(started.execution().startTime()));
  }

  private ObjectNode stopExecution(Request request) {
    Started started = execution(request.required("executionArn"));
    engine.stop(started.execution().arn(), request.text("error").orElse(null), request.text("cause").orElse(null));
    synchronized (engine) {
      return object().put("stopDate", seconds(started.execution().stopTime().orElseThrow()));
    }
  }

  // ------------------------------------------------------------------ callbacks

  private ObjectNode sendTaskSuccess(Request request) {
    String token = request.required("taskToken");
    String output = request.required("output");
    JsonNode parsed;
    try {
      parsed = JSON.readTree(output);
    } catch (JsonProcessingException e) {
      throw new ApiException("InvalidOutput", "Invalid Output: the output is not valid JSON: " + e.getOriginalMessage());
    }
    callback(() -> engine.sendTaskSuccess(token, parsed));
    return object();
  }

  private ObjectNode sendTaskFailure(Request request) {
    String token = request.required("taskToken");
    callback(() -> engine.sendTaskFailure(token, request.text("error").orElse(null), request.text("cause").orElse(null)));
    return object();
  }

  private ObjectNode sendTaskHeartbeat(Request request) {
    String token = request.required("taskToken");
    callback(() -> engine.sendTaskHeartbeat(token));
    return object();
  }

  /** Hands a callback to the engine and lets it run; a token it refuses becomes the API's error. */
  private void callback(Runnable send) {
    try {
      send.run();
    } catch (TaskTokenException e) {
      throw new ApiException(e.code(), e.getMessage());
    }
    driver.wake();
  }

  private ObjectNode describeExecution(Request request) {
    Started started = execution(request.required("executionArn"));
    synchronized (engine) {
      Execution e = started.execution();
      ObjectNode response = executionItem(e);
      response.put("input", started.input());
      response.putObject("inputDetails").put("included", true);
      e.output().ifPresent(output -> {
        response.put("output", output.toString());
        response.putObject("outputDetails").put("included", true);
      });
      e.error().ifPresent(error -> response.put("error", error));
      e.cause().ifPresent(cause -> response.put("cause", cause));
      return response;
    }
  }

  /** Most recent first, as AWS sorts them; the token is the sequence number of the next one. */
  private ObjectNode listExecutions(Request request) {
    StateMachine machine = machine(request.required("stateMachineArn"));
    Optional<String> status = request.text("statusFilter");
    if (status.isPresent() && !STATUSES.contains(status.get())) {
      throw ApiException.validation("statusFilter", status.get(),
          "Member must satisfy enum value set: [RUNNING, SUCCEEDED, FAILED, TIMED_OUT, ABORTED, PENDING_REDRIVE]");
    }
    int max = maxResults(request);
    long from = request.text("nextToken").map(StepFunctionsApi::decodeNumber).orElse(Long.MAX_VALUE);
    synchronized (engine) {
      List<Started> rest = executions.sequencedValues().reversed().stream()
          .filter(s -> s.stateMachineArn().equals(machine.arn()) && s.sequence() <= from)
          .filter(s -> status.isEmpty() || s.execution().status().name().equals(status.get()))
          .toList();
      ObjectNode response = object();
      ArrayNode items = response.putArray("executions");
      rest.stream().limit(max).forEach(s -> items.add(executionItem(s.execution())));
      if (rest.size() > max) {
        response.put("nextToken", token(Long.toString(rest.get(max).sequence())));
      }
      return response;
    }
  }

  /** Oldest first unless {@code reverseOrder}; the token is the id of the next event. */
  private ObjectNode getExecutionHistory(Request request) {
    Started started = execution(request.required("executionArn"));
    boolean reverse = request.bool("reverseOrder").orElse(false);
    boolean includeData = request.bool("includeExecutionData").orElse(true);
    int max = maxResults(request);
    Optional<Long> from = request.text("nextToken").map(StepFunctionsApi::decodeNumber);
    List<HistoryEvent> history;
    synchronized (engine) {
      history = started.execution().history();
    }
    List<HistoryEvent> rest = (reverse ? history.reversed() : history).stream()
        .filter(e -> from.isEmpty() || (reverse ? e.id() <= from.get() : e.id() >= from.get()))
        .toList();
    ObjectNode response = object();
    ArrayNode events = response.putArray("events");
    rest.stream().limit(max).forEach(e -> {
      ObjectNode event = events.addObject()
          .put("timestamp", seconds(e.timestamp()))
          .put("type", e.type())
          .put("id", e.id())
          .put("previousEventId", e.previousEventId());
      // Some events (ParallelStateStarted, MapStateSucceeded, ...) carry no details at all.
      if (e.detailsField() != null) {
        ObjectNode details = e.details();
        if (!includeData) {
          details = details.deepCopy();
          details.remove(List.of("input", "output"));
        }
        event.set(e.detailsField(), details);
      }
    });
    if (rest.size() > max) {
      response.put("nextToken", token(Long.toString(rest.get(max).id())));
    }
    return response;
  }

  private static ObjectNode executionItem(Execution e) {
    ObjectNode item = object()
        .put("executionArn", e.arn())
        .put("stateMachineArn", e.stateMachineArn())
        .put("name", e.name())
        .put("status", e.status().name())
        .put("startDate", seconds(e.startTime()));
    e.stopTime().ifPresent(t -> item.put("stopDate", seconds(t)));
    return item;
  }

  // ------------------------------------------------------------------ lookups and checks

  private StateMachine machine(String arn) {
    checkArn(arn, STATE_MACHINE_ARN);
    StateMachine machine = machines.get(arn);
    if (machine == null) {
      throw new ApiException("StateMachineDoesNotExist", "State Machine Does Not Exist: '" + arn + "'");
    }
    return machine;
  }

  private Started execution(String arn) {
    checkArn(arn, EXECUTION_ARN);
    Started started = executions.get(arn);
    if (started == null) {
      throw new ApiException("ExecutionDoesNotExist", "Execution Does Not Exist: '" + arn + "'");
    }
    return started;
  }

  private static void checkArn(String arn, Pattern shape) {
    if (!shape.matcher(arn).matches()) {
      throw new ApiException("InvalidArn", "Invalid Arn: '" + arn + "'");
    }
  }

  /** The name rules of CreateStateMachine and StartExecution: 1 to 80 characters, none of the reserved ones. */
  private static void checkName(String name) {
    if (name.isEmpty() || name.length() > 80 || INVALID_NAME_CHARACTER.matcher(name).find()) {
      throw new ApiException("InvalidName", "Invalid Name: '" + name + "'");
    }
  }

  /** 0 or absent means the default of 100; at most 1000. */
  private static int maxResults(Request request) {
    int max = request.integer("maxResults").orElse(0);
    if (max < 0) {
      throw ApiException.validation("maxResults", max, "Member must have value greater than or equal to 0");
    }
    if (max > LARGEST_PAGE) {
      throw ApiException.validation("maxResults", max, "Member must have value less than or equal to " + LARGEST_PAGE);
    }
    return max == 0 ? DEFAULT_PAGE : max;
  }

  private static String token(String cursor) {
    return Base64.getUrlEncoder().encodeToString(cursor.getBytes(StandardCharsets.UTF_8));
  }

  private static String decodeToken(String token) {
    try {
      return new String(Base64.getUrlDecoder().decode(token), StandardCharsets.UTF_8);
    } catch (IllegalArgumentException e) {
      throw invalidToken(token);
    }
  }

  private static long decodeNumber(String token) {
    try {
      return Long.parseLong(decodeToken(token));
    } catch (NumberFormatException e) {
      throw invalidToken(token);
    }
  }

  private static ApiException invalidToken(String token) {
    return new ApiException("InvalidToken", "Invalid Token: '" + token + "'");
  }

  /** Timestamps go over the wire as epoch seconds, a JSON number with milliseconds, as AWS sends them. */
  private static BigDecimal seconds(Instant instant) {
    return BigDecimal.valueOf(instant.toEpochMilli(), 3);
  }

  private static ObjectNode object() {
    return JSON.createObjectNode();
  }

  /** A request body's members, typed as the service model types them. */
  private record Request(ObjectNode body) {

    static Request parse(byte[] bytes) {
      if (bytes.length == 0) {
        return new Request(object());
      }
      JsonNode node;
      try {
        node = JSON.readTree(bytes);
      } catch (IOException e) {
        throw ApiException.serialization("The request body is not valid JSON: " + e.getMessage());
      }
      if (!(node instanceof ObjectNode object)) {
        throw ApiException.serialization("The request body must be a JSON object");
      }
      return new Request(object);
    }

    Optional<String> text(String field) {
      return member(field).map(v -> {
        if (!v.isTextual()) {
          throw ApiException.serialization("'" + field + "' must be a string");
        }
        return v.asText();
      });
    }

    String required(String field) {
      return text(field).orElseThrow(() -> ApiException.validation(field, null, "Member must not be null"));
    }

    Optional<Integer> integer(String field) {
      return member(field).map(v -> {
        if (!v.isIntegralNumber() || !v.canConvertToInt()) {
          throw ApiException.serialization("'" + field + "' must be an integer");
        }
        return v.asInt();
      });
    }

    Optional<Boolean> bool(String field) {
      return member(field).map(v -> {
        if (!v.isBoolean()) {
          throw ApiException.serialization("'" + field + "' must be a boolean");
        }
        return v.asBoolean();
      });
    }

    private Optional<JsonNode> member(String field) {
      return Optional.ofNullable(body.get(field)).filter(v -> !v.isNull());
    }
  }
}
