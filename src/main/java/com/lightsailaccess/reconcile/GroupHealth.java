package com.lightsailaccess.reconcile;

import com.lightsailaccess.model.AccessLevel;
import com.lightsailaccess.model.AccessLevels;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

/**
 * {@code /q/health/ready}: what the last reconciliation (on any replica) found of the Lightsail group. Readiness
 * stays up (requests are still stored and decided while the group is missing; provisioning sets the group up
 * again), with the finding in its data.
 */
@Readiness
@ApplicationScoped
class GroupHealth implements HealthCheck {

    private final ReconcileService ledger;
    private final AccessLevels levels;

    GroupHealth(ReconcileService ledger, AccessLevels levels) {
        this.ledger = ledger;
        this.levels = levels;
    }

    @Override
    public HealthCheckResponse call() {
        List<String> groups = levels.all().stream().map(AccessLevel::group).toList();
        String found;
        try {
            List<String> missing = ledger.open(ReconcileService.GROUP_MISSING).stream().filter(groups::contains)
                    .toList();
            found = !missing.isEmpty() ? "missing: IAM has no group " + String.join(", ", missing) + " (no grant is "
                    + "changed until it is there)" : "present, as far as the last reconciliation saw: "
                    + String.join(", ", groups);
        } catch (RuntimeException e) {
            found = "unknown (the database did not answer)";
        }
        return HealthCheckResponse.named("Lightsail group").up().withData("lightsailGroup", found).build();
    }
}
