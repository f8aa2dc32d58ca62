package dev.outrigger.configserver.validation;

import java.io.IOException;
import java.io.StringReader;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.error.MarkedYAMLException;
import org.yaml.snakeyaml.error.YAMLException;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;

/** Reads config files into {@link Setting}s with their lines, reporting what cannot be read. */
final class ConfigFiles {

	private ConfigFiles() {
	}

	/** The settings of one file; syntax errors go to {@code problems}. */
	static List<Setting> read(String file, String content, List<Problem> problems) {
		List<Setting> settings = new ArrayList<>();
		if (file.endsWith(".properties")) {
			readProperties(file, content, settings, problems);
			return settings;
		}
		try {
			for (Node document : new Yaml(new LoaderOptions()).composeAll(new StringReader(content))) {
				if (document != null) {
					walk(file, document, new ArrayList<>(), settings, problems);
				}
			}
		}
		catch (MarkedYAMLException ex) {
			int line = (ex.getProblemMark() != null) ? ex.getProblemMark().getLine() + 1 : 0;
			problems.add(Problem.error(file, line, "not valid YAML: " + ex.getProblem()
					+ ((ex.getContext() != null) ? " (" + ex.getContext() + ")" : "")));
		}
		catch (YAMLException ex) {
			problems.add(Problem.error(file, 0, "not valid YAML: " + ex.getMessage()));
		}
		return settings;
	}

	private static void walk(String file, Node node, List<String> path, List<Setting> settings,
			List<Problem> problems) {
		if (node instanceof MappingNode mapping) {
			Set<String> seen = new HashSet<>();
			for (NodeTuple tuple : mapping.getValue()) {
				int line = tuple.getKeyNode().getStartMark().getLine() + 1;
				if (!(tuple.getKeyNode() instanceof ScalarNode key)) {
					problems.add(Problem.error(file, line, "a key must be plain text"));
					continue;
				}
				List<String> child = new ArrayList<>(path);
				child.addAll(segments(key.getValue()));
				if (!seen.add(Setting.key(child))) {
					problems.add(Problem.error(file, line, "duplicate key '" + Setting.key(child) + "'"));
				}
				walk(file, tuple.getValueNode(), child, settings, problems);
			}
		}
		else if (node instanceof SequenceNode sequence) {
			List<Node> items = sequence.getValue();
			for (int i = 0; i < items.size(); i++) {
				List<String> child = new ArrayList<>(path);
				child.add("[" + i + "]");
				walk(file, items.get(i), child, settings, problems);
			}
		}
		else if (node instanceof ScalarNode scalar) {
			settings.add(new Setting(file, node.getStartMark().getLine() + 1, List.copyOf(path), scalar.getValue()));
		}
	}

	// "a.b[0].c" written as one key is the same setting as nested keys
	private static List<String> segments(String key) {
		List<String> segments = new ArrayList<>();
		for (String part : key.split("\\.")) {
			int bracket = part.indexOf('[');
			if (bracket > 0) {
				segments.add(part.substring(0, bracket));
				segments.add(part.substring(bracket));
			}
			else {
				segments.add(part);
			}
		}
		return segments;
	}

	private static void readProperties(String file, String content, List<Setting> settings, List<Problem> problems) {
		String[] lines = content.split("\n", -1);
		for (int i = 0; i < lines.length; i++) {
			String line = lines[i].strip();
			if (line.isEmpty() || line.startsWith("#") || line.startsWith("!")) {
				continue;
			}
			int separator = indexOfSeparator(line);
			if (separator < 0) {
				problems.add(Problem.error(file, i + 1, "expected key=value"));
				continue;
			}
			java.util.Properties one = new java.util.Properties();
			try {
				one.load(new StringReader(line));
			}
			catch (IOException | IllegalArgumentException ex) {
				problems.add(Problem.error(file, i + 1, "not a valid property: " + ex.getMessage()));
				continue;
			}
			for (String key : one.stringPropertyNames()) {
				settings.add(new Setting(file, i + 1, segments(key), one.getProperty(key)));
			}
		}
	}

	private static int indexOfSeparator(String line) {
		for (int i = 0; i < line.length(); i++) {
			char c = line.charAt(i);
			if (c == '=' || c == ':') {
				return i;
			}
		}
		return line.indexOf(' ');
	}

}
