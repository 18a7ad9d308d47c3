package org.ccpfhir.bench.loader;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;

/**
 * The {@code samples} command: a biobank's samples as the bridgehead's sample management stores
 * them (fhir-bridgehead README "Sample management": profile {@code mds-specimen}, type of the
 * SampleMaterialType CodeSystem, biobank status extension, storage location freezer / rack / box /
 * position on {@code container[0]}, volume or amount in UCUM, aliquots by {@code parent}), with
 * their patients, as FHIR transaction bundles (PUT, so a re-sent bundle updates), plus the page's
 * searches over them ({@code queries.tsv}).
 *
 * <p>Each patient carries a treating unit ({@code meta.security}), alternately {@code ONC} and
 * {@code SURG}, so that a unit-scoped biobank user sees half of the samples. Storage positions are
 * filled in order (freezer F01 rack R01 box B01 A1, A2, ...; 9 x 9 positions a box, 10 boxes a
 * rack, 10 racks a freezer), one sample a position: no sample is refused as occupying a taken
 * position, and a freezer holds the samples of one stretch of the load, as a real freezer fills
 * over time.
 */
final class SampleData {

  static final String UNIT_SYSTEM = "https://ccp-fhir.org/fhir/CodeSystem/treating-unit";
  static final String TYPE_SYSTEM = "https://fhir.bbmri.de/CodeSystem/SampleMaterialType";
  private static final String SD = "https://ccp-fhir.org/fhir/StructureDefinition/";
  private static final String PSEUDONYMS = "https://ccp-fhir.org/fhir/sid/pseudonym/BK-HD-L";
  private static final String SAMPLE_IDS = "https://ccp-fhir.org/fhir/sid/HD-sample";
  private static final String UCUM = "http://unitsofmeasure.org";

  /** Sample types by relative frequency (liquid samples dominate a tumour biobank). */
  private static final List<Weighted> TYPES =
      List.of(
          new Weighted("plasma-edta", 25),
          new Weighted("blood-serum", 20),
          new Weighted("whole-blood", 10),
          new Weighted("buffy-coat", 5),
          new Weighted("urine", 8),
          new Weighted("tumor-tissue-frozen", 8),
          new Weighted("normal-tissue-frozen", 5),
          new Weighted("tumor-tissue-ffpe", 6),
          new Weighted("dna", 6),
          new Weighted("rna", 4),
          new Weighted("csf-liquor", 2),
          new Weighted("bone-marrow", 1));

  private static final List<Weighted> STATUSES =
      List.of(
          new Weighted("available", 70),
          new Weighted("reserved", 10),
          new Weighted("used-up", 15),
          new Weighted("destroyed", 5));

  private static final int POSITIONS_PER_BOX = 81;
  private static final int BOXES_PER_RACK = 10;
  private static final int RACKS_PER_FREEZER = 10;
  private static final int PER_FREEZER = POSITIONS_PER_BOX * BOXES_PER_RACK * RACKS_PER_FREEZER;

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

  private record Weighted(String code, int weight) {}

  private final int samples;
  private final int patients;
  private final int perBundle;
  private final Random random;

  private SampleData(int samples, int patients, int perBundle, long seed) {
    if (samples < 1 || patients < 1 || patients > samples || perBundle < 1) {
      throw new IllegalArgumentException("need 1 <= --patients <= --samples and --per-bundle >= 1");
    }
    this.samples = samples;
    this.patients = patients;
    this.perBundle = perBundle;
    this.random = new Random(seed);
  }

  /**
   * {@code samples --samples N --patients P --per-bundle B --seed S [--sort S] --out DIR}: writes
   * {@code DIR/bundles/*.json} and {@code DIR/queries.tsv}; returns the exit code.
   */
  static int run(String[] args, PrintStream out) throws IOException {
    int samples = 100_000;
    int patients = -1;
    int perBundle = 20;
    long seed = 42;
    String sort = "-_pid";
    Path dir = null;
    for (int i = 0; i + 1 < args.length; i += 2) {
      switch (args[i]) {
        case "--samples" -> samples = Integer.parseInt(args[i + 1]);
        case "--patients" -> patients = Integer.parseInt(args[i + 1]);
        case "--per-bundle" -> perBundle = Integer.parseInt(args[i + 1]);
        case "--seed" -> seed = Long.parseLong(args[i + 1]);
        case "--sort" -> sort = args[i + 1];
        case "--out" -> dir = Path.of(args[i + 1]);
        default -> throw new IllegalArgumentException("unknown option " + args[i]);
      }
    }
    if (dir == null || args.length % 2 != 0) {
      throw new IllegalArgumentException("--out DIR is required (options take one value each)");
    }
    SampleData data =
        new SampleData(
            samples, patients < 0 ? Math.max(1, samples / 5) : patients, perBundle, seed);
    int files = data.write(dir.resolve("bundles"));
    writeQueries(dir.resolve("queries.tsv"), data.samples, sort);
    out.printf(
        Locale.ROOT,
        "generated %d samples of %d patients in %d bundles (%s)%n",
        data.samples,
        data.patients,
        files,
        dir);
    return 0;
  }

