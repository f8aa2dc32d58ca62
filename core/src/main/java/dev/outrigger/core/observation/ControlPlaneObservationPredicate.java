package dev.outrigger.core.observation;

import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationPredicate;

import org.springframework.http.client.observation.ClientRequestObservationContext;
import org.springframework.http.server.reactive.observation.ServerRequestObservationContext;

/**
 * Drops observations that are control-plane chatter rather than traffic: HTTP client calls
 * made outside any request (Eureka heartbeats and fetches, config polls) and probes of
 * actuator endpoints. At sampling 1.0 these would otherwise flood the trace store.
 */
public final class ControlPlaneObservationPredicate implements ObservationPredicate {

	@Override
	public boolean test(String name, Observation.Context context) {
		if (context instanceof ClientRequestObservationContext) {
			return context.getParentObservation() != null;
		}
		if (context instanceof ServerRequestObservationContext server) {
			return !isActuator(server.getCarrier().getPath().value());
		}
		return true;
	}

	private static boolean isActuator(String path) {
		return path.startsWith("/actuator");
	}

}
