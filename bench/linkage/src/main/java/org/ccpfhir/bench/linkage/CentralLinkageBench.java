package org.ccpfhir.bench.linkage;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import javax.sql.DataSource;
import org.ccpfhir.identity.central.CentralListRepository;
import org.ccpfhir.identity.central.CentralPatientList;
import org.ccpfhir.identity.controlnumber.ControlNumberEncoder;
import org.ccpfhir.identity.controlnumber.ControlNumberMatcher;
import org.ccpfhir.identity.controlnumber.ControlNumbers;
import org.ccpfhir.identity.controlnumber.LshBlockingIndex;
import org.ccpfhir.identity.pseudonym.PseudonymGenerator;
import org.ccpfhir.identity.pseudonym.PseudonymRegistry;
import org.ccpfhir.synthetic.identity.Corruptor;
import org.ccpfhir.synthetic.identity.IdentityGenerator;
import org.ccpfhir.synthetic.identity.SyntheticIdentity;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

/**
 * The central patient list on control numbers, in process (no HTTP/TLS): the generator's encoding,
 * the ticket and its redemption with linkage — what a global {@code $pseudonymize} costs the two
 * identity components.
 *
 * <ul>
 *   <li>{@code quality --people N}: N people pseudonymized, then one corrupted copy of each
 *       (standard corruption mix): precision, recall and F1 of automatic matches, review share.
 *   <li>{@code lost --people N [--verbose true]}: the same people and copies through blocking and
 *       matcher alone ({@link LostPairs}): why true pairs are lost after review.
 *   <li>{@code population --people N}: how many generated people share first name, last name and
 *       birth date with another (indistinguishable for any linkage on these fields).
 *   <li>{@code speed --stored N}: N records stored (bulk-loaded, index rebuilt as at a start), then
 *       p50/p95 latency of 1,000 requests (half corrupted copies of stored people, half new people)
 *       with LSH blocking, and of 100 requests with the same matcher comparing every record; the
 *       ratio; heap used by the list and the process's resident memory.
 * </ul>
 */
public final class CentralLinkageBench {

  static final ControlNumberEncoder ENCODER =
      new ControlNumberEncoder("benchmark-generator-secret-0123".getBytes(StandardCharsets.UTF_8));

  private CentralLinkageBench() {}

  public static void main(String[] args) throws Exception {
    String mode = args.length > 0 ? args[0] : "quality";
    int size = 10_000;
    long seed = 1;
    boolean realistic = true;
    boolean verbose = false;
    for (int i = 1; i + 1 < args.length; i += 2) {
      switch (args[i]) {
        case "--verbose" -> verbose = Boolean.parseBoolean(args[i + 1]);
        case "--people", "--stored" -> size = Integer.parseInt(args[i + 1]);
        case "--seed" -> seed = Long.parseLong(args[i + 1]);
        case "--mix" -> realistic = args[i + 1].equals("realistic");
        default -> throw new IllegalArgumentException("unknown option " + args[i]);
      }
    }
    Path dir = Files.createTempDirectory("ccp-central-bench");
    try {
      if (mode.equals("quality")) {
        quality(size, seed, realistic);
      } else if (mode.equals("lost")) {
        LostPairs.run(size, seed, verbose);
      } else if (mode.equals("population")) {
        PopulationCheck.run(size, seed);
      } else if (mode.equals("speed")) {
        speed(size, seed, dir);
      } else {
        throw new IllegalArgumentException("mode must be quality, population or speed");
      }
    } finally {
      try (var files = Files.walk(dir)) {
        files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
      }
    }
  }

