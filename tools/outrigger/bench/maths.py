"""The report's arithmetic: medians, ratios, added latency, CPU per request, start-up samples,
noise, and the budget lines. Pure functions of the measured numbers."""

import statistics

from .settings import DISTURBED_PCT

# The budget of the data plane: each line is met or not in every report.
SIDECAR_VS_NGINX_MIN = 0.60  # one sidecar hop, max req/s, as a share of nginx's
HOP_LATENCY_MAX_MS = {"p50": 0.5, "p99": 2.0}  # latency one hop adds at the fixed rate
GATEWAY_VS_DIRECT_MIN = 0.35  # the gateway path, max req/s, as a share of the direct call's
SIDECAR_RSS_MAX_MIB = 128
SIDECAR_RSS_STRETCH_MIB = 96
SIDECAR_CORES_PER_1000_MAX = 0.15  # CPU seconds per 1000 requests = cores at 1000 req/s
STARTUP_MAX_S = {"java25+aot": 1.0, "java17": 3.0, "java17+cds": 3.0}  # ready + registered UP


def fmt(value, digits=2):
    if value is None:
        return "n/a"
    return f"{value:,.{digits}f}"


def median_rps(runs):
    """Median req/s of wrk runs, leaving out runs that measured nothing; None if none did."""
    values = [r["rps"] for r in runs if r["rps"] is not None]
    return statistics.median(values) if values else None


def ratio(value, base):
    """value / base, or None when either is missing or zero."""
    return value / base if value and base else None


def added(value, base):
    """What a path adds to the base (e.g. latency over the direct call), or None."""
    return value - base if value is not None and base is not None else None


def per_hop(value, base, hops):
    """Latency each of `hops` hops adds over the base, or None."""
    extra = added(value, base)
    return extra / hops if extra is not None else None


def per_thousand(cpu_s, requests):
    """CPU seconds per 1000 requests (= cores busy at 1000 req/s), or None without requests."""
    return cpu_s / requests * 1000 if cpu_s is not None and requests else None


def mib(kib):
    return kib / 1024 if kib else None


def ready_registered(startup, variant, quick):
    """(seconds, detail) of a sidecar variant: until it was ready and registered UP, the median
    of the dedicated samples nothing disturbed (else of all, else the load-test instance)."""
    samples = [s for s in startup if s["component"] == "sidecar" and s["variant"] == variant]
    dedicated = [s for s in samples if s["sample"] > 0]
    quiet = [s for s in dedicated if not s.get("disturbed")]
    chosen, what = (quiet, "undisturbed ") if quiet else (dedicated, "") if dedicated else (samples, "")
    if not chosen:
        return None, "not measured" + (" (--quick)" if quick else "")
    values = [max(s["ready_s"], s["registered_s"] or 0) for s in chosen]
    detail = f"median of {len(values)} {what}sample{'s' if len(values) > 1 else ''}"
    if not dedicated:
        detail += " (the load-test instance" + (", started with 2 other JVMs)" if quick else ")")
    if dedicated and len(quiet) < len(dedicated):
        detail += f"; {len(dedicated) - len(quiet)} disturbed sample(s) left out" if quiet else \
            "; all samples disturbed"
    return statistics.median(values), detail


def disturbed_summary(runs):
    """Says how many measurements other processes disturbed, or '' when none."""
    bad = [r for r in runs if r.get("others_pct", 0) >= DISTURBED_PCT]
    if not bad:
        return ""
    return (f"other processes used {DISTURBED_PCT} % or more of the CPUs during {len(bad)} of {len(runs)} "
            f"measurements (up to {max(r['others_pct'] for r in bad):.0f} %)")


def budget(rps, latency, rss_peak_kib, cpu, startup, rate, quick):
    """The budget lines: (metric, budget, measured value, unit, met, detail).

    rps: {path: median req/s}; latency: {path: {"p50": ms, "p99": ms}} at the fixed rate;
    rss_peak_kib: {process: KiB}; cpu: {(path, process): (CPU s, requests)}; startup: samples.
    """
    rows = []

    def line(metric, limit, value, unit, ok, detail=""):
        rows.append((metric, limit, value, unit, ok, detail))

    nginx, hop, direct, gateway = rps.get("2-nginx"), rps.get("4-sidecar"), rps.get("1-direct"), \
        rps.get("6-gateway")
    share = ratio(hop, nginx)
    line("one sidecar hop, max req/s vs nginx", f">= {SIDECAR_VS_NGINX_MIN:.2f} x", share, "x",
         share is not None and share >= SIDECAR_VS_NGINX_MIN, f"{fmt(hop, 0)} / {fmt(nginx, 0)} req/s")
    for pct, limit in HOP_LATENCY_MAX_MS.items():
        direct_v, hop_v, mesh_v = (latency.get(path, {}).get(pct) for path in ("1-direct", "4-sidecar", "5-mesh"))
        one, two = per_hop(hop_v, direct_v, 1), per_hop(mesh_v, direct_v, 2)
        line(f"added latency per hop at {rate} req/s, {pct}, path 4 - direct", f"<= {limit} ms", one, "ms",
             one is not None and one <= limit, f"{fmt(hop_v, 3)} - {fmt(direct_v, 3)} ms")
        line(f"added latency per hop at {rate} req/s, {pct}, (path 5 - direct) / 2", f"<= {limit} ms", two,
             "ms", two is not None and two <= limit, f"({fmt(mesh_v, 3)} - {fmt(direct_v, 3)}) / 2 ms")
    share = ratio(gateway, direct)
    line("edge gateway (path 6), max req/s vs direct", f">= {GATEWAY_VS_DIRECT_MIN:.2f} x", share, "x",
         share is not None and share >= GATEWAY_VS_DIRECT_MIN, f"{fmt(gateway, 0)} / {fmt(direct, 0)} req/s")
    rss = mib(rss_peak_kib.get("sidecar-bench"))
    line("sidecar RSS under load (peak, sidecar(bench))",
         f"<= {SIDECAR_RSS_MAX_MIB} MiB (stretch {SIDECAR_RSS_STRETCH_MIB})", rss, "MiB",
         rss is not None and rss <= SIDECAR_RSS_MAX_MIB,
         "stretch met" if rss is not None and rss <= SIDECAR_RSS_STRETCH_MIB else "stretch not met")
    cpu_s, requests = cpu.get(("4-sidecar", "sidecar-bench"), (None, 0))
    cores = per_thousand(cpu_s, requests)
    line(f"sidecar CPU per 1000 req/s (path 4 at {rate} req/s)", f"<= {SIDECAR_CORES_PER_1000_MAX} core",
         cores, "core", cores is not None and cores <= SIDECAR_CORES_PER_1000_MAX,
         f"{fmt(cpu_s, 2)} CPU s for {requests} requests")
    for variant, limit in STARTUP_MAX_S.items():
        value, detail = ready_registered(startup, variant, quick)
        line(f"sidecar ready + registered UP, {variant}", f"<= {limit} s", value, "s",
             value is not None and value <= limit, detail)
    return rows
