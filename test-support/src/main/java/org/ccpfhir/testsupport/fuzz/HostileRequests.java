package org.ccpfhir.testsupport.fuzz;

/**
 * A seeded generator of hostile requests against one app ({@link FuzzTarget}). Plain Java with
 * {@link java.util.Random}: the same seed gives the same requests, so a failure printed with its
 * seed and index replays.
 *
 * <p>Everyday shapes (nine in ten requests, one random stream): operation Parameters ({@link
 * ParameterShapes}), mutations of valid bodies ({@link BodyMutations}), search strings, operation
 * queries and paths ({@link QueryShapes}), XML, forms and junk ({@link MarkupShapes}). Every tenth
 * request is over a request limit ({@link LimitShapes}, own stream), so adding limit shapes does
 * not change which everyday requests a seed gives. Batch Bundles with protected entries ({@link
 * BatchShapes}, own stream, in place of the fifth of every ten) only when {@link
 * #BATCH_ENTRY_RULES} is on. Concurrent re-sends (issue 16, finding 5) are not generated: requests
 * here are sequential.
 */
public final class HostileRequests {

  /**
   * Issue 16, finding 1 (access rules per batch/transaction entry, {@code
   * BundleEntryAuthorization}): batch Bundles with entries the caller may not make directly are
   * sent to every target that names {@link FuzzTarget#protectedEntry}, and each must be refused.
   */
  public static final boolean BATCH_ENTRY_RULES = true;

  /** Everyday shapes stay below this size (the big bodies are {@link LimitShapes}'). */
  static final int MAX_BODY = 256 * 1024;

  /** One request in this many is a limit shape (the last of each run of this many). */
  static final int LIMIT_EVERY = 10;

  private static final String[] SHAPES = {
    "parameters",
    "parameters",
    "parameters",
    "body-mutation",
    "body-mutation",
    "body-mutation",
    "search",
    "search",
    "operation-query",
    "path",
    "xml",
    "form",
    "junk-body"
  };

  /** The index of the request being drawn, shared by the streams. */
  static final class Counter {
    long value;
  }

  private final long seed;
  private final Counter index = new Counter();
  private final Draw everyday;
  private final ParameterShapes parameters;
  private final BodyMutations bodies;
  private final QueryShapes queries;
  private final MarkupShapes markup;
  private final LimitShapes limits;
  private final BatchShapes batches;
  private final boolean batchEntries;

  public HostileRequests(long seed, FuzzTarget target) {
    this(seed, target, BATCH_ENTRY_RULES);
  }

  HostileRequests(long seed, FuzzTarget target, boolean batchEntries) {
    this.seed = seed;
    this.everyday = new Draw(seed, index);
    this.parameters = new ParameterShapes(everyday, target);
    this.bodies = new BodyMutations(everyday, target);
    this.queries = new QueryShapes(everyday, target);
    this.markup = new MarkupShapes(everyday, target, queries);
    this.limits = new LimitShapes(new Draw(~seed, index), target);
    this.batches = new BatchShapes(new Draw(seed ^ 0x6261746368L, index), target);
    this.batchEntries = batchEntries;
  }

  public long seed() {
    return seed;
  }

  /** The next request; deterministic for the seed and the number of requests drawn before. */
  public FuzzRequest next() {
    long position = index.value % LIMIT_EVERY;
    FuzzRequest request = null;
    if (position == LIMIT_EVERY - 1) {
      request = limits.next();
    } else if (batchEntries && position == LIMIT_EVERY / 2 - 1) {
      request = batches.next();
    }
    if (request == null) {
      request = everyday();
    }
    index.value++;
    return request;
  }

  private FuzzRequest everyday() {
    String shape = SHAPES[everyday.random.nextInt(SHAPES.length)];
    return switch (shape) {
      case "parameters" -> or(parameters.parameters(), markup::junkBody);
      case "body-mutation" -> or(bodies.bodyMutation(), markup::junkBody);
      case "search" -> or(queries.search(), queries::path);
      case "operation-query" ->
          or(queries.operationQuery(), () -> or(queries.search(), queries::path));
      case "path" -> queries.path();
      case "xml" -> markup.xml();
      case "form" -> markup.form();
      default -> markup.junkBody();
    };
  }

  private static FuzzRequest or(
      FuzzRequest request, java.util.function.Supplier<FuzzRequest> fallback) {
    return request != null ? request : fallback.get();
  }
}
