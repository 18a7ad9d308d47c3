package org.ccpfhir.synthetic;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * One tumour entity of the synthetic catalogue: which ICD-10-GM codes it uses, who gets it, how it
 * is staged and treated, and how often it is fatal. Probabilities indexed by stage are for UICC
 * stage groups I..IV (index 0..3).
 */
final class TumorEntity {

  /** One ICD-10-GM code with its ICD-O-3 topography; morphologies override the entity's list. */
  record Site(
      String icd10,
      String topography,
      double weight,
      boolean paired,
      List<Weighted<String>> morphologies) {}

  /** A systemic therapy regimen; {@code atc} only for single substances with a stable ATC code. */
  record Regimen(String text, String atc) {}

  enum Grading {
    SOLID,
    BRAIN,
    LYMPHOMA,
    NONE
  }

  final String key;
  final double weight;
  final List<Weighted<Site>> sites;
  final double maleShare;
  final double ageMean;
  final double ageSd;
  final List<Weighted<String>> morphologies;
  final Grading grading;
  final StagingScheme staging;
  final double[] stageWeights;
  final double fatality;
  final double medianSurvivalYears;
  final double[] op;
  final double[] rt;
  final double[] chemo;
  final double[] hormone;
  final double[] immuno;
  final double targeted;
  final double stemCell;
  final double neoadjuvant;
  final List<String> metastasisSites;
  final List<String> opsCodes;
  final List<Regimen> chemoRegimens;
  final List<Regimen> hormoneRegimens;
  final List<Regimen> immunoRegimens;
  final List<Regimen> targetedRegimens;

  private TumorEntity(Builder b) {
    this.key = b.key;
    this.weight = b.weight;
    this.sites = List.copyOf(b.sites);
    this.maleShare = b.maleShare;
    this.ageMean = b.ageMean;
    this.ageSd = b.ageSd;
    this.morphologies = List.copyOf(b.morphologies);
    this.grading = b.grading;
    this.staging = b.staging;
    this.stageWeights = b.stageWeights;
    this.fatality = b.fatality;
    this.medianSurvivalYears = b.medianSurvivalYears;
    this.op = b.op;
    this.rt = b.rt;
    this.chemo = b.chemo;
    this.hormone = b.hormone;
    this.immuno = b.immuno;
    this.targeted = b.targeted;
    this.stemCell = b.stemCell;
    this.neoadjuvant = b.neoadjuvant;
    this.metastasisSites = List.copyOf(b.metastasisSites);
    this.opsCodes = List.copyOf(b.opsCodes);
    this.chemoRegimens = List.copyOf(b.chemoRegimens);
    this.hormoneRegimens = List.copyOf(b.hormoneRegimens);
    this.immunoRegimens = List.copyOf(b.immunoRegimens);
    this.targetedRegimens = List.copyOf(b.targetedRegimens);
  }

  boolean isTnmStaged() {
    return staging != StagingScheme.NONE;
  }

  static Builder builder(String key, double weight) {
    return new Builder(key, weight);
  }

  static final class Builder {
    private final String key;
    private final double weight;
    private final List<Weighted<Site>> sites = new ArrayList<>();
    private double maleShare = 0.5;
    private double ageMean = 65;
    private double ageSd = 12;
    private final List<Weighted<String>> morphologies = new ArrayList<>();
    private Grading grading = Grading.SOLID;
    private StagingScheme staging = StagingScheme.GENERIC;
    private double[] stageWeights = {0.3, 0.3, 0.2, 0.2};
    private double fatality = 0.3;
    private double medianSurvivalYears = 2;
    private double[] op = stages(0.85, 0.8, 0.6, 0.15);
    private double[] rt = stages(0.2);
    private double[] chemo = stages(0.1, 0.35, 0.7, 0.7);
    private double[] hormone = stages(0);
    private double[] immuno = stages(0);
    private double targeted;
    private double stemCell;
    private double neoadjuvant;
    private final List<String> metastasisSites = new ArrayList<>(List.of("HEP", "PUL", "OSS"));
    private final List<String> opsCodes = new ArrayList<>();
    private final List<Regimen> chemoRegimens = new ArrayList<>();
    private final List<Regimen> hormoneRegimens = new ArrayList<>();
    private final List<Regimen> immunoRegimens = new ArrayList<>();
    private final List<Regimen> targetedRegimens = new ArrayList<>();

