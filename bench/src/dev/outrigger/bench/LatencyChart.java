package dev.outrigger.bench;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.FontMetrics;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.geom.Path2D;
import java.awt.image.BufferedImage;
import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import javax.imageio.ImageIO;

/**
 * Draws the results CSV as a PNG: latency by percentile per path at the fixed rate (left), and
 * maximum throughput per path (right). Headless Java2D, no other dependency.
 *
 * <p>
 * Usage: {@code LatencyChart RESULTS.csv OUT.png TITLE}. Reads rows {@code curve,PATH,PERCENTILE,MS,ms}
 * and {@code throughput,PATH,rps_median,VALUE,req/s}.
 */
public final class LatencyChart {

	private static final Color[] COLORS = { new Color(0x1f77b4), new Color(0x2ca02c), new Color(0x9467bd),
			new Color(0xd62728), new Color(0xff7f0e), new Color(0x8c564b), new Color(0x17becf), new Color(0x7f7f7f) };

	private static final int WIDTH = 1400;

	private static final int HEIGHT = 640;

	private static final double MAX_NINES = 4; // 99.99 %

	public static void main(String[] args) throws IOException {
		System.setProperty("java.awt.headless", "true");
		Map<String, List<double[]>> curves = new LinkedHashMap<>();
		Map<String, Double> throughput = new LinkedHashMap<>();
		for (String line : Files.readAllLines(Path.of(args[0]), StandardCharsets.UTF_8)) {
			String[] cells = line.split(",", -1);
			if (cells.length < 4 || cells[3].isEmpty()) {
				continue;
			}
			if (cells[0].equals("curve")) {
				curves.computeIfAbsent(cells[1], (k) -> new ArrayList<>())
					.add(new double[] { Double.parseDouble(cells[2]), Double.parseDouble(cells[3]) });
			}
			else if (cells[0].equals("throughput") && cells[2].equals("rps_median")) {
				throughput.put(cells[1], Double.parseDouble(cells[3]));
			}
		}
		BufferedImage image = new BufferedImage(WIDTH, HEIGHT, BufferedImage.TYPE_INT_RGB);
		Graphics2D g = image.createGraphics();
		g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
		g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
		g.setColor(Color.WHITE);
		g.fillRect(0, 0, WIDTH, HEIGHT);
		g.setColor(Color.BLACK);
		g.setFont(new Font(Font.SANS_SERIF, Font.BOLD, 18));
		g.drawString((args.length > 2) ? args[2] : "Outrigger benchmark", 20, 30);
		List<String> paths = new ArrayList<>(curves.keySet());
		for (String path : throughput.keySet()) {
			if (!paths.contains(path)) {
				paths.add(path);
			}
		}
		drawCurves(g, curves, paths, 80, 70, 820, 480);
		drawBars(g, throughput, paths, 1010, 70, 360, 480);
		g.dispose();
		ImageIO.write(image, "png", new File(args[1]));
	}

	private static Color color(List<String> paths, String path) {
		return COLORS[paths.indexOf(path) % COLORS.length];
	}

	private static double nines(double percentile) {
		return Math.min(MAX_NINES, -Math.log10(Math.max(1e-9, 1 - percentile / 100.0)));
	}

