package org.ccpfhir.bench.linkage;

import java.security.SecureRandom;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Base64;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import javax.sql.DataSource;
import org.ccpfhir.identity.idat.Idat;
import org.ccpfhir.identity.idat.IdatField;
import org.ccpfhir.identity.idat.NameNormalizer;
import org.ccpfhir.identity.linkage.LinkageClass;
import org.ccpfhir.identity.local.BlockingKeys;
import org.ccpfhir.identity.local.EpiLinkMatcher;
import org.ccpfhir.identity.local.IdatCipher;
import org.ccpfhir.identity.local.LocalPatientList;
import org.ccpfhir.identity.local.LocalPatientRepository;
import org.ccpfhir.identity.pseudonym.PseudonymGenerator;
import org.ccpfhir.identity.pseudonym.PseudonymRegistry;
import org.ccpfhir.synthetic.identity.Corruptor;
import org.ccpfhir.synthetic.identity.IdentityGenerator;
import org.ccpfhir.synthetic.identity.SyntheticIdentity;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

/**
 * Linkage quality and speed of the local patient list: N German-style people are pseudonymized,
 * then one corrupted copy of each (standard corruption mix); a copy that gets its person's
 * pseudonym is a true match, another person's a false match, a possible match goes to review, a new
 * pseudonym is a miss. The baseline, in the same run, is exact matching on normalised first name,
 * last name and birth date.
 *
 * <p>Usage: {@code LinkageBench [--people N] [--seed S]}
 */
public final class LinkageBench {

  private LinkageBench() {}

  public static void main(String[] args) {
    int people = 10_000;
    long seed = 1;
    for (int i = 0; i + 1 < args.length; i += 2) {
      switch (args[i]) {
        case "--people" -> people = Integer.parseInt(args[i + 1]);
        case "--seed" -> seed = Long.parseLong(args[i + 1]);
        default -> throw new IllegalArgumentException("unknown option " + args[i]);
      }
    }
    List<SyntheticIdentity> originals = new IdentityGenerator(seed).people(people);
    Corruptor corruptor = new Corruptor(seed + 1);
    List<SyntheticIdentity> copies = new ArrayList<>(people);
    originals.forEach(p -> copies.add(corruptor.corrupt(p)));
    System.out.printf("people=%d copies=%d seed=%d%n", people, copies.size(), seed);
    Score epilink = epiLink(originals, copies);
    Score exact = exact(originals, copies);
    epilink.print("local patient list (EpiLink, blocking)");
    exact.print("baseline (exact first+last+birth date)");
    System.out.printf(
        "ratio F1 local/baseline: %.2f; throughput local/baseline: %.3f%n",
        epilink.f1() / Math.max(exact.f1(), 1e-9), epilink.perSecond() / exact.perSecond());
  }

