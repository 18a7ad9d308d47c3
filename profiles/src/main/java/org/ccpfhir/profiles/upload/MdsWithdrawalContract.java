package org.ccpfhir.profiles.upload;

/**
 * Wire contract of a withdrawal at the MDS database (OperationDefinition {@code mds-withdraw}):
 * {@code POST [mds]/fhir/$mds-withdraw} with a Parameters holding {@value
 * MdsUploadContract#ENVELOPE} — a CMS envelope (signed by the bridgehead, encrypted for the MDS
 * database) around a Parameters JSON with {@value MdsUploadContract#PSEUDONYM} (the person's MDS
 * pseudonym as a CMS envelope for the MDS database, as in an upload) and {@value #MODE} ({@value
 * #DELETE} or {@value #ANONYMISE}). The answer names the mode and how many records were {@value
 * #AFFECTED}: the MDS database's confirmation.
 */
public final class MdsWithdrawalContract {

  public static final String OPERATION = "$mds-withdraw";
  public static final String MODE = "mode";
  public static final String DELETE = "delete";
  public static final String ANONYMISE = "anonymise";

  /** Answer part: records removed (delete) or re-keyed under a random key (anonymise). */
  public static final String AFFECTED = "affected";

  private MdsWithdrawalContract() {}
}
