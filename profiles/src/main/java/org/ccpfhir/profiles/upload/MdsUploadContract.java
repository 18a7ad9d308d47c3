package org.ccpfhir.profiles.upload;

/**
 * Wire contract of the upload from a bridgehead (Teiler) to the MDS database (OperationDefinition
 * {@code mds-upload}): {@code POST [mds]/fhir/$mds-upload} with a Parameters holding {@value
 * #ENVELOPE} — a CMS envelope (signed by the bridgehead, encrypted for the MDS database) around a
 * Parameters JSON with one {@value #ENTRY} per patient: {@value #PSEUDONYM} (the patient's MDS
 * pseudonym as a CMS envelope for the MDS database), {@value #ACTION} ({@value #UPSERT} or {@value
 * #DELETE}) and, for upserts, {@value #BUNDLE} (the minimised MDS bundle).
 */
public final class MdsUploadContract {

  public static final String OPERATION = "$mds-upload";
  public static final String ENVELOPE = "envelope";
  public static final String ENTRY = "entry";
  public static final String PSEUDONYM = "pseudonym";
  public static final String ACTION = "action";
  public static final String BUNDLE = "bundle";
  public static final String UPSERT = "upsert";
  public static final String DELETE = "delete";

  /** Answer parts: how many patients were stored and removed. */
  public static final String UPSERTED = "upserted";

  public static final String DELETED = "deleted";

  /**
   * Prefix of the MDS pseudonyms of locally consented patients (CCP-IT §3.4 b): the bridgehead
   * derives them itself (keyed hash of the BK-L-ID), so they are site-scoped and never a BK-ID. The
   * central list's MDS*G-IDs never contain a hyphen.
   */
  public static final String LOCAL_PREFIX = "L-";

  /** The re-encryption target of the MDS database at the central patient list. */
  public static final String REENCRYPT_TARGET = "mds-search";

  private MdsUploadContract() {}
}
