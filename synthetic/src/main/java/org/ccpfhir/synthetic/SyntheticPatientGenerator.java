package org.ccpfhir.synthetic;

import java.util.List;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.ccpfhir.mappers.fhir.PatientBundleBuilder;
import org.hl7.fhir.r4.model.Bundle;

/**
 * Deterministic generator of realistic oncology patients of one site as FHIR R4 transaction bundles
 * (one per patient) shaped like the DKTK onco-core / MDS profiles. The FHIR is written by the
 * mappers' {@link PatientBundleBuilder}, the same writer as for oBDS / ADT imports; this module
 * samples the cases and chooses ids and entry mode.
 *
 * <p>The same (seed, site, mode, withIdat, index) always yields the same bundle, independent of the
 * order in which patients are generated, the JVM and the current date.
 */
public final class SyntheticPatientGenerator {

  private final long seed;
  private final SiteProfile site;
  private final EntryMode mode;
  private final CaseSampler sampler;

  /**
   * @param seed base seed of the population
   * @param siteCode site code such as {@code HD}, {@code TUE}, {@code DD} (others use the base mix)
   * @param mode PUT with client ids or conditional POST with urn:uuid fullUrls
   * @param withIdat add name, exact birth date, address and telephone to the Patient (IDAT tests)
   */
  public SyntheticPatientGenerator(long seed, String siteCode, EntryMode mode, boolean withIdat) {
    if (mode == null) {
      throw new IllegalArgumentException("mode is required");
    }
    this.seed = seed;
    this.site = SiteProfile.of(siteCode);
    this.mode = mode;
    this.sampler = new CaseSampler(seed, site, withIdat);
  }

  public SiteProfile site() {
    return site;
  }

  /** The transaction bundle of patient {@code index} (0-based, non-negative). */
  public Bundle patient(int index) {
    if (index < 0) {
      throw new IllegalArgumentException("index must not be negative: " + index);
    }
    PatientCase c = sampler.sample(index);
    PatientIds ids = new PatientIds(seed, site, index, c.pseudonym(), c.metastasisSites());
    PatientBundleBuilder builder = new PatientBundleBuilder(ids.resourceIds());
    return Entries.transaction(ids, mode, builder.resources(CaseRecords.record(c, ids)));
  }

  /** Patients {@code from .. from+count-1}, lazily. */
  public Stream<Bundle> patients(int from, int count) {
    if (from < 0 || count < 0) {
      throw new IllegalArgumentException("from and count must not be negative");
    }
    return IntStream.range(from, from + count).mapToObj(this::patient);
  }

  /** The local pseudonym (BK-site-L value) of patient {@code index}. */
  public String pseudonym(int index) {
    return sampler.pseudonym(index);
  }

  /** One transaction bundle holding the entries of several patient bundles, in order. */
  public static Bundle merge(List<Bundle> bundles) {
    return Entries.merge(bundles);
  }
}
