package dev.outrigger.demo.catalog.chaos;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.webmvc.test.autoconfigure.WebMvcTest;
import org.springframework.context.annotation.Import;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.test.context.TestPropertySource;
import org.springframework.test.web.servlet.assertj.MockMvcTester;
import org.springframework.test.web.servlet.assertj.MvcTestResult;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;

import static org.assertj.core.api.Assertions.assertThat;

@WebMvcTest(ChaosController.class)
@TestPropertySource(properties = "catalog.chaos.enabled=true")
@Import({ Chaos.class, ChaosControllerTests.Echo.class })
class ChaosControllerTests {

	@Autowired
	private MockMvcTester mvc;

	@Autowired
	private Chaos chaos;

	@Test
	void answersNormallyUntilAFaultIsInjected() {
		assertThat(this.mvc.get().uri("/chaos")).hasStatusOk()
			.bodyJson()
			.isStrictlyEqualTo("{\"delayMs\": 0, \"failStatus\": 0}");
		assertThat(this.mvc.get().uri("/echo")).hasStatusOk().bodyText().isEqualTo("echo");
	}

	@Test
	void failStatusAnswersEveryApiRequestWithThatStatusAsJson() {
		assertThat(put("{\"failStatus\": 503}")).hasStatusOk()
			.bodyJson()
			.isStrictlyEqualTo("{\"delayMs\": 0, \"failStatus\": 503}");
		assertThat(this.mvc.get().uri("/echo")).hasStatus(HttpStatus.SERVICE_UNAVAILABLE)
			.hasContentType(MediaType.APPLICATION_JSON)
			.bodyJson()
			.isStrictlyEqualTo("{\"error\": \"chaos\", \"message\": \"chaos is on: every request answers 503\"}");
		assertThat(this.mvc.delete().uri("/chaos")).hasStatusOk()
			.bodyJson()
			.isStrictlyEqualTo("{\"delayMs\": 0, \"failStatus\": 0}");
		assertThat(this.mvc.get().uri("/echo")).hasStatusOk();
	}

	@Test
	void delayHoldsEveryApiAnswerButNotTheChaosEndpoints() {
		assertThat(put("{\"delayMs\": 300}")).hasStatusOk();
		long start = System.nanoTime();
		assertThat(this.mvc.get().uri("/echo")).hasStatusOk();
		assertThat((System.nanoTime() - start) / 1_000_000).isGreaterThanOrEqualTo(300);
		start = System.nanoTime();
		assertThat(this.mvc.get().uri("/chaos/stats")).hasStatusOk();
		assertThat(this.mvc.delete().uri("/chaos")).hasStatusOk();
		assertThat((System.nanoTime() - start) / 1_000_000).isLessThan(300);
	}

	@Test
	void countsApiRequestsByMethodButNotChaosOrHealthRequests() {
		RequestStats before = this.chaos.stats();
		this.mvc.get().uri("/echo").exchange();
		this.mvc.get().uri("/echo").exchange();
		this.mvc.post().uri("/echo").exchange();
		this.mvc.get().uri("/actuator/health").exchange();
		this.mvc.get().uri("/chaos").exchange();
		assertThat(this.mvc.get().uri("/chaos/stats")).hasStatusOk()
			.bodyJson()
			.isStrictlyEqualTo("""
					{"requests": %d, "byMethod": {"GET": %d, "POST": %d}}""".formatted(before.requests() + 3,
					before.byMethod().getOrDefault("GET", 0L) + 2, before.byMethod().getOrDefault("POST", 0L) + 1));
	}

	@ParameterizedTest(name = "{0}")
	@CsvSource(delimiter = '|', textBlock = """
			{"delayMs": -1}            | delayMs must be between 0 and 60000, got -1
			{"delayMs": 60001}         | delayMs must be between 0 and 60000, got 60001
			{"failStatus": 200}        | failStatus must be 0 (off) or an error status between 400 and 599, got 200
			{"failStatus": 600}        | failStatus must be 0 (off) or an error status between 400 and 599, got 600
			""")
	void invalidFaultAnswers400JsonAndChangesNothing(String body, String message) {
		assertThat(put(body)).hasStatus(HttpStatus.BAD_REQUEST)
			.bodyJson()
			.isStrictlyEqualTo("{\"error\": \"invalid_fault\", \"message\": \"%s\"}".formatted(message));
		assertThat(this.chaos.fault()).isEqualTo(Fault.NONE);
	}

	@Test
	void bothRulesBrokenAreNamedTogether() {
		assertThat(put("{\"delayMs\": -5, \"failStatus\": 1}")).hasStatus(HttpStatus.BAD_REQUEST)
			.bodyJson()
			.extractingPath("$.message")
			.isEqualTo("delayMs must be between 0 and 60000, got -5, "
					+ "failStatus must be 0 (off) or an error status between 400 and 599, got 1");
	}

	@ParameterizedTest(name = "{0}")
	@CsvSource(delimiter = '|', textBlock = """
			{"delay": 500}             | unknown field 'delay' (known: delayMs, failStatus)
			{"delayMs": "slow"}        | delayMs must be a whole number, got slow
			{"failStatus": 503.5}      | failStatus must be a whole number, got 503.5
			""")
	void misspeltOrMistypedFieldAnswers400RatherThanInjectingNothing(String body, String message) {
		assertThat(put(body)).hasStatus(HttpStatus.BAD_REQUEST)
			.bodyJson()
			.isStrictlyEqualTo("{\"error\": \"invalid_fault\", \"message\": \"%s\"}".formatted(message));
		assertThat(this.chaos.fault()).isEqualTo(Fault.NONE);
	}

	@Test
	void bodyThatIsNoJsonObjectAnswers400() {
		assertThat(put("[1]")).hasStatus(HttpStatus.BAD_REQUEST)
			.bodyJson()
			.extractingPath("$.error")
			.isEqualTo("bad_request");
	}

	private MvcTestResult put(String body) {
		return this.mvc.put().uri("/chaos").contentType(MediaType.APPLICATION_JSON).content(body).exchange();
	}

	@AfterEach
	void reset() {
		this.chaos.reset();
	}

	@RestController
	static class Echo {

		@GetMapping("/echo")
		String get() {
			return "echo";
		}

		@PostMapping("/echo")
		String post() {
			return "echo";
		}

	}

}
