"""The project's own local Neo4j, for machines without Docker.

``tools/neo4j-embedded`` is a small Java launcher that Maven builds once from Maven Central
(``org.neo4j:neo4j`` and ``org.neo4j:neo4j-bolt``, 5.26 LTS). It runs Neo4j embedded with its
Bolt connector on a loopback address, auth on. This module builds it when needed, starts it
in the background, waits until Bolt answers, and stops it cleanly (SIGTERM).

The launcher is part of the checkout, not of the installed package: ``find_launcher`` takes it
from ``POKIN_NEO4J_LAUNCHER_DIR``, the checkout pokin is imported from (an editable install) or
the checkout holding the current folder, and otherwise says in one ``LocalNeo4jError`` that the
local Neo4j needs the checkout (or ``NEO4J_URI``).
"""

from __future__ import annotations

import os
import shutil
import signal
import socket
import subprocess
import time
from dataclasses import dataclass
from pathlib import Path

from pokin.core.errors import LocalNeo4jError
from pokin.core.i18n import N_, _
from pokin.core.i18n import number as show_number

#: Where the launcher lives in a pokin checkout.
LAUNCHER_IN_CHECKOUT = Path("tools", "neo4j-embedded")
_SOURCE = Path("src", "main", "java", "pokin", "neo4j", "EmbeddedNeo4j.java")
#: The checkout this module was imported from, when it is one (an editable install); for an
#: installed wheel it is the package folder, which holds no launcher.
_MODULE_ROOT = Path(__file__).resolve().parents[1]

NO_CHECKOUT = N_(  # translated where shown
    "the local Neo4j needs the pokin checkout (its tools/neo4j-embedded launcher): run pokin "
    "inside the checkout or set POKIN_NEO4J_LAUNCHER_DIR to that folder; or set NEO4J_URI to "
    "use another Neo4j"
)