  private int write(Path bundles) throws IOException {
    Files.createDirectories(bundles);
    int file = 0;
    int sample = 0;
    ObjectNode bundle = null;
    for (int p = 0; p < patients; p++) {
      if (p % perBundle == 0) {
        if (bundle != null) {
          save(bundles, ++file, bundle);
        }
        bundle = transaction();
      }
      String unit = p % 2 == 0 ? "ONC" : "SURG";
      String patientId = String.format(Locale.ROOT, "bsp%07d", p);
      String pseudonym = String.format(Locale.ROOT, "BKHDLB%07d", p);
      add(bundle, "Patient", patientId, patient(patientId, pseudonym, unit));
      // the patient's share of the samples, in groups of a primary sample and 0-3 aliquots
      int quota = (int) ((long) (p + 1) * samples / patients - (long) p * samples / patients);
      while (quota > 0) {
        String type = draw(TYPES);
        String parent = null;
        int aliquots = Math.min(quota - 1, random.nextInt(4));
        LocalDate collected = LocalDate.of(2012, 1, 1).plusDays(random.nextInt(5448));
        for (int a = 0; a <= aliquots; a++) {
          String id = String.format(Locale.ROOT, "bss%07d", sample);
          String status = draw(STATUSES);
          add(
              bundle,
              "Specimen",
              id,
              specimen(id, sample, type, status, patientId, pseudonym, parent, collected));
          sample++;
          quota--;
          if (a == 0) {
            parent = id;
          }
        }
      }
    }
    save(bundles, ++file, bundle);
    return file;
  }

  private static ObjectNode transaction() {
    ObjectNode bundle = NODES.objectNode();
    bundle.put("resourceType", "Bundle");
    bundle.put("type", "transaction");
    bundle.putArray("entry");
    return bundle;
  }

  private static void add(ObjectNode bundle, String type, String id, ObjectNode resource) {
    ObjectNode entry = ((ArrayNode) bundle.get("entry")).addObject();
    entry.put("fullUrl", type + "/" + id);
    entry.set("resource", resource);
    entry.putObject("request").put("method", "PUT").put("url", type + "/" + id);
  }

  private static void save(Path dir, int n, ObjectNode bundle) throws IOException {
    JSON.writeValue(dir.resolve(String.format(Locale.ROOT, "%06d.json", n)).toFile(), bundle);
  }

  private static ObjectNode patient(String id, String pseudonym, String unit) {
    ObjectNode p = NODES.objectNode();
    p.put("resourceType", "Patient");
    p.put("id", id);
    ObjectNode meta = p.putObject("meta");
    meta.putArray("profile").add(SD + "mds-patient");
    meta.putArray("security").addObject().put("system", UNIT_SYSTEM).put("code", unit);
    ObjectNode identifier = p.putArray("identifier").addObject();
    identifier
        .putObject("type")
        .putArray("coding")
        .addObject()
        .put("system", "http://dktk.dkfz.de/fhir/onco/core/CodeSystem/PseudonymArtCS")
        .put("code", "Lokal");
    identifier.put("system", PSEUDONYMS).put("value", pseudonym);
    p.put("gender", id.hashCode() % 2 == 0 ? "female" : "male");
    p.put(
        "birthDate",
        String.format(
            Locale.ROOT,
            "19%02d-%02d",
            30 + Math.floorMod(id.hashCode(), 60),
            1 + Math.floorMod(id.hashCode(), 12)));
    return p;
  }

