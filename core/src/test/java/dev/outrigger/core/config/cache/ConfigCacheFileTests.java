package dev.outrigger.core.config.cache;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicBoolean;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import org.springframework.boot.context.config.ConfigData.Option;

import dev.outrigger.core.config.cache.CachedConfig.Identity;
import dev.outrigger.core.config.cache.CachedConfig.Source;

import static dev.outrigger.core.config.cache.CachedConfigTests.IDENTITY;
import static dev.outrigger.core.config.cache.CachedConfigTests.SERVED_AT;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

class ConfigCacheFileTests {

	@TempDir
	Path directory;

	@Test
	void readsBackWhatItWrote() throws Exception {
		ConfigCacheFile file = new ConfigCacheFile(this.directory, IDENTITY);
		CachedConfig config = CachedConfig.of(IDENTITY, CachedConfigTests.served(), SERVED_AT);

		file.write(config);

		assertThat(file.path()).isEqualTo(this.directory.resolve("catalog.json"));
		assertThat(file.read()).isEqualTo(config);
	}

	@Test
	void keepsTextThatNeedsEscaping() throws Exception {
		ConfigCacheFile file = new ConfigCacheFile(this.directory, IDENTITY);
		CachedConfig config = config("v1", Map.of("banner", "a \"quoted\"\n\\path\u00e9\u2603"));

		file.write(config);

		assertThat(file.read()).isEqualTo(config);
	}

	@Test
	void hasNothingToReadBeforeTheFirstWrite() throws Exception {
		assertThat(new ConfigCacheFile(this.directory, IDENTITY).read()).isNull();
	}

	@Test
	void replacesTheFileAndLeavesNoTemporaryFileBehind() throws Exception {
		ConfigCacheFile file = new ConfigCacheFile(this.directory, IDENTITY);

		file.write(config("v1", Map.of("a", "1")));
		file.write(config("v2", Map.of("a", "2")));

		assertThat(file.read().version()).isEqualTo("v2");
		try (var files = Files.list(this.directory)) {
			assertThat(files).containsExactly(file.path());
		}
	}

	@Test
	void aReaderNeverSeesHalfAFileWhileItIsReplaced() throws Exception {
		ConfigCacheFile file = new ConfigCacheFile(this.directory, IDENTITY);
		file.write(config("v0", Map.of("big", "x".repeat(200_000))));
		AtomicBoolean writing = new AtomicBoolean(true);
		CompletableFuture<Void> writer = CompletableFuture.runAsync(() -> {
			try {
				for (int i = 1; i <= 50; i++) {
					file.write(config("v" + i, Map.of("big", String.valueOf(i).repeat(200_000))));
				}
			}
			catch (IOException ex) {
				throw new IllegalStateException(ex);
			}
			finally {
				writing.set(false);
			}
		});

		int reads = 0;
		while (writing.get()) {
			CachedConfig read = file.read();
			String big = read.sources().get(0).properties().get("big");
			assertThat(big).hasSize(200_000 * read.version().substring(1).length());
			reads++;
		}
		writer.join();

		assertThat(reads).isPositive();
	}