  private static void quality(int people, long seed, boolean realistic) {
    List<SyntheticIdentity> originals = new IdentityGenerator(seed).people(people);
    Corruptor corruptor = new Corruptor(seed + 1);
    // the list's memory is not measured here: an in-memory database is fine
    CentralPatientList list =
        open(
            new DriverManagerDataSource("jdbc:h2:mem:central-quality;DB_CLOSE_DELAY=-1", "sa", ""),
            true);
    Map<Long, String> pseudonymOf = new HashMap<>();
    Map<String, Long> personOf = new HashMap<>();
    long start = System.nanoTime();
    long mergedOriginals = 0;
    for (SyntheticIdentity person : originals) {
      String pseudonym = pseudonymize(list, person);
      if (personOf.containsKey(pseudonym)) {
        mergedOriginals++; // two different people got one pseudonym: a false match
        explain(
            person, originals.get((int) (personOf.get(pseudonym) - originals.get(0).personId())));
      }
      pseudonymOf.put(person.personId(), pseudonym);
      personOf.put(pseudonym, person.personId());
    }
    long first = originals.get(0).personId();
    // every original is a new person: a review here pairs two different people (no copy yet)
    int newPeopleReviews = list.openReviewCount();
    long trueMatches = 0;
    long falseMatches = mergedOriginals;
    long reviews = 0;
    long reviewsOfOthers = 0;
    long misses = 0;
    int[] byCount = new int[4];
    int[] matchedByCount = new int[4];
    Map<Corruptor.Kind, int[]> byKind = new java.util.EnumMap<>(Corruptor.Kind.class);
    for (SyntheticIdentity person : originals) {
      int reviewsBefore = list.openReviewCount();
      List<Corruptor.Kind> kinds;
      SyntheticIdentity copy;
      if (realistic) {
        Corruptor.Corrupted corrupted = corruptor.realistic(person);
        copy = corrupted.copy();
        kinds = corrupted.kinds();
      } else {
        copy = corruptor.corrupt(person);
        kinds = List.of();
      }
      String pseudonym = pseudonymize(list, copy);
      boolean matched = pseudonym.equals(pseudonymOf.get(person.personId()));
      int count = Math.min(3, kinds.size());
      byCount[count]++;
      for (Corruptor.Kind kind : kinds) {
        int[] seen = byKind.computeIfAbsent(kind, k -> new int[2]);
        seen[0]++;
        seen[1] += matched ? 1 : 0;
      }
      if (matched) {
        trueMatches++;
        matchedByCount[count]++;
      } else if (personOf.containsKey(pseudonym)) {
        falseMatches++;
        explain(copy, originals.get((int) (personOf.get(pseudonym) - first)));
      } else if (list.openReviewCount() > reviewsBefore) {
        reviews++;
        // the review just opened: does it pair the copy with its own person?
        long candidate =
            list.openReviews().stream()
                .max(java.util.Comparator.comparingLong(r -> r.id()))
                .map(r -> r.candidatePerson())
                .orElse(-1L);
        long own = list.personOf("HD", pseudonymOf.get(person.personId())).orElse(-2L);
        reviewsOfOthers += candidate == own ? 0 : 1;
      } else {
        misses++;
      }
    }
    double seconds = (System.nanoTime() - start) / 1e9;
    double precision = trueMatches / (double) Math.max(1, trueMatches + falseMatches);
    double recall = trueMatches / (double) people;
    double f1 = precision + recall == 0 ? 0 : 2 * precision * recall / (precision + recall);
    System.out.printf(
        "central list quality: people=%d seed=%d precision=%.4f recall=%.4f F1=%.4f"
            + " false_matches=%d review_share=%.4f misses=%d requests/s=%.0f%n",
        people,
        seed,
        precision,
        recall,
        f1,
        falseMatches,
        reviews / (double) people,
        misses,
        2.0 * people / seconds);
    System.out.printf(
        "  reviews pairing different people: %d of %d (%.2f); recall after correct review"
            + " decisions: %.4f%n",
        reviewsOfOthers,
        reviews,
        reviewsOfOthers / (double) Math.max(1, reviews),
        (trueMatches + reviews - reviewsOfOthers) / (double) people);
    System.out.printf(
        "  reviews opened while registering the %d people themselves (new people, before any"
            + " copy): %d (%.4f)%n",
        people, newPeopleReviews, newPeopleReviews / (double) people);
    if (realistic) {
      for (int k = 0; k < 4; k++) {
        System.out.printf(
            "  %d corruptions: %d copies, automatic recall %.4f%n",
            k, byCount[k], matchedByCount[k] / (double) Math.max(1, byCount[k]));
      }
      byKind.forEach(
          (kind, seen) ->
              System.out.printf(
                  "  with %-22s %5d copies, automatic recall %.4f%n",
                  kind, seen[0], seen[1] / (double) seen[0]));
    }
  }

