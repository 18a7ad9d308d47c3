package org.ccpfhir.mdssearch.bench;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentSkipListSet;
import java.util.stream.IntStream;
import org.ccpfhir.mdssearch.count.CountEngine;
import org.ccpfhir.mdssearch.count.CountIndex;
import org.ccpfhir.mdssearch.count.Criteria;
import org.ccpfhir.mdssearch.count.CriteriaParser;
import org.ccpfhir.mdssearch.count.SearchCatalog;
import org.ccpfhir.mdssearch.count.Stratifier;
import org.ccpfhir.mdssearch.store.PatientFacts;
import org.ccpfhir.mdssearch.store.PatientFactsExtractor;
import org.ccpfhir.mdssearch.store.StoredFacts;
import org.ccpfhir.synthetic.EntryMode;
import org.ccpfhir.synthetic.SyntheticPatientGenerator;

/**
 * The count benchmark (bench/count.sh): synthetic patients of 8 sites into the count engine, the 20
 * fixed queries, p50/p95 plain and stratified, index memory; optionally the same queries as HAPI
 * JPA {@code _summary=count} searches on the same patients loaded into a plain HAPI JPA server.
 */
public final class CountBenchmark {

  static final List<List<Stratifier>> STRATIFIED =
      List.of(
          List.of(Stratifier.AGE_AT_DIAGNOSIS, Stratifier.SEX, Stratifier.SITE),
          List.of(Stratifier.AGE_AT_DIAGNOSIS),
          List.of(Stratifier.SEX),
          List.of(Stratifier.SITE),
          List.of(Stratifier.VITAL_STATUS));

  private final SearchCatalog catalog = new SearchCatalog();
  private final Map<String, String> options;
  private final List<String> sites;
  private final long seed;
  private final int reps;
  // the record sample of the disclosure policy (README "Trackers over different sets"); 1 = off
  private final double samplingRate;
  private final Set<String> codes = new ConcurrentSkipListSet<>();

  private CountBenchmark(Map<String, String> options) {
    this.options = options;
    this.sites = List.of(options.getOrDefault("--sites", "HD,TUE,DD,MZ,FR,ESS,MUC,B").split(","));
    this.seed = Long.parseLong(options.getOrDefault("--seed", "42"));
    this.reps = Integer.parseInt(options.getOrDefault("--reps", "30"));
    this.samplingRate = Double.parseDouble(options.getOrDefault("--sampling-rate", "1"));
  }

  public static void main(String[] args) throws Exception {
    Map<String, String> options = new LinkedHashMap<>();
    for (int i = 0; i + 1 < args.length; i += 2) {
      options.put(args[i], args[i + 1]);
    }
    new CountBenchmark(options).run();
  }

  private void run() throws Exception {
    System.out.printf(
        Locale.ROOT,
        "count benchmark: sites %s, seed %d, %d repetitions per query, sampling rate %s; %d cores,"
            + " max heap %d MiB%n",
        sites,
        seed,
        reps,
        samplingRate,
        Runtime.getRuntime().availableProcessors(),
        Runtime.getRuntime().maxMemory() >> 20);
    if (options.containsKey("--baseline-url")) {
      int patients = Integer.parseInt(options.getOrDefault("--baseline-patients", "2000"));
      CountEngine engine = new CountEngine(build(patients));
      new BaselineComparison(catalog, engine, new HapiCounter(options.get("--baseline-url")), reps)
          .run(patients, codes);
    }
    if (options.containsKey("--store-url")) {
      new StoreTimer(options.get("--store-url"), sites, seed)
          .run(Integer.parseInt(options.getOrDefault("--store-patients", "100000")));
    }
    for (String size : options.getOrDefault("--sizes", "100000,1000000").split(",")) {
      measure(Integer.parseInt(size.trim()));
    }
  }

