package dev.outrigger.demo.orders.outbound;

import java.io.IOException;
import java.math.BigDecimal;

import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;
import org.springframework.web.client.RestClient;
import org.springframework.web.client.RestClient.RequestHeadersSpec.ConvertibleClientHttpResponse;
import org.springframework.web.client.RestClientException;

/**
 * Charges orders through payments.
 */
public class PaymentsClient {

	static final String SERVICE = "payments";

	private final RestClient restClient;

	PaymentsClient(RestClient restClient) {
		this.restClient = restClient;
	}

	/**
	 * Charges an amount for an order and returns the approved payment.
	 * @throws PaymentDeclinedException if payments refuses the charge
	 * @throws DependencyUnavailableException if payments cannot say
	 */
	public Payment charge(String orderId, BigDecimal amount, TraceHeaders trace) {
		try {
			return this.restClient.post()
				.uri("/payments")
				.contentType(MediaType.APPLICATION_JSON)
				.accept(MediaType.APPLICATION_JSON)
				.headers(trace::applyTo)
				.body(new ChargeRequest(orderId, amount))
				.exchange((request, response) -> read(response));
		}
		catch (RestClientException ex) {
			throw new DependencyUnavailableException(SERVICE, RemoteFailure.describe(ex));
		}
	}

	private static Payment read(ConvertibleClientHttpResponse response) throws IOException {
		HttpStatusCode status = response.getStatusCode();
		if (status.is4xxClientError()) {
			String reason = RemoteFailure.readFrom(response)
				.map(RemoteFailure::message)
				.orElseGet(() -> RemoteFailure.describe(status));
			throw new PaymentDeclinedException(reason);
		}
		if (!status.is2xxSuccessful()) {
			throw new DependencyUnavailableException(SERVICE, RemoteFailure.describe(status));
		}
		Payment payment = response.bodyTo(Payment.class);
		if (payment == null || payment.paymentId() == null) {
			throw new DependencyUnavailableException(SERVICE, "answered without a paymentId");
		}
		if (!"APPROVED".equals(payment.status())) {
			throw new PaymentDeclinedException("payment " + payment.paymentId() + " is " + payment.status());
		}
		return payment;
	}

	/**
	 * The body of a charge.
	 *
	 * @param orderId the order to charge for
	 * @param amount the amount to charge
	 */
	record ChargeRequest(String orderId, BigDecimal amount) {

	}

}
