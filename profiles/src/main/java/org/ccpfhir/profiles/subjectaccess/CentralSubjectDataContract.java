package org.ccpfhir.profiles.subjectaccess;

/**
 * Wire contract of an access request's question to the central patient list (CCP-IT §6.3,
 * OperationDefinition {@code subject-data}): {@code POST [central-list]/fhir/$subject-data} over
 * mutual TLS with a bridgehead certificate, a Parameters with {@value #CASE_NUMBER} and {@value
 * #PSEUDONYM} (one of the calling site's own global pseudonyms). The answer repeats the case number
 * and says whether the person is {@value #KNOWN}; for a known person the {@value #SITE}s holding a
 * global pseudonym (codes only), one {@value #RECORD} per linked control-number set with its
 * {@value #REGISTERED} date, the count of {@value #OPEN_REVIEWS}, the calling site's {@value
 * #PROJECT_PSEUDONYM}s and whether an {@value #MDS_PSEUDONYM} exists. Never another site's
 * pseudonym, never control numbers.
 */
public final class CentralSubjectDataContract {

  public static final String OPERATION = "$subject-data";
  public static final String CASE_NUMBER = SubjectDataContract.CASE_NUMBER;
  public static final String PSEUDONYM = SubjectDataContract.PSEUDONYM;
  public static final String KNOWN = "known";
  public static final String SITE = "site";
  public static final String RECORD = "record";
  public static final String REGISTERED = "registered";
  public static final String OPEN_REVIEWS = "openLinkageReviews";
  public static final String PROJECT_PSEUDONYM = "projectPseudonym";
  public static final String MDS_PSEUDONYM = "mdsPseudonym";

  private CentralSubjectDataContract() {}
}