  private void measure(int patients) {
    System.gc();
    long before = usedHeap();
    long start = System.nanoTime();
    CountIndex index = build(patients);
    double seconds = (System.nanoTime() - start) / 1e9;
    System.gc();
    long heap = usedHeap() - before;
    CountEngine engine = new CountEngine(index);
    System.out.printf(
        Locale.ROOT,
        "%n== count engine, %,d patients (%d sites)%n"
            + "generate + extract + index: %.1f s (%,.0f patients/s); bitmaps %.1f MiB,"
            + " heap held by the index %.1f MiB => %.1f MiB bitmaps / %.1f MiB heap per million"
            + " patients%n",
        patients,
        sites.size(),
        seconds,
        patients / seconds,
        index.sizeInBytes() / 1048576.0,
        heap / 1048576.0,
        index.sizeInBytes() / 1048576.0 * 1_000_000 / patients,
        heap / 1048576.0 * 1_000_000 / patients);
    List<Double> plain = new ArrayList<>();
    List<Double> stratified = new ArrayList<>();
    List<Double> cross = new ArrayList<>();
    ReleaseTimer releases = new ReleaseTimer(samplingRate);
    System.out.printf(
        Locale.ROOT,
        "%-42s %9s %9s %9s %10s%n",
        "query",
        "patients",
        "plain_p50",
        "strat_p50",
        "axsxs_p50");
    for (BenchQuery query : BenchQuery.ALL) {
      List<Double> p = time(engine, query, List.of());
      List<Double> s = time(engine, query, STRATIFIED);
      List<Double> c = time(engine, query, STRATIFIED.subList(0, 1));
      plain.addAll(p);
      stratified.addAll(s);
      cross.addAll(c);
      releases.time(engine, CriteriaParser.parse(catalog, query.criteria()), STRATIFIED, reps);
      int count = engine.patients(CriteriaParser.parse(catalog, query.criteria()));
      System.out.printf(
          Locale.ROOT,
          "%-42s %9d %9.2f %9.2f %10.2f%n",
          query.name(),
          count,
          Percentiles.of(p, 50),
          Percentiles.of(s, 50),
          Percentiles.of(c, 50));
    }
    System.out.printf(
        Locale.ROOT,
        "ALL %,d patients: plain p50 %.2f ms p95 %.2f ms | stratified (age x sex x site cross + 4"
            + " marginals) p50 %.2f ms p95 %.2f ms | age x sex x site only p50 %.2f ms p95 %.2f"
            + " ms (target p50 <= 50 ms)%n",
        patients,
        Percentiles.of(plain, 50),
        Percentiles.of(plain, 95),
        Percentiles.of(stratified, 50),
        Percentiles.of(stratified, 95),
        Percentiles.of(cross, 50),
        Percentiles.of(cross, 95));
    releases.print(patients);
  }

  List<Double> time(CountEngine engine, BenchQuery query, List<List<Stratifier>> strata) {
    List<Double> millis = new ArrayList<>();
    for (int i = 0; i < reps + 3; i++) {
      long start = System.nanoTime();
      Criteria criteria = CriteriaParser.parse(catalog, query.criteria());
      engine.count(criteria, strata);
      if (i >= 3) {
        millis.add((System.nanoTime() - start) / 1e6);
      }
    }
    return millis;
  }

  /** Patients 0..n/sites-1 of every site, as GenerateCli writes them (PUT mode, same seed). */
  private CountIndex build(int patients) {
    CountIndex index = new CountIndex(samplingRate);
    int perSite = patients / sites.size();
    IntStream.range(0, sites.size())
        .parallel()
        .forEach(
            s -> {
              SyntheticPatientGenerator generator =
                  new SyntheticPatientGenerator(seed, sites.get(s), EntryMode.PUT, false);
              PatientFactsExtractor extractor = new PatientFactsExtractor();
              java.util.SplittableRandom keys = new java.util.SplittableRandom(seed + s);
              for (int i = 0; i < perSite; i++) {
                PatientFacts facts = extractor.extract(generator.patient(i));
                if (patients <= 10_000) {
                  facts.tokens().stream()
                      .filter(t -> t.startsWith("Condition."))
                      .forEach(codes::add);
                }
                // record keys as the store draws them: uniform over all int values
                index.add(new StoredFacts(s * perSite + i, sites.get(s), facts, keys.nextInt()));
              }
            });
    index.optimize();
    return index;
  }

  private static long usedHeap() {
    Runtime runtime = Runtime.getRuntime();
    return runtime.totalMemory() - runtime.freeMemory();
  }

  static Set<String> sorted(Set<String> values) {
    return new TreeSet<>(values);
  }
}