  /**
   * A false match, shown with the made-up identities (synthetic, no real IDAT) and the per-field
   * similarities, so that the matcher's rule that let it through can be found.
   */
  private static void explain(SyntheticIdentity copy, SyntheticIdentity other) {
    System.out.printf(
        "false match: %s%n  linked to %s%n  %s%n",
        copy,
        other,
        ControlNumberMatcher.withDefaults()
            .compare(ENCODER.encode(viaPatient(copy)), ENCODER.encode(viaPatient(other))));
  }

  private static void speed(int stored, long seed, Path dir) {
    DataSource database = database(dir);
    List<SyntheticIdentity> people = new IdentityGenerator(seed).people(stored + 500);
    long loadStart = System.nanoTime();
    bulkLoad(database, people.subList(0, stored));
    System.out.printf(
        "loaded %d records in %.1f s%n", stored, (System.nanoTime() - loadStart) / 1e9);
    Corruptor corruptor = new Corruptor(seed + 1);
    List<SyntheticIdentity> queries = new ArrayList<>();
    for (int i = 0; i < 500; i++) {
      queries.add(corruptor.corrupt(people.get((int) ((i * 7919L) % stored))));
      queries.add(people.get(stored + i));
    }
    long rebuild = System.nanoTime();
    CentralPatientList blocked = open(database, true);
    System.out.printf(
        "index rebuilt from the database in %.1f s%n", (System.nanoTime() - rebuild) / 1e9);
    long heap = usedHeap();
    printCandidates(blocked, queries);
    double[] withBlocking = latencies(blocked, queries);
    System.out.printf(
        "memory with %d records: heap used %.0f MiB, process RSS %.0f MiB%n",
        blocked.size(), heap / 1048576.0, rss() / 1048576.0);
    blocked = null;
    CentralPatientList unblocked = open(database, false);
    double[] withoutBlocking = latencies(unblocked, queries.subList(0, 100));
    print("with LSH blocking", withBlocking);
    print("without blocking (baseline)", withoutBlocking);
    System.out.printf(
        "ratio p50 baseline/blocking: %.1f%n",
        percentile(withoutBlocking, 50) / percentile(withBlocking, 50));
  }

  private static void printCandidates(CentralPatientList list, List<SyntheticIdentity> queries) {
    int[] candidates =
        queries.stream()
            .mapToInt(q -> list.candidateCount(ENCODER.encode(LinkageBench.record(q))))
            .sorted()
            .toArray();
    System.out.printf(
        "blocking candidates per lookup: median %d, p95 %d (of %d records)%n",
        candidates[candidates.length / 2], candidates[candidates.length * 95 / 100], list.size());
  }

  private static double[] latencies(CentralPatientList list, List<SyntheticIdentity> queries) {
    for (int i = 0; i < 20; i++) {
      pseudonymize(list, queries.get(i)); // warm-up
    }
    double[] millis = new double[queries.size()];
    for (int i = 0; i < queries.size(); i++) {
      long start = System.nanoTime();
      pseudonymize(list, queries.get(i));
      millis[i] = (System.nanoTime() - start) / 1e6;
    }
    Arrays.sort(millis);
    return millis;
  }

  /**
   * The generator's and the list's work for one person: the IDAT as a FHIR Patient read by the same
   * code as {@code $pseudonymize} ({@code IdatParameters}: normalisation, required fields), encode,
   * ticket, redeem.
   */
  private static String pseudonymize(CentralPatientList list, SyntheticIdentity person) {
    ControlNumbers numbers = ENCODER.encode(viaPatient(person));
    return list.redeem("HD", list.register("HD", numbers));
  }

