package dev.outrigger.configserver.publish;

import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import org.springframework.http.MediaType;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

/**
 * The push side of the config server. Every gateway and sidecar holds
 * {@code GET /outrigger/events} open (server-sent events) and is told the revision to run
 * as soon as one is applied; {@code POST /outrigger/refresh} is the webhook a remote git host
 * calls on push; {@code GET /outrigger/revision} says what is served and what was refused.
 */
@RestController
@RequestMapping("/outrigger")
public class RevisionEvents {

	private final ConfigPublisher publisher;

	private final Set<SseEmitter> members = ConcurrentHashMap.newKeySet();

	public RevisionEvents(ConfigPublisher publisher) {
		this.publisher = publisher;
		publisher.onChange(this::broadcast);
	}

	/** A stream of revision events, the first one at once, then one per applied or refused revision. */
	@GetMapping(path = "/events", produces = MediaType.TEXT_EVENT_STREAM_VALUE)
	public SseEmitter events() {
		// no timeout: the stream lives as long as the member; a dead member is found by the heartbeat
		SseEmitter emitter = new SseEmitter(0L);
		emitter.onCompletion(() -> this.members.remove(emitter));
		emitter.onError((ex) -> this.members.remove(emitter));
		this.members.add(emitter);
		send(emitter, event(this.publisher.state()));
		return emitter;
	}

	@GetMapping("/revision")
	public Map<String, Object> revision() {
		return describe(this.publisher.state());
	}

	@PostMapping("/refresh")
	public Map<String, Object> refresh() {
		return describe(this.publisher.check());
	}

	/** Keeps idle streams alive through proxies and finds the members that went away. */
	@Scheduled(fixedDelayString = "${outrigger.config-server.heartbeat:15s}")
	void heartbeat() {
		for (SseEmitter emitter : this.members) {
			send(emitter, SseEmitter.event().comment("heartbeat"));
		}
	}

	private void broadcast(PublishState state) {
		SseEmitter.SseEventBuilder event = event(state);
		for (SseEmitter emitter : this.members) {
			send(emitter, event);
		}
	}

	private static SseEmitter.SseEventBuilder event(PublishState state) {
		String refused = (state.refused() != null) ? state.refused().revision() : "";
		return SseEmitter.event().name("revision").data("{\"revision\":\"" + state.revision() + "\",\"refused\":\""
				+ refused + "\"}", MediaType.APPLICATION_JSON);
	}

	private void send(SseEmitter emitter, SseEmitter.SseEventBuilder event) {
		try {
			emitter.send(event);
		}
		catch (IOException | IllegalStateException ex) {
			this.members.remove(emitter);
			emitter.completeWithError(ex);
		}
	}

	/** The state as JSON: the revision served, and the refusal with its problems if any. */
	static Map<String, Object> describe(PublishState state) {
		Map<String, Object> details = new LinkedHashMap<>();
		details.put("source", state.source());
		details.put("revision", state.revision());
		details.put("appliedAt", state.appliedAt());
		if (!state.warnings().isEmpty()) {
			details.put("warnings", state.warnings().stream().map(Object::toString).toList());
		}
		if (state.refused() != null) {
			Map<String, Object> refused = new LinkedHashMap<>();
			refused.put("revision", state.refused().revision());
			refused.put("at", state.refused().at());
			refused.put("problems", state.refused().lines());
			details.put("refused", refused);
		}
		if (state.sourceError() != null) {
			details.put("sourceError", state.sourceError());
		}
		return details;
	}

}
