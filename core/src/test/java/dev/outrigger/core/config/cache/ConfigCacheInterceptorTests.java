package dev.outrigger.core.config.cache;

import java.io.IOException;
import java.net.ConnectException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.Map;

import org.apache.commons.logging.Log;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.boot.context.config.ConfigData;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;
import org.springframework.cloud.config.client.ConfigClientFailFastException;
import org.springframework.cloud.config.client.ConfigClientProperties;
import org.springframework.cloud.config.client.ConfigServerBootstrapper.LoadContext;
import org.springframework.cloud.config.client.ConfigServerBootstrapper.LoaderInterceptor;
import org.springframework.cloud.config.client.ConfigServerConfigDataResource;
import org.springframework.core.env.PropertySource;
import org.springframework.http.HttpStatus;
import org.springframework.mock.env.MockEnvironment;
import org.springframework.web.client.HttpClientErrorException;
import org.springframework.web.client.ResourceAccessException;

import dev.outrigger.core.config.cache.ConfigSource.Kind;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.mockito.ArgumentMatchers.contains;
import static org.mockito.BDDMockito.given;
import static org.mockito.BDDMockito.then;
import static org.mockito.Mockito.mock;

class ConfigCacheInterceptorTests {

	private static final Instant NOW = Instant.parse("2026-11-25T12:15:30Z");

	private static final ConfigClientFailFastException UNREACHABLE = new ConfigClientFailFastException(
			"Could not locate PropertySource and the fail fast property is set, failing",
			new ResourceAccessException("I/O error", new ConnectException("Connection refused")));

	@TempDir
	Path directory;

	private final LoaderInterceptor configClient = mock(LoaderInterceptor.class);

	private final ConfigSourceHolder source = new ConfigSourceHolder();

	private final Log log = mock(Log.class);

	private final Map<String, String> settings = new HashMap<>();

	private ConfigCacheInterceptor interceptor;

	private LoadContext load;

	@BeforeEach
	void setUp() {
		this.settings.put("outrigger.config-cache.dir", this.directory.toString());
		this.interceptor = new ConfigCacheInterceptor(this.configClient, this.source, this.log,
				Clock.fixed(NOW, ZoneOffset.UTC));
		ConfigClientProperties properties = new ConfigClientProperties(new MockEnvironment());
		properties.setName("catalog");
		properties.setUri(new String[] { "http://config:secret@127.0.0.1:8888" });
		ConfigServerConfigDataResource resource = mock(ConfigServerConfigDataResource.class);
		given(resource.getProperties()).willReturn(properties);
		given(resource.getProfiles()).willReturn("default");
		this.load = mock(LoadContext.class);
		given(this.load.getResource()).willReturn(resource);
		// a binder of the settings as they are when the import runs
		given(this.load.getBinder())
			.willAnswer((invocation) -> new Binder(new MapConfigurationPropertySource(this.settings)));
	}

	@Test
	void cachesWhatTheServerServedAndSaysItCameFromTheServer() {
		ConfigData served = CachedConfigTests.served();
		given(this.configClient.apply(this.load)).willReturn(served);

		assertThat(this.interceptor.apply(this.load)).isSameAs(served);

		assertThat(cacheFile()).exists();
		assertThat(this.source.get()).isEqualTo(new ConfigSource(Kind.SERVER, "3f1c2b9", null, cacheFile(), NOW, null));
	}

	@Test
	void keepsNoCredentialsOfTheServerUri() throws IOException {
		given(this.configClient.apply(this.load)).willReturn(CachedConfigTests.served());

		this.interceptor.apply(this.load);

		assertThat(Files.readString(cacheFile())).contains("\"server\":\"http://127.0.0.1:8888\"").doesNotContain("secret");
	}

	@Test
	void startsFromTheCacheWhenTheServerIsUnreachable() {
		given(this.configClient.apply(this.load)).willReturn(CachedConfigTests.served()).willThrow(UNREACHABLE);
		this.interceptor.apply(this.load);

		ConfigData cached = this.interceptor.apply(this.load);

		assertThat(cached.getPropertySources()).extracting(PropertySource::getName)
			.containsExactly("configserver:catalog-eu.yml", "configserver:catalog.yml");
		assertThat(this.source.get().kind()).isEqualTo(Kind.CACHE);
		assertThat(this.source.get().reason())
			.isEqualTo("config server http://127.0.0.1:8888 unreachable: ConnectException: Connection refused");
		then(this.log).should()
			.warn(contains("Config server http://127.0.0.1:8888 is unreachable (ConnectException: Connection refused); "
					+ "starting from the config cached in " + cacheFile() + ": version 3f1c2b9, served PT0S ago"));
	}

