package com.lightsailaccess.reconcile;

import com.lightsailaccess.model.Provisioning;
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
    private final Provisioning settings;

    GroupHealth(ReconcileService ledger, Provisioning settings) {
        this.ledger = ledger;
        this.settings = settings;
    }

    @Override
    public HealthCheckResponse call() {
        String group = settings.group();
        String found;
        try {
            List<String> missing = ledger.open(ReconcileService.GROUP_MISSING);
            found = missing.contains(group) ? "missing: IAM has no group " + group + " (no grant is changed until it "
                    + "is there)" : "present, as far as the last reconciliation saw: " + group;
        } catch (RuntimeException e) {
            found = "unknown (the database did not answer)";
        }
        return HealthCheckResponse.named("Lightsail group").up().withData("lightsailGroup", found).build();
    }
}
