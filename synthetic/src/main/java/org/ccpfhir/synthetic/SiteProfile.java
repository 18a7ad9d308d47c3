package org.ccpfhir.synthetic;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Per-site differences of the synthetic population: each centre has its own clinical focus, so the
 * entity mix is the catalogue's base weights times a site factor. Unknown sites use the base mix.
 */
public final class SiteProfile {

  private static final Map<String, Map<String, Double>> FACTORS =
      Map.of(
          // Heidelberg: strong neuro-oncology, haematology and pancreas surgery
          "HD",
          Map.of("brain", 1.6, "pancreas", 1.6, "nhl", 1.4, "myeloma", 1.8, "leukaemia", 1.3),
          // Tübingen: dermato-oncology, neuro-oncology, urology
          "TUE",
          Map.of("melanoma", 1.9, "brain", 1.3, "prostate", 1.2, "bladder", 1.2),
          // Dresden: uro-oncology, rectal cancer, lung
          "DD",
          Map.of("prostate", 1.3, "rectum", 1.4, "lung", 1.2, "pancreas", 1.2, "kidney", 1.2));

  private final String code;
  private final List<Weighted<TumorEntity>> entityMix;

  private SiteProfile(String code, List<Weighted<TumorEntity>> entityMix) {
    this.code = code;
    this.entityMix = entityMix;
  }

  /** The profile of a site code such as {@code HD}; case-insensitive. */
  public static SiteProfile of(String siteCode) {
    if (siteCode == null || !siteCode.matches("[A-Za-z0-9]{1,16}")) {
      throw new IllegalArgumentException("site code must be 1-16 letters or digits: " + siteCode);
    }
    String code = siteCode.toUpperCase(Locale.ROOT);
    Map<String, Double> factors = FACTORS.getOrDefault(code, Map.of());
    List<Weighted<TumorEntity>> mix = new ArrayList<>();
    for (TumorEntity entity : EntityCatalog.all()) {
      mix.add(Weighted.of(entity, entity.weight * factors.getOrDefault(entity.key, 1.0)));
    }
    return new SiteProfile(code, List.copyOf(mix));
  }

  /** Upper-case site code, e.g. {@code HD}. */
  public String code() {
    return code;
  }

  /** Lower-case site code used in client ids, e.g. {@code hd}. */
  public String idPrefix() {
    return code.toLowerCase(Locale.ROOT);
  }

  /** Expected share of an entity (by catalogue key, e.g. "breast") in this site's population. */
  public double expectedShare(String entityKey) {
    double total = 0;
    double part = 0;
    for (Weighted<TumorEntity> w : entityMix) {
      total += w.weight();
      if (w.value().key.equals(entityKey)) {
        part += w.weight();
      }
    }
    return part / total;
  }

  TumorEntity pickEntity(SeededRandom rng) {
    return rng.pickWeighted(entityMix);
  }
}