  private static Score epiLink(List<SyntheticIdentity> originals, List<SyntheticIdentity> copies) {
    DataSource dataSource =
        new DriverManagerDataSource(
            "jdbc:h2:mem:" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1;MODE=LEGACY", "sa", "");
    LocalPatientRepository.SCHEMA.migrate(dataSource);
    PseudonymRegistry.SCHEMA.migrate(dataSource);
    byte[] key = new byte[32];
    new SecureRandom().nextBytes(key);
    LocalPatientList list =
        new LocalPatientList(
            new LocalPatientRepository(dataSource),
            new IdatCipher(Base64.getEncoder().encodeToString(key)),
            new BlockingKeys(key),
            new EpiLinkMatcher(0.95, 0.80),
            new PseudonymRegistry(dataSource, new PseudonymGenerator()::next, Clock.systemUTC()),
            "BK-XX-L",
            Clock.systemUTC());
    Score score = new Score();
    Map<Long, String> idOf = new HashMap<>();
    long start = System.nanoTime();
    for (SyntheticIdentity person : originals) {
      LocalPatientList.Outcome outcome = list.pseudonymize(record(person));
      if (outcome.classification() == LinkageClass.MATCH) {
        score.falseMatches++; // a new person merged into someone else
      }
      idOf.put(person.personId(), outcome.bkLocalId());
    }
    for (SyntheticIdentity copy : copies) {
      LocalPatientList.Outcome outcome = list.pseudonymize(record(copy));
      boolean same = outcome.bkLocalId().equals(idOf.get(copy.personId()));
      switch (outcome.classification()) {
        case MATCH -> {
          if (same) {
            score.trueMatches++;
          } else {
            score.falseMatches++;
          }
        }
        case POSSIBLE_MATCH -> score.reviews++;
        case NON_MATCH -> score.misses++;
      }
    }
    score.seconds = (System.nanoTime() - start) / 1e9;
    score.requests = originals.size() + copies.size();
    return score;
  }

  private static Score exact(List<SyntheticIdentity> originals, List<SyntheticIdentity> copies) {
    Score score = new Score();
    Map<String, Long> byKey = new HashMap<>();
    long start = System.nanoTime();
    for (SyntheticIdentity person : originals) {
      Long previous = byKey.putIfAbsent(exactKey(person), person.personId());
      if (previous != null) {
        score.falseMatches++;
      }
    }
    for (SyntheticIdentity copy : copies) {
      Long found = byKey.get(exactKey(copy));
      if (found == null) {
        score.misses++;
      } else if (found == copy.personId()) {
        score.trueMatches++;
      } else {
        score.falseMatches++;
      }
    }
    score.seconds = (System.nanoTime() - start) / 1e9;
    score.requests = originals.size() + copies.size();
    return score;
  }

  private static String exactKey(SyntheticIdentity p) {
    return norm(p.firstName()) + "|" + norm(p.lastName()) + "|" + p.birthDate();
  }

  private static String norm(String name) {
    return name == null ? "" : NameNormalizer.normalize(name);
  }

  static Idat record(SyntheticIdentity p) {
    Map<IdatField, String> fields = new EnumMap<>(IdatField.class);
    if (p.firstName() != null) {
      fields.put(IdatField.FIRST_NAME, norm(p.firstName()));
    }
    if (p.lastName() != null) {
      fields.put(IdatField.LAST_NAME, norm(p.lastName()));
    }
    if (p.birthDate() != null) {
      fields.put(IdatField.BIRTH_DAY, String.valueOf(p.birthDate().getDayOfMonth()));
      fields.put(IdatField.BIRTH_MONTH, String.valueOf(p.birthDate().getMonthValue()));
      fields.put(IdatField.BIRTH_YEAR, String.valueOf(p.birthDate().getYear()));
    }
    if (p.sex() != null) {
      fields.put(IdatField.SEX, p.sex());
    }
    return new Idat(fields, p.formerNames().stream().map(LinkageBench::norm).toList());
  }

  /** Counts of one linkage run. */
  static final class Score {
    long trueMatches;
    long falseMatches;
    long reviews;
    long misses;
    double seconds;
    long requests;

    double precision() {
      return trueMatches / (double) Math.max(1, trueMatches + falseMatches);
    }

    double recall() {
      return trueMatches / (double) Math.max(1, trueMatches + reviews + misses);
    }

    double f1() {
      double p = precision();
      double r = recall();
      return p + r == 0 ? 0 : 2 * p * r / (p + r);
    }

    double perSecond() {
      return requests / Math.max(seconds, 1e-9);
    }

    void print(String name) {
      System.out.printf(
          "%-42s precision=%.4f recall=%.4f F1=%.4f false_matches=%d review_share=%.4f"
              + " misses=%d requests/s=%.0f%n",
          name,
          precision(),
          recall(),
          f1(),
          falseMatches,
          reviews / (double) Math.max(1, trueMatches + reviews + misses),
          misses,
          perSecond());
    }
  }
}