	@Test
	void failsNamingTheMissingCacheWhenTheServerIsUnreachable() {
		given(this.configClient.apply(this.load)).willThrow(UNREACHABLE);

		assertThatExceptionOfType(ConfigClientFailFastException.class).isThrownBy(() -> this.interceptor.apply(this.load))
			.withMessage("Config server http://127.0.0.1:8888 is unreachable (ConnectException: Connection refused) "
					+ "and there is no cached config to start from: no file " + cacheFile() + ". "
					+ UNREACHABLE.getMessage())
			.withCause(UNREACHABLE);
		assertThat(this.source.get()).isNull();
	}

	@Test
	void ignoresACorruptCacheSayingWhyAndFails() throws IOException {
		Files.writeString(cacheFile(), "{\"format\":1,");
		given(this.configClient.apply(this.load)).willThrow(UNREACHABLE);

		assertThatExceptionOfType(ConfigClientFailFastException.class).isThrownBy(() -> this.interceptor.apply(this.load))
			.withMessageContaining("no cached config to start from: Config cache file " + cacheFile()
					+ " is unusable: it is not a JSON object");
		then(this.log).should().error(contains(cacheFile() + " is unusable"));
	}

	@Test
	void replacesACorruptCacheWithTheServersAnswer() throws Exception {
		Files.writeString(cacheFile(), "garbage");
		given(this.configClient.apply(this.load)).willReturn(CachedConfigTests.served());

		this.interceptor.apply(this.load);

		assertThat(Files.readString(cacheFile())).startsWith("{\"format\":1,");
	}

	@Test
	void doesNotHideARequestTheServerRefusedBehindTheCache() {
		given(this.configClient.apply(this.load)).willReturn(CachedConfigTests.served());
		this.interceptor.apply(this.load);
		ConfigClientFailFastException refused = new ConfigClientFailFastException("failing",
				HttpClientErrorException.create(HttpStatus.FORBIDDEN, "Forbidden", null, null, null));
		given(this.configClient.apply(this.load)).willThrow(refused);

		assertThatExceptionOfType(ConfigClientFailFastException.class).isThrownBy(() -> this.interceptor.apply(this.load))
			.isSameAs(refused);
	}

	@Test
	void leavesAnOptionalImportTheServerDidNotAnswerEmpty() {
		given(this.configClient.apply(this.load)).willReturn(null);

		assertThat(this.interceptor.apply(this.load)).isNull();
		assertThat(cacheFile()).doesNotExist();
	}

	@Test
	void keepsTheServersConfigWhenTheCacheCannotBeWritten() throws IOException {
		Path notADirectory = Files.writeString(this.directory.resolve("file"), "");
		this.settings.put("outrigger.config-cache.dir", notADirectory.toString());
		ConfigData served = CachedConfigTests.served();
		given(this.configClient.apply(this.load)).willReturn(served);

		assertThat(this.interceptor.apply(this.load)).isSameAs(served);
		assertThat(this.source.get().kind()).isEqualTo(Kind.SERVER);
		assertThat(this.source.get().cacheFile()).isNull();
		then(this.log).should().warn(contains("Could not cache the config in " + notADirectory.resolve("catalog.json")));
	}

	@Test
	void neitherCachesNorFallsBackWhenDisabled() {
		this.settings.put("outrigger.config-cache.enabled", "false");
		given(this.configClient.apply(this.load)).willReturn(CachedConfigTests.served()).willThrow(UNREACHABLE);

		this.interceptor.apply(this.load);
		assertThatExceptionOfType(ConfigClientFailFastException.class).isThrownBy(() -> this.interceptor.apply(this.load))
			.isSameAs(UNREACHABLE);

		assertThat(cacheFile()).doesNotExist();
		assertThat(this.source.get()).isNull();
	}

	@Test
	void switchesBackToTheServerAtTheNextLoadItAnswers() {
		given(this.configClient.apply(this.load)).willReturn(CachedConfigTests.served())
			.willThrow(UNREACHABLE)
			.willReturn(CachedConfigTests.served());
		this.interceptor.apply(this.load);
		this.interceptor.apply(this.load);

		this.interceptor.apply(this.load);

		assertThat(this.source.get().kind()).isEqualTo(Kind.SERVER);
	}

	private Path cacheFile() {
		return this.directory.resolve("catalog.json");
	}

}