	@Test
	void createsTheDirectoryAndFileReadableByItsOwnerOnly() throws Exception {
		Path nested = this.directory.resolve("run/config-cache");
		ConfigCacheFile file = new ConfigCacheFile(nested, IDENTITY);

		file.write(config("v1", Map.of()));

		assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(nested))).isEqualTo("rwx------");
		assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file.path()))).isEqualTo("rw-------");
	}

	@Test
	void failsToWriteWhereTheDirectoryCannotBe() throws IOException {
		Path notADirectory = Files.writeString(this.directory.resolve("file"), "");
		ConfigCacheFile file = new ConfigCacheFile(notADirectory, IDENTITY);

		assertThatExceptionOfType(IOException.class).isThrownBy(() -> file.write(config("v1", Map.of())));
	}

	@Test
	void rejectsTheConfigOfAnotherServerNamingBoth() throws Exception {
		Identity other = new Identity("catalog", "default", null, "http://10.0.0.9:8888");
		new ConfigCacheFile(this.directory, other).write(new CachedConfig(other, "v1", null, SERVED_AT, List.of()));

		assertThatExceptionOfType(InvalidConfigCacheException.class)
			.isThrownBy(() -> new ConfigCacheFile(this.directory, IDENTITY).read())
			.withMessage("Config cache file " + this.directory.resolve("catalog.json")
					+ " is unusable: it holds the config of catalog/default from http://10.0.0.9:8888, not of "
					+ "catalog/default from http://127.0.0.1:8888");
	}

	@Test
	void rejectsTheConfigOfAnotherLabel() throws Exception {
		Identity other = new Identity("catalog", "default", "release-7", IDENTITY.server());
		new ConfigCacheFile(this.directory, other).write(new CachedConfig(other, "v1", null, SERVED_AT, List.of()));

		assertThatExceptionOfType(InvalidConfigCacheException.class)
			.isThrownBy(() -> new ConfigCacheFile(this.directory, IDENTITY).read())
			.withMessageContaining("catalog/default/release-7 from");
	}

	@ParameterizedTest(name = "{0}")
	@CsvSource(delimiter = '|', textBlock = """
			truncated                | {"format":1,"application":"cat                   | it is not a JSON object
			not an object            | ["catalog"]                                        | it is not a JSON object
			other format             | {"format":2}                                       | its format is 2, not 1
			no format                | {"application":"catalog"}                          | its format is null, not 1
			missing field            | {"format":1,"application":"catalog","profiles":"default"} | server is missing
			field of the wrong type  | {"format":1,"application":7}                       | application is not a string: 7
			bad instant              | {"format":1,"application":"catalog","profiles":"default","server":"http://127.0.0.1:8888","servedAt":"yesterday"} | servedAt is not an instant: yesterday
			sources not a list       | {"format":1,"application":"catalog","profiles":"default","server":"http://127.0.0.1:8888","servedAt":"2026-11-25T10:15:30Z","propertySources":{}} | propertySources is not a list
			unknown option           | {"format":1,"application":"catalog","profiles":"default","server":"http://127.0.0.1:8888","servedAt":"2026-11-25T10:15:30Z","propertySources":[{"name":"s","options":["MERGE"],"properties":{}}]} | property source s has an unknown option MERGE
			value not text           | {"format":1,"application":"catalog","profiles":"default","server":"http://127.0.0.1:8888","servedAt":"2026-11-25T10:15:30Z","propertySources":[{"name":"s","options":[],"properties":{"a":{"b":1}}}]} | property a of s is not a string
			""")
	void rejectsACorruptFileSayingWhy(String corruption, String content, String reason) throws IOException {
		Files.writeString(this.directory.resolve("catalog.json"), content);

		assertThatExceptionOfType(InvalidConfigCacheException.class)
			.isThrownBy(() -> new ConfigCacheFile(this.directory, IDENTITY).read())
			.withMessageStartingWith("Config cache file " + this.directory.resolve("catalog.json") + " is unusable: ")
			.withMessageContaining(reason);
	}

	@Test
	void rejectsAFileThatIsNotText() throws IOException {
		Files.write(this.directory.resolve("catalog.json"), new byte[] { (byte) 0xC3, (byte) 0x28, 0 });

		assertThatExceptionOfType(InvalidConfigCacheException.class)
			.isThrownBy(() -> new ConfigCacheFile(this.directory, IDENTITY).read())
			.withMessageEndingWith("is unusable: it is not UTF-8 text");
	}

	@Test
	void writesReadableJson() throws Exception {
		new ConfigCacheFile(this.directory, IDENTITY).write(config("v1", Map.of("a", "1")));

		assertThat(Files.readString(this.directory.resolve("catalog.json"), StandardCharsets.UTF_8))
			.isEqualTo("{\"format\":1,\"application\":\"catalog\",\"profiles\":\"default\","
					+ "\"server\":\"http://127.0.0.1:8888\",\"version\":\"v1\",\"servedAt\":\"2026-11-25T10:15:30Z\","
					+ "\"propertySources\":[{\"name\":\"configserver:catalog.yml\",\"options\":[\"IGNORE_IMPORTS\"],"
					+ "\"properties\":{\"a\":\"1\"}}]}\n");
	}

	private static CachedConfig config(String version, Map<String, String> properties) {
		return new CachedConfig(IDENTITY, version, null, SERVED_AT,
				List.of(new Source("configserver:catalog.yml", Set.of(Option.IGNORE_IMPORTS), properties)));
	}

}
