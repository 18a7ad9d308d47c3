package org.ccpfhir.bridgehead.ingest;

import ca.uhn.fhir.interceptor.api.Hook;
import ca.uhn.fhir.interceptor.api.Interceptor;
import ca.uhn.fhir.interceptor.api.Pointcut;
import ca.uhn.fhir.rest.api.Constants;
import ca.uhn.fhir.rest.api.RestOperationTypeEnum;
import ca.uhn.fhir.rest.api.server.RequestDetails;
import ca.uhn.fhir.rest.server.exceptions.ResourceVersionConflictException;
import com.google.common.util.concurrent.Striped;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Lock;
import org.ccpfhir.security.auth.SecurityResponses;
import org.ccpfhir.security.fhir.FhirInterceptor;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.Bundle.BundleEntryComponent;
import org.hl7.fhir.r4.model.Bundle.BundleEntryRequestComponent;
import org.hl7.fhir.r4.model.OperationOutcome.IssueType;
import org.springframework.stereotype.Component;

/**
 * Runs transactions that write the same resources one after the other. Clinical systems re-send a
 * bundle when an answer is slow; HAPI does not serialise concurrent conditional writes of one
 * identifier (conditional create/update, the same client id): the loser failed with HTTP 500
 * (HAPI-0389, a match found in the conditional-URL cache whose resource was not committed yet) or a
 * unique-constraint conflict. Held from the ingest check to the end of the request, so a re-send
 * waits for the first to commit and then finds its resources: it updates them (200) instead of
 * failing or duplicating.
 *
 * <p>The keys are the conditional URLs and resource ids of the entries, after the ingest rewrite
 * (so a POST that becomes a conditional update is keyed by its identifier). Lock stripes are taken
 * in a fixed order, so two bundles sharing keys cannot deadlock. One process: a bridgehead owns its
 * store; remaining conflicts (another writer of the database) are HAPI's 409.
 */
@Component
@Interceptor
public class ConcurrentWriteGuard implements FhirInterceptor {

  static final String HELD = ConcurrentWriteGuard.class.getName() + ".held";

  /** Longer than any transaction takes; then the client is told to retry instead of waiting. */
  private static final long WAIT_SECONDS = 120;

  private final Striped<Lock> locks = Striped.lock(1024);

  /**
   * Locks the resources the bundle writes until the request is completed; a request locks once.
   *
   * @throws ResourceVersionConflictException (409) when another request holds them too long
   */
  public void lockWrites(RequestDetails request, Bundle bundle) {
    lock(request, writeKeys(bundle));
  }

  /**
   * Locks what a single create or update writes: its conditional URL (If-None-Exist, a conditional
   * update) or its id, the same keys a transaction entry takes. Plain creates take no lock.
   */
  public void lockWrite(RequestDetails request, RestOperationTypeEnum operation) {
    String key = null;
    if (operation == RestOperationTypeEnum.CREATE) {
      String ifNoneExist = request.getHeader(Constants.HEADER_IF_NONE_EXIST);
      if (ifNoneExist != null && !ifNoneExist.isBlank()) {
        key = request.getResourceName() + "?" + query(ifNoneExist);
      }
    } else if (operation == RestOperationTypeEnum.UPDATE) {
      String conditional = request.getConditionalUrl(operation);
      if (conditional != null) {
        key = conditional;
      } else if (request.getId() != null && request.getId().hasIdPart()) {
        key = request.getResourceName() + "/" + request.getId().getIdPart();
      }
    }
    if (key != null) {
      lock(request, Set.of(key));
    }
  }

  private void lock(RequestDetails request, Set<String> keys) {
    if (keys.isEmpty() || request.getUserData().containsKey(HELD)) {
      return;
    }
    List<Lock> held = new ArrayList<>();
    try {
      for (Lock lock : locks.bulkGet(keys)) {
        if (!lock.tryLock(WAIT_SECONDS, TimeUnit.SECONDS)) {
          throw busy();
        }
        held.add(lock);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      unlock(held);
      throw busy();
    } catch (RuntimeException e) {
      unlock(held);
      throw e;
    }
    request.getUserData().put(HELD, held);
  }

  @Hook(Pointcut.SERVER_PROCESSING_COMPLETED)
  public void release(RequestDetails request) {
    if (request.getUserData().remove(HELD) instanceof List<?> held) {
      unlock(held);
    }
  }

  static Set<String> writeKeys(Bundle bundle) {
    Set<String> keys = new LinkedHashSet<>();
    for (BundleEntryComponent entry : bundle.getEntry()) {
      BundleEntryRequestComponent request = entry.getRequest();
      if (!request.hasMethod()) {
        continue;
      }
      switch (request.getMethod()) {
        case POST -> {
          if (request.hasIfNoneExist() && entry.getResource() != null) {
            keys.add(entry.getResource().fhirType() + "?" + query(request.getIfNoneExist()));
          }
        }
        case PUT, PATCH, DELETE -> {
          if (request.hasUrl()) {
            keys.add(request.getUrl());
          }
        }
        default -> {
          // reads take no locks
        }
      }
    }
    return keys;
  }

  private static String query(String ifNoneExist) {
    int question = ifNoneExist.indexOf('?');
    return question < 0 ? ifNoneExist : ifNoneExist.substring(question + 1);
  }

  private static void unlock(List<?> held) {
    for (int i = held.size() - 1; i >= 0; i--) {
      ((Lock) held.get(i)).unlock();
    }
  }

  private static ResourceVersionConflictException busy() {
    String reason =
        "another request is writing the same resources and did not finish in time; retry later";
    return new ResourceVersionConflictException(
        reason, SecurityResponses.outcome(IssueType.CONFLICT, reason));
  }
}