  static org.ccpfhir.identity.idat.Idat viaPatient(SyntheticIdentity person) {
    org.hl7.fhir.r4.model.Patient patient = new org.hl7.fhir.r4.model.Patient();
    org.hl7.fhir.r4.model.HumanName name = patient.addName().setFamily(person.lastName());
    for (String given : person.firstName().split(" ")) {
      name.addGiven(given);
    }
    for (String former : person.formerNames()) {
      patient.addName().setUse(org.hl7.fhir.r4.model.HumanName.NameUse.MAIDEN).setFamily(former);
    }
    patient.setBirthDateElement(new org.hl7.fhir.r4.model.DateType(person.birthDate().toString()));
    if (person.sex() != null) {
      patient.setGender(
          org.hl7.fhir.r4.model.Enumerations.AdministrativeGender.fromCode(person.sex()));
    }
    return org.ccpfhir.identity.idat.IdatParameters.fromPatient(patient, "benchmark");
  }

  /** Writes records the way the list stores them, in batches (the list reads them at start). */
  private static void bulkLoad(DataSource database, List<SyntheticIdentity> people) {
    CentralListRepository.SCHEMA.migrate(database);
    JdbcTemplate jdbc = new JdbcTemplate(database);
    int batch = 5_000;
    for (int from = 0; from < people.size(); from += batch) {
      List<SyntheticIdentity> chunk = people.subList(from, Math.min(people.size(), from + batch));
      String[] encoded =
          IntStream.range(0, chunk.size())
              .parallel()
              .mapToObj(i -> ENCODER.encode(LinkageBench.record(chunk.get(i))).toBase64())
              .toArray(String[]::new);
      List<Object[]> persons = new ArrayList<>();
      List<Object[]> records = new ArrayList<>();
      for (int i = 0; i < chunk.size(); i++) {
        long id = from + i + 1;
        persons.add(new Object[] {id, 0L});
        records.add(new Object[] {id, id, id, "HD", encoded[i], 0L});
      }
      jdbc.batchUpdate("INSERT INTO ccp_central_person (id, created_ms) VALUES (?,?)", persons);
      jdbc.batchUpdate(
          "INSERT INTO ccp_control_record (id, person_id, origin_person_id, site, control_numbers,"
              + " created_ms) VALUES (?,?,?,?,?,?)",
          records);
    }
    jdbc.execute(
        "ALTER TABLE ccp_central_person ALTER COLUMN id RESTART WITH " + (people.size() + 1));
    jdbc.execute(
        "ALTER TABLE ccp_control_record ALTER COLUMN id RESTART WITH " + (people.size() + 1));
  }

  private static CentralPatientList open(DataSource database, boolean blocking) {
    CentralListRepository.SCHEMA.migrate(database);
    PseudonymRegistry.SCHEMA.migrate(database);
    return new CentralPatientList(
        new CentralListRepository(database),
        blocking ? new LshBlockingIndex(40, 5, 5) : null,
        ControlNumberMatcher.withDefaults(),
        new PseudonymRegistry(database, new PseudonymGenerator()::next, Clock.systemUTC()),
        Duration.ofMinutes(5),
        Clock.systemUTC());
  }

  /** A file database, so that the list's memory is not mixed with the database's. */
  private static DataSource database(Path dir) {
    return new DriverManagerDataSource(
        "jdbc:h2:file:" + dir.resolve("central") + ";DB_CLOSE_DELAY=-1", "sa", "");
  }

  private static long usedHeap() {
    for (int i = 0; i < 3; i++) {
      System.gc();
    }
    Runtime runtime = Runtime.getRuntime();
    return runtime.totalMemory() - runtime.freeMemory();
  }

  private static long rss() {
    try {
      for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
        if (line.startsWith("VmRSS:")) {
          return Long.parseLong(line.replaceAll("\\D", "")) * 1024;
        }
      }
    } catch (java.io.IOException e) {
      // not Linux
    }
    return 0;
  }

  private static double percentile(double[] sorted, int p) {
    return sorted[Math.min(sorted.length - 1, (int) Math.ceil(p / 100.0 * sorted.length) - 1)];
  }

  private static void print(String name, double[] millis) {
    System.out.printf(
        "%-30s requests=%d p50=%.2f ms p95=%.2f ms%n",
        name, millis.length, percentile(millis, 50), percentile(millis, 95));
  }
}
