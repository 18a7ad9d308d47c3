package org.ccpfhir.bridgehead.upload;

import ca.uhn.fhir.rest.server.exceptions.UnprocessableEntityException;
import java.util.List;
import org.ccpfhir.bridgehead.upload.UploadStateRepository.Run;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.Scheduled;

/**
 * Starts upload runs: on the schedule ({@code ccp.upload.cron}) and on demand ({@code $upload}).
 */
public class UploadRunner {

  private static final Logger log = LoggerFactory.getLogger(UploadRunner.class);

  private final UploadService service;
  private final UploadStateRepository states;

  /**
   * @param service null when the upload is not configured
   */
  public UploadRunner(UploadService service, UploadStateRepository states) {
    this.service = service;
    this.states = states;
  }

  @Scheduled(cron = "${ccp.upload.cron:0 30 1 * * *}")
  public void scheduled() {
    if (service == null) {
      return;
    }
    Run run = service.run("scheduled");
    log.info(
        "scheduled upload run {} {}: uploaded {}, deleted {}, unchanged {}, failed {}",
        run.id(),
        run.status(),
        run.uploaded(),
        run.deleted(),
        run.unchanged(),
        run.failed());
  }

  public Run onDemand() {
    if (service == null) {
      throw new UnprocessableEntityException(
          "the upload is not configured (ccp.upload.mds-url, ccp.upload.mds-certificate and TLS)");
    }
    return service.run("on-demand");
  }

  /** See {@link UploadService#whileIdle}; without an upload, {@code work} just runs. */
  public boolean whileIdle(Runnable work) {
    if (service == null) {
      work.run();
      return true;
    }
    return service.whileIdle(work);
  }

  public List<Run> lastRuns(int count) {
    return states.lastRuns(count);
  }
}
