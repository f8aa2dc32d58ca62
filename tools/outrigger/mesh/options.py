"""Reading the command-line values: replicas, versions, config repo, run directory."""

import re
from pathlib import Path

from .errors import MeshError
from .settings import DEFAULT_CONFIG_REPO, DEFAULT_RUN_DIR, MAX_REPLICAS, SERVICES


def parse_replicas(items):
    """Returns {service: count} from `svc=N` items (also comma separated)."""
    replicas = {service: 1 for service in SERVICES}
    for item in (part for raw in items or [] for part in raw.split(",") if part):
        match = re.fullmatch(r"([a-z]+)=(\d+)", item.strip())
        if not match or match.group(1) not in SERVICES:
            raise MeshError(f"bad --replicas '{item}': expected SERVICE=N with SERVICE one of "
                            f"{', '.join(SERVICES)}", hint="e.g. --replicas catalog=2")
        count = int(match.group(2))
        if not 1 <= count <= MAX_REPLICAS:
            raise MeshError(f"bad --replicas '{item}': N must be between 1 and {MAX_REPLICAS}")
        replicas[match.group(1)] = count
    return replicas


def parse_versions(items, replicas):
    """Returns {instance name: version} from `catalog-2=v2` items."""
    versions = {}
    for item in items or []:
        match = re.fullmatch(r"([a-z]+)-(\d+)=([A-Za-z0-9._-]+)", item.strip())
        if not match or match.group(1) not in SERVICES \
                or not 1 <= int(match.group(2)) <= replicas[match.group(1)]:
            raise MeshError(f"bad --set-version '{item}': expected INSTANCE=VERSION for a "
                            f"planned instance", hint="e.g. --replicas catalog=2 "
                                                      "--set-version catalog-2=v2")
        versions[f"{match.group(1)}-{match.group(2)}"] = match.group(3)
    return versions


def is_git_uri(value):
    return bool(re.match(r"^[A-Za-z][A-Za-z0-9+.-]*://", value)) or value.startswith("git@")


def resolve_config_repo(value):
    if value is None:
        return str(DEFAULT_CONFIG_REPO)
    if is_git_uri(value):
        return value
    path = Path(value).expanduser().resolve()
    if not path.is_dir():
        raise MeshError(f"config repo {path} is not a directory",
                        hint="pass a folder or a git URI (file://, https://, ssh://, git@...)")
    return str(path)


def resolve_run_dir(value):
    return Path(value).expanduser().resolve() if value else DEFAULT_RUN_DIR


def run_dir_arg(run_dir):
    """The --run-dir option to repeat in a hint, or nothing for the default run directory."""
    return "" if run_dir == DEFAULT_RUN_DIR else f" --run-dir {run_dir}"
