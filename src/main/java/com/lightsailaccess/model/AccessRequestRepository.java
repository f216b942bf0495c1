package com.lightsailaccess.model;

import io.quarkus.hibernate.orm.panache.PanacheRepository;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Map;
import java.util.Optional;

@ApplicationScoped
public class AccessRequestRepository implements PanacheRepository<AccessRequest> {

    /** The person's latest request, whatever its state (indexed by requester and creation time). */
    public Optional<AccessRequest> latestOf(String requesterId) {
        return find("#" + AccessRequest.LATEST_OF, Map.of("requester", requesterId)).firstResultOptional();
    }
}
