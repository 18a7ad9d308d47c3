package org.ccpfhir.synthetic;

import java.nio.charset.StandardCharsets;
import java.util.UUID;
import org.hl7.fhir.r4.model.Identifier;
import org.hl7.fhir.r4.model.Reference;

/**
 * Ids, business identifiers and references of one patient's resources. Every resource is named by a
 * suffix ("" for the Patient, "dx", "tnmp", "fu2-local", …): in PUT mode the logical id is {@code
 * <site>-<index>[-<suffix>]}, in POST mode the fullUrl is a name-based {@code urn:uuid}.
 */
final class PatientIds {

  private final long seed;
  private final SiteProfile site;
  private final int index;
  private final String pseudonym;
  private final EntryMode mode;

  PatientIds(long seed, SiteProfile site, int index, String pseudonym, EntryMode mode) {
    this.seed = seed;
    this.site = site;
    this.index = index;
    this.pseudonym = pseudonym;
    this.mode = mode;
  }

  EntryMode mode() {
    return mode;
  }

  /** Client id used in PUT mode, e.g. {@code hd-17-dx}. */
  String logicalId(String suffix) {
    String base = site.idPrefix() + "-" + index;
    return suffix.isEmpty() ? base : base + "-" + suffix;
  }

  String pseudonymSystem() {
    return Shapes.pseudonymSystem(site.code());
  }

  String pseudonym() {
    return pseudonym;
  }

  /**
   * Business identifier of a non-Patient resource. Built on the pseudonym rather than the index so
   * that two populations generated with different seeds never share identifiers.
   */
  Identifier identifier(String suffix) {
    return new Identifier()
        .setSystem(Shapes.resourceIdentifierSystem(site.idPrefix()))
        .setValue(pseudonym + "-" + suffix);
  }

  /** The {@code urn:uuid} of a resource in POST mode; stable for (seed, site, index, suffix). */
  String urn(String suffix) {
    String name = "ccp-synthetic:" + seed + ":" + site.code() + ":" + logicalId(suffix);
    return "urn:uuid:" + UUID.nameUUIDFromBytes(name.getBytes(StandardCharsets.UTF_8));
  }

  Reference ref(String resourceType, String suffix) {
    return new Reference(
        mode == EntryMode.PUT ? resourceType + "/" + logicalId(suffix) : urn(suffix));
  }

  Reference patient() {
    return ref("Patient", "");
  }

  Reference condition() {
    return ref("Condition", PatientResources.DIAGNOSIS);
  }
}
