package dev.outrigger.demo.orders.outbound;

import java.io.IOException;

import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;
import org.springframework.web.client.RestClient;
import org.springframework.web.client.RestClient.RequestHeadersSpec.ConvertibleClientHttpResponse;
import org.springframework.web.client.RestClientException;

/**
 * Looks items up in the catalog.
 */
public class CatalogClient {

	static final String SERVICE = "catalog";

	private final RestClient restClient;

	CatalogClient(RestClient restClient) {
		this.restClient = restClient;
	}

	/**
	 * Returns the item with the given id.
	 * @throws ItemNotFoundException if the catalog has no such item
	 * @throws DependencyUnavailableException if the catalog cannot say
	 */
	public CatalogItem findItem(long itemId, TraceHeaders trace) {
		try {
			return this.restClient.get()
				.uri("/items/{id}", itemId)
				.accept(MediaType.APPLICATION_JSON)
				.headers(trace::applyTo)
				.exchange((request, response) -> read(itemId, response));
		}
		catch (RestClientException ex) {
			throw new DependencyUnavailableException(SERVICE, RemoteFailure.describe(ex));
		}
	}

	private static CatalogItem read(long itemId, ConvertibleClientHttpResponse response) throws IOException {
		HttpStatusCode status = response.getStatusCode();
		if (status.isSameCodeAs(HttpStatus.NOT_FOUND) && namesMissingItem(response)) {
			throw new ItemNotFoundException(itemId);
		}
		if (!status.is2xxSuccessful()) {
			// Any other failure, a sidecar's 404 for an unknown route included, is the catalog's fault.
			throw new DependencyUnavailableException(SERVICE, RemoteFailure.describe(status));
		}
		CatalogItem item = response.bodyTo(CatalogItem.class);
		if (item == null || item.price() == null) {
			throw new DependencyUnavailableException(SERVICE, "answered without a price for item " + itemId);
		}
		return item;
	}

	private static boolean namesMissingItem(ConvertibleClientHttpResponse response) {
		return RemoteFailure.readFrom(response)
			.map((failure) -> "item_not_found".equals(failure.error()))
			.orElse(false);
	}

}