	private static void drawCurves(Graphics2D g, Map<String, List<double[]>> curves, List<String> paths, int x0, int y0,
			int w, int h) {
		double lo = Double.MAX_VALUE;
		double hi = 0;
		for (List<double[]> curve : curves.values()) {
			for (double[] point : curve) {
				if (point[0] <= 99.99 && point[1] > 0) {
					lo = Math.min(lo, point[1]);
					hi = Math.max(hi, point[1]);
				}
			}
		}
		if (hi == 0) {
			lo = 0.1;
			hi = 10;
		}
		double logLo = Math.log10(niceStep(lo, false));
		double logHi = Math.log10(niceStep(hi, true));
		if (logHi - logLo < 1) {
			logHi = logLo + 1;
		}
		g.setFont(new Font(Font.SANS_SERIF, Font.BOLD, 14));
		g.setColor(Color.BLACK);
		g.drawString("Latency at the fixed rate, from intended send time (ms, log scale) by percentile", x0, y0 - 12);
		g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 12));
		FontMetrics metrics = g.getFontMetrics();
		for (double decade = Math.floor(logLo); decade <= logHi; decade++) {
			for (int m : new int[] { 1, 2, 5 }) {
				double value = m * Math.pow(10, decade);
				double ly = Math.log10(value);
				if (ly > logHi + 1e-9 || ly < logLo - 1e-9) {
					continue;
				}
				int y = y0 + h - (int) Math.round((ly - logLo) / (logHi - logLo) * h);
				g.setColor(new Color(0xe6e6e6));
				g.drawLine(x0, y, x0 + w, y);
				g.setColor(Color.DARK_GRAY);
				String label = trim(value);
				g.drawString(label, x0 - 8 - metrics.stringWidth(label), y + 4);
			}
		}
		String[] xLabels = { "0%", "90%", "99%", "99.9%", "99.99%" };
		for (int n = 0; n <= MAX_NINES; n++) {
			int x = x0 + (int) Math.round(n / MAX_NINES * w);
			g.setColor(new Color(0xe6e6e6));
			g.drawLine(x, y0, x, y0 + h);
			g.setColor(Color.DARK_GRAY);
			g.drawString(xLabels[n], x - metrics.stringWidth(xLabels[n]) / 2, y0 + h + 18);
		}
		g.drawString("percentile", x0 + w / 2 - 25, y0 + h + 36);
		g.setColor(Color.BLACK);
		g.drawRect(x0, y0, w, h);
		g.setStroke(new BasicStroke(2.2f));
		int legendY = y0 + 20;
		for (String path : paths) {
			List<double[]> curve = curves.get(path);
			if (curve == null) {
				continue;
			}
			Path2D line = new Path2D.Double();
			boolean first = true;
			for (double[] point : curve) {
				if (point[0] > 99.99 || point[1] <= 0) {
					continue;
				}
				double x = x0 + nines(point[0]) / MAX_NINES * w;
				double ly = Math.max(logLo, Math.min(logHi, Math.log10(point[1])));
				double y = y0 + h - (ly - logLo) / (logHi - logLo) * h;
				if (first) {
					line.moveTo(x, y);
					first = false;
				}
				else {
					line.lineTo(x, y);
				}
			}
			g.setColor(color(paths, path));
			g.draw(line);
			g.drawLine(x0 + 14, legendY - 4, x0 + 40, legendY - 4);
			g.setColor(Color.BLACK);
			g.drawString(path, x0 + 46, legendY);
			legendY += 18;
		}
		g.setStroke(new BasicStroke(1f));
	}

	private static void drawBars(Graphics2D g, Map<String, Double> throughput, List<String> paths, int x0, int y0, int w,
			int h) {
		g.setFont(new Font(Font.SANS_SERIF, Font.BOLD, 14));
		g.setColor(Color.BLACK);
		g.drawString("Max throughput, wrk (req/s, median of rounds)", x0 - 40, y0 - 12);
		g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 12));
		FontMetrics metrics = g.getFontMetrics();
		double max = throughput.values().stream().mapToDouble(Double::doubleValue).max().orElse(1);
		int rows = Math.max(1, throughput.size());
		int slot = h / rows;
		int labelWidth = 0;
		for (String path : throughput.keySet()) {
			labelWidth = Math.max(labelWidth, metrics.stringWidth(shortName(path)));
		}
		int barX = x0 - 40 + labelWidth + 8;
		int barW = x0 + w - barX - 60;
		int row = 0;
		for (String path : paths) {
			Double rps = throughput.get(path);
			if (rps == null) {
				continue;
			}
			int y = y0 + row * slot + slot / 4;
			int len = (int) Math.round(rps / max * barW);
			g.setColor(color(paths, path));
			g.fillRect(barX, y, Math.max(1, len), slot / 2);
			g.setColor(Color.BLACK);
			g.drawString(shortName(path), barX - 8 - metrics.stringWidth(shortName(path)), y + slot / 4 + 4);
			g.drawString(String.format(Locale.ROOT, "%,.0f", rps), barX + len + 6, y + slot / 4 + 4);
			row++;
		}
		g.drawLine(barX, y0, barX, y0 + h);
	}

	/** The 1-2-5 step at or below (or at or above, when {@code up}) a positive value. */
	private static double niceStep(double value, boolean up) {
		double decade = Math.pow(10, Math.floor(Math.log10(value)));
		double[] steps = { 1, 2, 5, 10 };
		double chosen = up ? 10 * decade : decade;
		for (double step : steps) {
			double candidate = step * decade;
			if (up && candidate >= value * (1 - 1e-9)) {
				return candidate;
			}
			if (!up && candidate <= value * (1 + 1e-9)) {
				chosen = candidate;
			}
		}
		return chosen;
	}

	private static String shortName(String path) {
		int space = path.indexOf(' ');
		return (space > 0) ? path.substring(0, space) : path;
	}

	private static String trim(double value) {
		String text = String.format(Locale.ROOT, "%.3f", value);
		text = text.replaceAll("0+$", "");
		return text.endsWith(".") ? text.substring(0, text.length() - 1) : text;
	}

}
