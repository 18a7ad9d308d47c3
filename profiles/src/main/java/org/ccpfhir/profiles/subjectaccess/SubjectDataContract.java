package org.ccpfhir.profiles.subjectaccess;

/**
 * Wire contract of an access request's question to the MDS database (CCP-IT §6.3,
 * OperationDefinition {@code mds-subject-data}): {@code POST [mds]/fhir/$mds-subject-data} over
 * mutual TLS with a bridgehead certificate, a Parameters with {@value #CASE_NUMBER} (the site's
 * non-speaking case number) and one or more {@value #PSEUDONYM} parts — the patient's MDS
 * pseudonyms as CMS envelopes for the MDS database, exactly as the upload sends them. The answer
 * repeats the case number and holds one {@value #RECORD} per stored record of the calling site
 * ({@value #KIND}, {@value #UPDATED}, {@value #BUNDLE}); it never names a pseudonym or a BK-ID.
 */
public final class SubjectDataContract {

  public static final String OPERATION = "$mds-subject-data";
  public static final String CASE_NUMBER = "caseNumber";
  public static final String PSEUDONYM = "pseudonym";
  public static final String SITE = "site";
  public static final String RECORD = "record";
  public static final String KIND = "kind";
  public static final String UPDATED = "updated";
  public static final String BUNDLE = "bundle";

  /** Record kinds: under the person's MDS*G-ID, or under the site's own local pseudonym. */
  public static final String GLOBAL = "global";

  public static final String LOCAL = "local";

  /** Case numbers: {@code AR-} and 16 characters of the RFC 4648 base32 alphabet (80 bits). */
  public static final String CASE_NUMBER_PATTERN = "AR-[A-Z2-7]{16}";

  private SubjectDataContract() {}
}
