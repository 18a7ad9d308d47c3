package org.ccpfhir.mdssearch.broker;

import ca.uhn.fhir.rest.server.exceptions.InvalidRequestException;
import java.time.Duration;
import java.util.List;
import org.hl7.fhir.r4.model.Task;

/** The broker's operations for the current caller, as the FHIR provider calls them. */
public class BrokerAccess {

  private final BrokerService service;
  private final SiteTaskUpdater updater;

  BrokerAccess(BrokerService service, SiteTaskUpdater updater) {
    this.service = service;
    this.updater = updater;
  }

  public Task create(Task task) {
    return service.create(BrokerCaller.current(), task);
  }

  public Task read(String id) {
    return service.read(BrokerCaller.current(), id);
  }

  public SiteTaskUpdater.Outcome update(String id, Task task) {
    return updater.update(BrokerCaller.current(), id, task);
  }

  /**
   * Researchers: their requests, or with {@code partOf} the site Tasks of one. Sites: their own
   * Tasks changed after {@code cursor} (milliseconds; -1 = all), waiting up to {@code wait}.
   */
  public List<Task> search(String partOf, long cursor, int limit, Duration wait) {
    BrokerCaller caller = BrokerCaller.current();
    if (!caller.isSite()) {
      return service.researcherSearch(caller, partOf);
    }
    if (partOf != null) {
      throw new InvalidRequestException("sites search their own Tasks by _lastUpdated only");
    }
    try {
      return service.siteSearch(caller, cursor, limit, wait);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return List.of();
    }
  }
}
