package org.ccpfhir.synthetic;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.UUID;
import org.ccpfhir.mappers.fhir.ResourceIds;
import org.hl7.fhir.r4.model.Identifier;

/**
 * Names of one patient's resources. The mappers' builders name every resource by parts (patient
 * key, kind, tumour and report keys); here those parts become readable suffixes ("" for the
 * Patient, "dx", "tnmp", "fu2-local", …): the logical id is {@code <site>-<index>[-<suffix>]}, the
 * POST-mode fullUrl a name-based {@code urn:uuid} of it.
 */
final class PatientIds {

  static final String CCP = "https://ccp-fhir.org/fhir";

  private final long seed;
  private final SiteProfile site;
  private final String base;
  private final String pseudonym;
  private final List<String> metastasisSites;

  PatientIds(
      long seed, SiteProfile site, int index, String pseudonym, List<String> metastasisSites) {
    this.seed = seed;
    this.site = site;
    this.base = site.idPrefix() + "-" + index;
    this.pseudonym = pseudonym;
    this.metastasisSites = metastasisSites;
  }

  /** The patient's key in the record and its Patient's logical id, e.g. {@code hd-17}. */
  String base() {
    return base;
  }

  String pseudonym() {
    return pseudonym;
  }

  String pseudonymSystem() {
    return CCP + "/sid/BK-" + site.code() + "-L";
  }

  /** Sample keys carry the pseudonym: they are the Specimens' identifiers across the population. */
  String sampleKey(int i) {
    return pseudonym + "-spec" + (i + 1);
  }

  /** The id scheme handed to the builders: readable ids instead of the keyed ones of imports. */
  ResourceIds resourceIds() {
    return ResourceIds.named(site.code(), this::name);
  }

  private String name(String[] parts) {
    String kind = parts[1];
    String last = parts[parts.length - 1];
    String suffix =
        switch (kind) {
          case "Patient" -> "";
          case "Condition" -> "dx";
          case "hist", "grading", "tnmc", "tnmp", "vital", "op", "st" -> kind;
          case "syst", "fu" -> last; // keys sys1, fu1 (CaseRecords)
          case "fu-overall", "fu-local", "fu-ln", "fu-met" -> last + kind.substring(2);
          case "spec" -> last.substring(pseudonym.length() + 1);
          case "fm" -> "fm" + (metastasisSites.indexOf(parts[3]) + 1);
          default -> throw new IllegalStateException("no readable id for kind " + kind);
        };
    return suffix.isEmpty() ? base : base + "-" + suffix;
  }

  /**
   * Business identifier of a resource without one of its own. Built on the pseudonym rather than
   * the index so that two populations generated with different seeds never share identifiers.
   */
  Identifier identifier(String logicalId) {
    return new Identifier()
        .setSystem(CCP + "/sid/" + site.idPrefix() + "-resource")
        .setValue(pseudonym + logicalId.substring(base.length()));
  }

  /** The {@code urn:uuid} of a resource in POST mode; stable for (seed, site, logical id). */
  String urn(String logicalId) {
    String name = "ccp-synthetic:" + seed + ":" + site.code() + ":" + logicalId;
    return "urn:uuid:" + UUID.nameUUIDFromBytes(name.getBytes(StandardCharsets.UTF_8));
  }
}
