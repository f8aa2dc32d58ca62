"""What the mesh is made of and where it lives: services, ports, timeouts, paths."""

from pathlib import Path

from ..shared import REPO

DEFAULT_RUN_DIR = REPO / ".mesh"
DEFAULT_CONFIG_REPO = REPO / "config-repo"
PAYMENTS_SCRIPT = REPO / "demo-services" / "payments" / "payments.py"
SERVICES = ("catalog", "orders", "payments")
MAX_REPLICAS = 10
HEALTH_TIMEOUT_S = 120
STOP_GRACE_S = 15
RECORDING_GRACE_S = 45
LOG_TAIL_ON_FAILURE = 20
BUILD_LOG_TAIL = 30

ZIPKIN_ARTIFACT = "io.zipkin:zipkin-server:3.4.0:jar:exec"
ZIPKIN_JAR = (Path.home() / ".m2" / "repository" / "io" / "zipkin" / "zipkin-server"
              / "3.4.0" / "zipkin-server-3.4.0-exec.jar")

# Fixed ports of the control plane and the edge (ignored with --free-ports).
CONTROL_PORTS = {"registry": 8761, "config-server": 8888, "zipkin": 9411, "gateway": 8080}

# Instance ports: one block of 10 per instance, one block of 100 per service, so adding a
# replica never moves the ports of another instance. The last digit mirrors the sidecar ports
# used in docker compose (15000 admin, 15001 outbound, 15006 inbound).
INSTANCE_BASE = 16000
SERVICE_STRIDE = 100
INSTANCE_STRIDE = 10
INSTANCE_OFFSETS = {"admin": 0, "outbound": 1, "inbound": 6, "app": 8}

# Gateway and sidecars fail fast without the control plane, so they start once it is healthy.
GATED_ROLES = ("gateway", "sidecar")
GATE = ("registry", "config-server")
ROLE_ORDER = ("registry", "config-server", "zipkin", "gateway", "app", "sidecar")
LOG_MARK = "==== mesh: starting "

