package org.ccpfhir.mdssearch.fhir;

import ca.uhn.fhir.rest.api.server.IBundleProvider;
import java.util.Date;
import java.util.List;
import org.ccpfhir.disclosure.Released;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.hl7.fhir.instance.model.api.IPrimitiveType;
import org.hl7.fhir.r4.model.InstantType;

/** A search result that is only a released total: no resource is ever handed to HAPI. */
final class CountBundleProvider implements IBundleProvider {

  private final Released total;
  private final InstantType published = InstantType.withCurrentTime();

  CountBundleProvider(Released total) {
    this.total = total;
  }

  @Override
  public IPrimitiveType<Date> getPublished() {
    return published;
  }

  @Override
  public List<IBaseResource> getResources(int fromIndex, int toIndex) {
    return List.of();
  }

  @Override
  public String getUuid() {
    return null;
  }

  @Override
  public Integer preferredPageSize() {
    return 0;
  }

  @Override
  public Integer size() {
    return total.belowFloor() ? null : total.value();
  }
}