def free_port(host: str = "127.0.0.1") -> int:
    """A TCP port on ``host`` that nothing listens on right now."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind((host, 0))
        return sock.getsockname()[1]


def port_open(host: str, port: int) -> bool:
    try:
        with socket.create_connection((host, port), timeout=0.5):
            return True
    except OSError:
        return False


def _holds_launcher(folder: Path) -> bool:
    return (folder / "pom.xml").is_file() and (folder / _SOURCE).is_file()


@dataclass(frozen=True)
class Launcher:
    """The launcher's folder (``tools/neo4j-embedded`` of a checkout) and what Maven builds
    in it."""

    folder: Path

    @property
    def source(self) -> Path:
        return self.folder / _SOURCE

    @property
    def classes(self) -> Path:
        return self.folder / "target" / "classes"

    @property
    def lib(self) -> Path:
        return self.folder / "target" / "lib"

    @property
    def default_home(self) -> Path:
        """The data folder of ``pokin neo4j up``: ``.pokin/neo4j`` of the checkout."""
        return self.folder.parents[1] / ".pokin" / "neo4j"

    def built(self) -> bool:
        main_class = self.classes / "pokin" / "neo4j" / "EmbeddedNeo4j.class"
        return (
            main_class.exists()
            and self.lib.is_dir()
            and any(self.lib.glob("neo4j-bolt-*.jar"))
            and main_class.stat().st_mtime >= self.source.stat().st_mtime
            and main_class.stat().st_mtime >= (self.folder / "pom.xml").stat().st_mtime
        )

    def build(self) -> None:
        """Build with Maven unless built already (later starts download nothing)."""
        if self.built():
            return
        mvn = shutil.which("mvn")
        if mvn is None:
            raise LocalNeo4jError(
                _(
                    "Maven (mvn) is not on PATH: it is needed once to build the local Neo4j "
                    "(tools/neo4j-embedded). Install Maven and Java 17+, or set NEO4J_URI."
                )
            )
        result = subprocess.run(
            [mvn, "-q", "-B", "-f", str(self.folder / "pom.xml"), "package", "-DskipTests"],
            capture_output=True,
            text=True,
        )
        if result.returncode != 0:
            raise LocalNeo4jError(
                _("building tools/neo4j-embedded failed:")
                + "\n"
                + (result.stdout + result.stderr)[-4000:]
            )


def find_launcher(
    configured: str | Path | None = None,
    cwd: Path | None = None,
    module_root: Path | None = None,
) -> Launcher:
    """The launcher: the folder ``configured`` (``POKIN_NEO4J_LAUNCHER_DIR``) when given, else
    the checkout pokin is imported from, else the checkout holding the current folder. Raises
    ``LocalNeo4jError`` when there is none (an installed pokin run outside its checkout)."""
    if configured:
        folder = Path(configured).expanduser().resolve()
        if not _holds_launcher(folder):
            raise LocalNeo4jError(
                _(
                    "POKIN_NEO4J_LAUNCHER_DIR=%(folder)s does not hold the launcher (pom.xml and "
                    "%(source)s); %(why)s"
                )
                % {"folder": configured, "source": _SOURCE.as_posix(), "why": _(NO_CHECKOUT)}
            )
        return Launcher(folder)
    here = (cwd or Path.cwd()).resolve()
    for root in (module_root or _MODULE_ROOT, here, *here.parents):
        if _holds_launcher(root / LAUNCHER_IN_CHECKOUT):
            return Launcher(root / LAUNCHER_IN_CHECKOUT)
    raise LocalNeo4jError(_(NO_CHECKOUT))


@dataclass
class LocalNeo4j:
    """One local Neo4j server: its data folder ``home``, its Bolt port and its password."""

    home: Path
    port: int = 7687
    password: str = ""
    host: str = "127.0.0.1"
    heap: str = "1g"
    pagecache: str = "256m"
    #: None: found when the server is started (``find_launcher``)
    launcher: Launcher | None = None

    @property
    def uri(self) -> str:
        return f"bolt://{self.host}:{self.port}"

    @property
    def pid_file(self) -> Path:
        return self.home / "pokin-neo4j.pid"

    @property
    def log_file(self) -> Path:
        return self.home / "pokin-neo4j.log"

    def pid(self) -> int | None:
        """The pid of the running server of this data folder, or None."""
        try:
            pid = int(self.pid_file.read_text().strip())
        except (OSError, ValueError):
            return None
        try:
            cmdline = Path(f"/proc/{pid}/cmdline").read_bytes()
        except OSError:
            return None
        return pid if b"pokin.neo4j.EmbeddedNeo4j" in cmdline else None

    def is_running(self) -> bool:
        return self.pid() is not None

    def start(self, timeout: float = 180.0) -> float:
        """Start the server unless it already runs; wait until Bolt answers. Returns the
        seconds it took (0 when it was already running)."""
        if self.is_running():
            self._wait_ready(time.monotonic(), timeout, self.pid() or 0)
            return 0.0
        if len(self.password) < 8:
            raise LocalNeo4jError(_("the local Neo4j password must have at least 8 characters"))
        if port_open(self.host, self.port):
            raise LocalNeo4jError(
                _(
                    "port %(address)s is already taken by another program; stop it or choose "
                    "another port (NEO4J_URI)"
                )
                % {"address": f"{self.host}:{self.port}"}
            )
        started = time.monotonic()
        launcher = self.launcher or find_launcher()
        launcher.build()
        java = shutil.which("java")
        if java is None:
            raise LocalNeo4jError(_("Java 17+ (java) is not on PATH: the local Neo4j needs it"))
        self.home.mkdir(parents=True, exist_ok=True)
        classpath = f"{launcher.classes}:{launcher.lib}/*"
        command = [
            java,
            f"-Xms{self.heap}",  # as Neo4j advises: no heap resizing (full collections) under load
            f"-Xmx{self.heap}",
            "-XX:+UseG1GC",
            "-XX:+ExitOnOutOfMemoryError",
            "--add-opens=java.base/java.nio=ALL-UNNAMED",
            "--add-opens=java.base/java.lang=ALL-UNNAMED",
            "--add-opens=java.base/sun.nio.ch=ALL-UNNAMED",
            "-cp",
            classpath,
            "pokin.neo4j.EmbeddedNeo4j",
            "--home",
            str(self.home),
            "--host",
            self.host,
            "--port",
            str(self.port),
            "--pagecache",
            self.pagecache,
        ]
        env = dict(os.environ, POKIN_NEO4J_PASSWORD=self.password)
        with open(self.log_file, "ab") as log:
            log.write(f"--- start {time.strftime('%Y-%m-%dT%H:%M:%S')} ---\n".encode())
            log.flush()
            process = subprocess.Popen(
                command,
                stdout=log,
                stderr=subprocess.STDOUT,
                stdin=subprocess.DEVNULL,
                env=env,
                start_new_session=True,
            )
        self.pid_file.write_text(str(process.pid))
        self._wait_ready(started, timeout, process.pid, process)
        return time.monotonic() - started

    def _wait_ready(
        self, started: float, timeout: float, pid: int, process: subprocess.Popen | None = None
    ) -> None:
        while time.monotonic() - started < timeout:
            if process is not None and process.poll() is not None:
                said = _("the local Neo4j exited with code %(code)s; last lines of %(log)s:")
                raise LocalNeo4jError(
                    said % {"code": process.returncode, "log": self.log_file}
                    + "\n"
                    + self.log_tail()
                )
            if port_open(self.host, self.port) and self._ready_logged():
                return
            time.sleep(0.2)
        raise LocalNeo4jError(
            _(
                "the local Neo4j (pid %(pid)s) did not answer on %(uri)s within %(seconds)s s; "
                "see %(log)s"
            )
            % {
                "pid": pid,
                "uri": self.uri,
                "seconds": show_number(timeout, 0),
                "log": self.log_file,
            }
        )

    def _ready_logged(self) -> bool:
        try:
            text = self.log_file.read_text(errors="replace")
        except OSError:
            return False
        last_start = text.rfind("--- start ")
        return "READY bolt://" in text[last_start:]

    def stop(self, timeout: float = 60.0) -> bool:
        """Stop the server cleanly (SIGTERM, then SIGKILL after ``timeout``). Returns whether
        one was running."""
        pid = self.pid()
        if pid is None:
            self.pid_file.unlink(missing_ok=True)
            return False
        os.kill(pid, signal.SIGTERM)
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline and self.pid() is not None:
            time.sleep(0.2)
        if self.pid() is not None:
            os.kill(pid, signal.SIGKILL)
            time.sleep(0.5)
        self.pid_file.unlink(missing_ok=True)
        # Wait until the port is free again, so that a restart on it can bind.
        while port_open(self.host, self.port) and time.monotonic() < deadline + 10:
            time.sleep(0.2)
        return True

    def log_tail(self, lines: int = 20) -> str:
        try:
            return "\n".join(self.log_file.read_text(errors="replace").splitlines()[-lines:])
        except OSError:
            return "(no log)"
