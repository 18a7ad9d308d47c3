package org.ccpfhir.profiles.task;

import java.util.List;

/**
 * The wire contract of decentralized search (CCP-IT §3.5) between researcher, broker and site
 * agents: profile URLs, code systems and codes of the two Task profiles {@code ccp-search-request}
 * and {@code ccp-site-search-task}, shared so that no app depends on another.
 */
public final class SearchTasks {

  public static final String REQUEST_PROFILE =
      "https://ccp-fhir.org/fhir/StructureDefinition/ccp-search-request";
  public static final String SITE_TASK_PROFILE =
      "https://ccp-fhir.org/fhir/StructureDefinition/ccp-site-search-task";

  /** The two Task profiles (not MDS profiles: they are never validated at ingest). */
  public static final List<String> ALL_PROFILES = List.of(REQUEST_PROFILE, SITE_TASK_PROFILE);

  /** Task.code: which of the two kinds a Task is. */
  public static final String TASK_TYPE_SYSTEM =
      "https://ccp-fhir.org/fhir/CodeSystem/search-task-type";

  public static final String TYPE_REQUEST = "search-request";
  public static final String TYPE_SITE = "site-search";

  /** Task.input.type and Task.output.type. */
  public static final String PARAMETER_SYSTEM =
      "https://ccp-fhir.org/fhir/CodeSystem/search-task-parameter";

  /** valueExpression (language {@link #QUERY_LANGUAGE}) or valueString: the criteria. */
  public static final String CRITERIA = "criteria";

  /** valueString: free-text description for the sites' approvers. */
  public static final String PROSE = "prose";

  /**
   * valueString, optional: who asks, for the sites' approvers (issue 23: they saw only the login
   * name) — the requester's name, institution and project, as the researcher states them.
   */
  public static final String REQUESTER_NAME = "requester-name";

  public static final String REQUESTER_INSTITUTION = "requester-institution";
  public static final String PROJECT = "project";

  /** Longest requester name, institution or project the broker accepts (characters). */
  public static final int MAX_REQUESTER_DETAIL = 120;

  /** valueAttachment (DER X.509): the certificate released results are sealed for. */
  public static final String REQUESTER_CERTIFICATE = "requester-certificate";

  /** valueAttachment (application/pkcs7-mime): the sealed released result of a site. */
  public static final String RELEASED_RESULT = "released-result";

  public static final String QUERY_LANGUAGE = "application/x-fhir-query";
  public static final String CMS_CONTENT_TYPE = "application/pkcs7-mime";
  public static final String CERTIFICATE_CONTENT_TYPE = "application/pkix-cert";

  /** Organization identifiers of sites (restriction.recipient, owner). */
  public static final String SITE_SYSTEM = "https://ccp-fhir.org/fhir/sid/site";

  /** Requester identifiers: the user name the broker took from the token. */
  public static final String USER_SYSTEM = "https://ccp-fhir.org/fhir/sid/user";

  /** Task.businessStatus of a site Task whose request's validity ended before it was settled. */
  public static final String STATE_SYSTEM =
      "https://ccp-fhir.org/fhir/CodeSystem/search-task-state";

  public static final String STATE_EXPIRED = "expired";

  /** Parts of the Parameters inside a released result. */
  public static final String RESULT_COUNT = "count";

  /** Instead of {@link #RESULT_COUNT}: the count was below this floor ("fewer than n"). */
  public static final String RESULT_COUNT_BELOW = "count-below";

  public static final String RESULT_MESSAGE = "message";

  /** Part of the sealed result of a rejection: the approver's reason, sealed like a count. */
  public static final String RESULT_REASON = "reason";

  /**
   * Task.statusReason.text of a rejection: the reason itself travels sealed in Task.output for the
   * researcher, so the broker never holds it (issue 23 finding 2).
   */
  public static final String REASON_SEALED = "sealed";

  /** Longest prose the broker accepts (characters). */
  public static final int MAX_PROSE = 4000;

  private SearchTasks() {}
}
