package org.ccpfhir.profiles.withdrawal;

/**
 * Wire contract between the central patient list and the sites for withdrawals (CCP-IT §6.5): the
 * central list informs every other site holding a global pseudonym of a withdrawn person, and each
 * site confirms. Sites accept no inbound connections, so a site asks for its notices: {@code POST
 * [central-list]/fhir/$withdrawal-notices} (OperationDefinition {@code withdrawal-notices}) over
 * mutual TLS with the site's certificate answers one {@value #NOTICE} per unconfirmed notice of the
 * calling site, each with {@value #ID}, {@value #CASE}, {@value #MODE}, {@value #PSEUDONYM} (the
 * calling site's own, retired, global pseudonym of the person — never another site's), {@value
 * #ISSUED} and {@value #DEADLINE}. {@code POST [central-list]/fhir/$withdrawal-notice-confirm}
 * (OperationDefinition {@code withdrawal-notice-confirm}) with {@value #NOTICE} (the notice id),
 * {@value #OUTCOME} and {@value #DETAIL} (counts, never identifying data) records the site's
 * confirmation; repeating it answers the recorded confirmation. The site that received the
 * withdrawal follows its case with {@code POST [central-list]/fhir/$withdrawal-case}
 * (OperationDefinition {@code withdrawal-case}, input {@value #CASE}): the case's {@value #MODE},
 * {@value #ISSUED}, {@value #DEADLINE}, {@value #COMPLETED} (the central list's own part) and one
 * {@value #SITE} per informed site with its {@value #STATE} ({@value #ISSUED_STATE}, {@value
 * #DELIVERED_STATE}, {@value #CONFIRMED_STATE}), {@value #DELIVERED}, {@value #CONFIRMED} and
 * {@value #OUTCOME} — never another site's pseudonym or detail.
 */
public final class WithdrawalNoticeContract {

  public static final String POLL_OPERATION = "$withdrawal-notices";
  public static final String CONFIRM_OPERATION = "$withdrawal-notice-confirm";

  public static final String NOTICE = "notice";
  public static final String ID = "id";
  public static final String CASE = "case";
  public static final String MODE = "mode";
  public static final String PSEUDONYM = "pseudonym";
  public static final String ISSUED = "issued";
  public static final String DEADLINE = "deadline";
  public static final String OUTCOME = "outcome";
  public static final String DETAIL = "detail";
  public static final String CONFIRMED = "confirmed";
  public static final String DELIVERED = "delivered";
  public static final String COMPLETED = "completed";
  public static final String SITE = "site";
  public static final String CODE = "code";
  public static final String STATE = "state";

  public static final String CASE_OPERATION = "$withdrawal-case";

  /**
   * Part of a notice and of {@code $withdraw-identity}'s answer: a retired global project pseudonym
   * of one of the site's CCP applications ({@value #DOMAIN}, {@value #RETIRED}) with its random
   * {@value #REPLACEMENT} (anonymisation; absent on deletion).
   */
  public static final String REPLACED_PROJECT_PSEUDONYM = "replacedProjectPseudonym";

  public static final String DOMAIN = "domain";
  public static final String RETIRED = "retired";
  public static final String REPLACEMENT = "replacement";

  /** States of a notice: stored, fetched by the site, confirmed by the site. */
  public static final String ISSUED_STATE = "issued";

  public static final String DELIVERED_STATE = "delivered";
  public static final String CONFIRMED_STATE = "confirmed";

  /** Outcome: the site did what the mode asks of the data it held. */
  public static final String DONE = "done";

  /** Outcome: the site holds nothing under the pseudonym (nothing to do). */
  public static final String NOT_HELD = "not-held";

  /** Longest {@value #DETAIL} the central list keeps. */
  public static final int MAX_DETAIL = 1000;

  private WithdrawalNoticeContract() {}
}