    private Builder(String key, double weight) {
      this.key = key;
      this.weight = weight;
    }

    private static double[] stages(double... p) {
      return p.length == 1 ? new double[] {p[0], p[0], p[0], p[0]} : Arrays.copyOf(p, 4);
    }

    Builder site(String icd10, String topography, double w) {
      sites.add(Weighted.of(new Site(icd10, topography, w, false, List.of()), w));
      return this;
    }

    Builder pairedSite(String icd10, String topography, double w) {
      sites.add(Weighted.of(new Site(icd10, topography, w, true, List.of()), w));
      return this;
    }

    /** A site with its own morphologies, as pairs of code and weight: "9823/3", 1.0, … */
    Builder site(String icd10, String topography, double w, Object... morphs) {
      List<Weighted<String>> own = new ArrayList<>();
      for (int i = 0; i < morphs.length; i += 2) {
        own.add(Weighted.of((String) morphs[i], ((Number) morphs[i + 1]).doubleValue()));
      }
      sites.add(Weighted.of(new Site(icd10, topography, w, false, own), w));
      return this;
    }

    Builder male(double share) {
      this.maleShare = share;
      return this;
    }

    Builder age(double mean, double sd) {
      this.ageMean = mean;
      this.ageSd = sd;
      return this;
    }

    Builder morph(String code, double w) {
      morphologies.add(Weighted.of(code, w));
      return this;
    }

    Builder grading(Grading g) {
      this.grading = g;
      return this;
    }

    Builder staging(StagingScheme scheme, double i, double ii, double iii, double iv) {
      this.staging = scheme;
      this.stageWeights = new double[] {i, ii, iii, iv};
      return this;
    }

    Builder fatal(double share, double medianYears) {
      this.fatality = share;
      this.medianSurvivalYears = medianYears;
      return this;
    }

    Builder op(double... p) {
      this.op = stages(p);
      return this;
    }

    Builder rt(double... p) {
      this.rt = stages(p);
      return this;
    }

    Builder chemo(double... p) {
      this.chemo = stages(p);
      return this;
    }

    Builder hormone(double... p) {
      this.hormone = stages(p);
      return this;
    }

    Builder immuno(double... p) {
      this.immuno = stages(p);
      return this;
    }

    Builder targeted(double p) {
      this.targeted = p;
      return this;
    }

    Builder stemCell(double p) {
      this.stemCell = p;
      return this;
    }

    Builder neoadjuvant(double p) {
      this.neoadjuvant = p;
      return this;
    }

    Builder metastases(String... codes) {
      metastasisSites.clear();
      metastasisSites.addAll(List.of(codes));
      return this;
    }

    Builder ops(String... codes) {
      opsCodes.addAll(List.of(codes));
      return this;
    }

    Builder chemoRegimen(String text, String atc) {
      chemoRegimens.add(new Regimen(text, atc));
      return this;
    }

    Builder hormoneRegimen(String text, String atc) {
      hormoneRegimens.add(new Regimen(text, atc));
      return this;
    }

    Builder immunoRegimen(String text) {
      immunoRegimens.add(new Regimen(text, null));
      return this;
    }

    Builder targetedRegimen(String text) {
      targetedRegimens.add(new Regimen(text, null));
      return this;
    }

    TumorEntity build() {
      if (sites.isEmpty()) {
        throw new IllegalStateException(key + " has no ICD-10 site");
      }
      return new TumorEntity(this);
    }
  }
}
