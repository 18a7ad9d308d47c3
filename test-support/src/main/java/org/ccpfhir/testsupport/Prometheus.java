package org.ccpfhir.testsupport;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** An app's {@code /actuator/prometheus} read as the network's Prometheus server reads it. */
public final class Prometheus {

  /** The demo metrics application of every app (client credentials, role metrics). */
  public static final String CLIENT_ID = "prometheus";

  public static final String CLIENT_SECRET = "prometheus-demo";

  private Prometheus() {}

  /** One scrape with the metrics application's token; fails the test unless it is a 200. */
  public static String scrape(SecureClients clients) {
    return clients
        .anonymous()
        .auth()
        .oauth2(clients.applicationToken(CLIENT_ID, CLIENT_SECRET))
        .get("/actuator/prometheus")
        .then()
        .statusCode(200)
        .extract()
        .asString();
  }

  /**
   * The value of the first sample whose line starts with {@code series} (a regular expression, e.g.
   * {@code ccp_queue_length\\{queue="upload-pending"}); fails the test when there is none.
   */
  public static double value(String metrics, String series) {
    Matcher m = Pattern.compile("(?m)^" + series + "[^ ]* (\\S+)$").matcher(metrics);
    assertThat(m.find()).as("series %s in the scrape", series).isTrue();
    return Double.parseDouble(m.group(1));
  }
}
