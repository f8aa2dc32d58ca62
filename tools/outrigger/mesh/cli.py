"""The command line of ./mesh: help text, options, and errors printed as one line plus a hint."""

import argparse
import sys

from . import commands
from .errors import MeshError
from .settings import (DEFAULT_CONFIG_REPO, DEFAULT_RUN_DIR, HEALTH_TIMEOUT_S, INSTANCE_BASE,
                       INSTANCE_STRIDE, MAX_REPLICAS, SERVICE_STRIDE, SERVICES, STOP_GRACE_S)

HELP = f"""\
Run the Outrigger service mesh on this machine as local processes.

commands:
  up       build what is missing, start the mesh, wait until every part is healthy
  down     stop everything `up` started, in parallel: sidecars and gateway at once, each app
           once its sidecar is gone, the control plane once no sidecar or gateway runs
  status   table of components: PID, ports, health, config revision, each sidecar's Eureka
           status; then the revision the config server serves and any revision it refused
  stop     stop recorded components by name, e.g. `./mesh stop catalog-1` (its sidecar stays):
           SIGTERM, SIGKILL after a grace period; `--kill` sends SIGKILL at once, like a crash
  start    start stopped components again with their recorded command, and wait for health
  logs     print the end of a component's log (-f to follow)
  validate check a config repo folder (default ./config-repo) with the config server's own
           validator: file:line: reason per problem; exit 0 valid, 1 it would be refused

topology:
  registry (Eureka), config-server, zipkin (if its jar can be fetched), gateway, and per demo
  service ({', '.join(SERVICES)}) one app instance plus its sidecar. `--replicas catalog=2`
  adds instances; each instance is NAME-N with a sidecar NAME-N-sidecar. Every instance is
  version v1 unless `--set-version catalog-2=v2` labels it (CATALOG_VERSION and Eureka metadata).

ports (default; `--free-ports` picks every port free instead):
  gateway 8080, registry 8761, config-server 8888, zipkin 9411
  instance N (1-based) of service S (catalog=0, orders=1, payments=2) uses the block
  base = {INSTANCE_BASE} + {SERVICE_STRIDE}*S + {INSTANCE_STRIDE}*(N-1):
    base+0 sidecar admin, base+1 sidecar outbound, base+6 sidecar inbound, base+8 app
  e.g. catalog-1 admin/outbound/inbound/app = 16000/16001/16006/16008, catalog-2 16010..,
  orders-1 16100.., payments-1 16200..; at most {MAX_REPLICAS} instances per service

files:
  RUN_DIR/state.json       what is running (name, role, pid, ports, health URL, log, cmd, env, cwd)
  RUN_DIR/logs/NAME.log    one log per process; build.log for the Maven build
  RUN_DIR/config-published the revisions the config server validated and serves
  RUN_DIR defaults to {DEFAULT_RUN_DIR} (--run-dir to change it)

environment:
  OUTRIGGER_JAVA   java binary to use (else $JAVA_HOME/bin/java, else java on PATH); Java 17+

`up` is idempotent: it starts whatever is requested or recorded and not running, keeping the
recorded ports; a smaller --replicas does not stop instances (use `stop` or `down`).
Started processes run in their own session, so they outlive this command; `down` stops them
(each gets SIGTERM, and SIGKILL if it is still running {STOP_GRACE_S} s later).
Processes that `mesh` did not start are never signalled.
"""


def parser():
    root = argparse.ArgumentParser(prog="mesh", description=HELP,
                                   formatter_class=argparse.RawDescriptionHelpFormatter)
    subcommands = root.add_subparsers(dest="command", metavar="COMMAND")
    up = add_command(subcommands, "up", commands.cmd_up, "start the mesh (idempotent)")
    up.add_argument("--replicas", action="append", metavar="SVC=N",
                    help=f"instances of a demo service ({', '.join(SERVICES)}); repeatable")
    up.add_argument("--set-version", action="append", metavar="INSTANCE=VER",
                    help="version label of one instance, e.g. catalog-2=v2 (default v1)")
    up.add_argument("--free-ports", action="store_true",
                    help="choose every port free (binding port 0) instead of the defaults")
    up.add_argument("--config-repo", metavar="DIR_OR_GIT_URI",
                    help=f"config repo: a folder (edits apply on save) or a git URI "
                         f"(commits apply); default {DEFAULT_CONFIG_REPO}")
    up.add_argument("--no-build", action="store_true", help="fail instead of building missing jars")
    up.add_argument("--no-zipkin", action="store_true", help="run without Zipkin (no tracing)")
    add_timeout(up)
    add_command(subcommands, "down", commands.cmd_down, "stop everything up started")
    status = add_command(subcommands, "status", commands.cmd_status,
                         "show components and their health")
    status.add_argument("--json", action="store_true", help="print JSON instead of a table")
    stop = add_command(subcommands, "stop", commands.cmd_stop, "stop components, e.g. catalog-1")
    stop.add_argument("names", nargs="+", metavar="NAME")
    stop.add_argument("--kill", action="store_true",
                      help="SIGKILL at once instead of SIGTERM and a grace period (a crash)")
    start = add_command(subcommands, "start", commands.cmd_start,
                        "start stopped components again")
    start.add_argument("names", nargs="+", metavar="NAME")
    add_timeout(start)
    validate = subcommands.add_parser("validate", help="check a config repo folder as the config "
                                      "server would (exit 0 valid, 1 refused)",
                                      description="Runs the config server's validator on a folder "
                                      "(default: the bundled config-repo) and prints file:line: "
                                      "reason for each problem; exit 0 when the config server "
                                      "would apply it, 1 when it would refuse it.")
    validate.add_argument("dir", nargs="?",
                          help=f"config repo folder (default {DEFAULT_CONFIG_REPO})")
    validate.set_defaults(handler=commands.cmd_validate)
    logs = add_command(subcommands, "logs", commands.cmd_logs, "print the end of a component's log")
    logs.add_argument("name", metavar="NAME")
    logs.add_argument("-n", type=int, default=50, metavar="N", help="lines to print (default 50)")
    logs.add_argument("-f", "--follow", action="store_true", help="keep printing new lines")
    return root


def add_command(subcommands, name, handler, summary):
    command = subcommands.add_parser(name, help=summary, description=summary)
    command.add_argument("--run-dir", metavar="DIR",
                         help=f"where state and logs live (default {DEFAULT_RUN_DIR})")
    command.set_defaults(handler=handler)
    return command


def add_timeout(command):
    command.add_argument("--timeout", type=float, default=HEALTH_TIMEOUT_S, metavar="SECONDS",
                         help=f"health wait per component (default {HEALTH_TIMEOUT_S})")


def main(argv):
    args = parser().parse_args(argv)
    if not getattr(args, "handler", None):
        parser().print_help()
        return 1
    try:
        args.handler(args)
    except MeshError as error:
        print(f"mesh: error: {error}", file=sys.stderr)
        if error.details:
            print(error.details.rstrip("\n"), file=sys.stderr)
        if error.hint:
            print(f"  hint: {error.hint}", file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        print("\nInterrupted. What started keeps running; ./mesh down stops it.", file=sys.stderr)
        return 130
    except BrokenPipeError:
        return 0
    return 0