  /** As the page registers one (biobank.html), plus what it derives: status, subject reference. */
  private ObjectNode specimen(
      String id,
      int place,
      String type,
      String status,
      String patientId,
      String pseudonym,
      String parent,
      LocalDate collected) {
    ObjectNode s = NODES.objectNode();
    s.put("resourceType", "Specimen");
    s.put("id", id);
    s.putObject("meta").putArray("profile").add(SD + "mds-specimen");
    s.putArray("extension")
        .addObject()
        .put("url", SD + "ext-sample-status")
        .put("valueCode", status);
    s.putArray("identifier")
        .addObject()
        .put("system", SAMPLE_IDS)
        .put("value", String.format(Locale.ROOT, "HD-%07d", place));
    s.put(
        "status",
        status.equals("used-up") || status.equals("destroyed") ? "unavailable" : "available");
    s.putObject("type").putArray("coding").addObject().put("system", TYPE_SYSTEM).put("code", type);
    ObjectNode subject = s.putObject("subject");
    subject.put("reference", "Patient/" + patientId);
    subject.putObject("identifier").put("value", pseudonym);
    if (parent != null) {
      s.putArray("parent").addObject().put("reference", "Specimen/" + parent);
    }
    s.putObject("collection").put("collectedDateTime", collected.toString());
    ObjectNode container = s.putArray("container").addObject();
    ArrayNode location =
        container
            .putArray("extension")
            .addObject()
            .put("url", SD + "ext-storage-location")
            .putArray("extension");
    String[] parts = place(place);
    String[] names = {"freezer", "rack", "box", "position"};
    for (int i = 0; i < names.length; i++) {
      location.addObject().put("url", names[i]).put("valueString", parts[i]);
    }
    container.putArray("identifier").addObject().put("value", "TUBE-" + id);
    boolean tissue = type.contains("tissue");
    // aliquots take a small part of the parent, so that the parent's rest always suffices
    int amount = parent == null ? (tissue ? 50 + random.nextInt(150) : 2 + random.nextInt(9)) : 0;
    ObjectNode quantity = container.putObject("specimenQuantity");
    if (tissue) {
      quantity.put("value", parent == null ? amount : 10);
    } else {
      quantity.put("value", parent == null ? amount : 0.5);
    }
    String unit = tissue ? "mg" : "mL";
    quantity.put("unit", unit).put("system", UCUM).put("code", unit);
    return s;
  }

  /** Freezer, rack, box and position of the n-th place (filled in order). */
  static String[] place(int n) {
    int freezer = n / PER_FREEZER;
    int rack = n / (POSITIONS_PER_BOX * BOXES_PER_RACK) % RACKS_PER_FREEZER;
    int box = n / POSITIONS_PER_BOX % BOXES_PER_RACK;
    int position = n % POSITIONS_PER_BOX;
    return new String[] {
      String.format(Locale.ROOT, "F%02d", freezer + 1),
      String.format(Locale.ROOT, "R%02d", rack + 1),
      String.format(Locale.ROOT, "B%02d", box + 1),
      String.valueOf((char) ('A' + position / 9)) + (position % 9 + 1)
    };
  }

  private String draw(List<Weighted> choices) {
    int total = choices.stream().mapToInt(Weighted::weight).sum();
    int r = random.nextInt(total);
    for (Weighted w : choices) {
      r -= w.weight();
      if (r < 0) {
        return w.code();
      }
    }
    throw new IllegalStateException("unreachable");
  }

  /**
   * The searches of the sample page (biobank.html: filter by type, status, freezer / rack / box;
   * the first page of 100, newest first: {@code _sort=-_pid}, or the sort given), one a line: name
   * and query string. The line {@code baseline} is one sample by id.
   */
  private static void writeQueries(Path file, int samples, String sort) throws IOException {
    // the first freezer and a box in it: filled by the first bundles, so also after a load that
    // was stopped early (--stop-after-s); with the newest-first order of the page, the first
    // freezer's samples are the oldest, the farthest from the top of the list
    String[] box = place(Math.min(samples - 1, PER_FREEZER / 2));
    Map<String, String> queries = new LinkedHashMap<>();
    // one sample both users see (patient 0 is of unit ONC)
    queries.put("baseline", "_id=bss0000000");
    // several sorts (comma-separated): the page's queries once per sort, named name@sort from
    // the second on, to compare them in one run
    String[] sorts = sort.split(",", -1);
    for (int i = 0; i < sorts.length; i++) {
      String page = "&_count=100&_sort=" + sorts[i];
      String suffix = i == 0 ? "" : "@" + sorts[i];
      queries.put("list" + suffix, page.substring(1));
      queries.put("type" + suffix, "type=" + TYPE_SYSTEM + "|plasma-edta" + page);
      queries.put("status" + suffix, "sample-status=reserved" + page);
      queries.put("freezer" + suffix, "storage-freezer:exact=" + box[0] + page);
      queries.put(
          "box" + suffix,
          "storage-freezer:exact="
              + box[0]
              + "&storage-rack:exact="
              + box[1]
              + "&storage-box:exact="
              + box[2]
              + page);
      queries.put(
          "combined" + suffix,
          "type="
              + TYPE_SYSTEM
              + "|plasma-edta&sample-status=available&storage-freezer:exact="
              + box[0]
              + page);
    }
    try (PrintWriter w = new PrintWriter(Files.newBufferedWriter(file, StandardCharsets.UTF_8))) {
      queries.forEach((name, query) -> w.printf(Locale.ROOT, "%s\t%s%n", name, query));
    }
  }
}
