package org.ccpfhir.profiles.departure;

/**
 * Wire contract of a partner's departure (CCP-IT §5.3) between the central patient list and the MDS
 * database, carried by the admin (the central components do not call each other):
 *
 * <ol>
 *   <li>{@code $partner-departure} at the central list answers {@value #INSTRUCTION}: a CMS
 *       envelope signed by the central list and encrypted for the MDS database around a Parameters
 *       JSON with {@value #SITE}, {@value #CASE} and the MDS*G-IDs to {@value #KEEP} (consent
 *       continues) and to {@value #ANONYMISE} (the person stays at other sites); every other record
 *       of the site is deleted at the MDS database.
 *   <li>{@value #OPERATION} at the MDS database applies it and answers the counts and a {@value
 *       #RECEIPT}: a CMS envelope signed by the MDS database and encrypted for the central list
 *       around a Parameters JSON with {@value #CASE}, {@value #SITE}, {@value #KEPT}, {@value
 *       #ANONYMISED} and {@value #DELETED}.
 *   <li>{@code $partner-departure-confirm} at the central list records the receipt: the MDS
 *       database's confirmation, as the sites' confirmations of withdrawal notices are recorded.
 * </ol>
 *
 * The admin sees neither list: both envelopes open only at their recipient.
 */
public final class PartnerDepartureContract {

  public static final String OPERATION = "$mds-partner-departure";
  public static final String SITE = "site";
  public static final String CASE = "case";
  public static final String INSTRUCTION = "instruction";
  public static final String KEEP = "keep";
  public static final String ANONYMISE = "anonymise";
  public static final String RECEIPT = "receipt";
  public static final String KEPT = "kept";
  public static final String ANONYMISED = "anonymised";
  public static final String DELETED = "deleted";

  /** The form of a site code (the sites' certificates name them so). */
  public static final String SITE_CODE = "[A-Z0-9]{1,12}";

  private PartnerDepartureContract() {}
}
