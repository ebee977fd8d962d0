"""Drive the benchmark server with wrk: closed-loop, bounded in time, and only to 127.0.0.1.

Each run reads a file of prepared requests (one per line: method, path, headers, body, separated
by tabs); every wrk thread takes its own share of the lines and cycles through them, so a vote run
gives each request a different logged-in voter. The Lua ``done`` hook prints the numbers wrk's
own summary leaves out (the 95th percentile) as one JSON line.
"""

import json
import shutil
import subprocess
import tempfile
from dataclasses import dataclass
from pathlib import Path

WRK_HINT = "wrk is not installed: apt-get install -y wrk (Debian's package), then run the benchmark again."

LUA = r"""
-- thread_index and thread_count are globals: setup() sets them in each thread's own Lua state.
local prepared, position = {}, 0

function setup(thread)
  thread:set("thread_index", setup_count or 0)
  thread:set("thread_count", THREADS)
  setup_count = (setup_count or 0) + 1
end

local function split(line)
  local fields = {}
  for field in (line .. "\t"):gmatch("([^\t]*)\t") do fields[#fields + 1] = field end
  return fields
end

function init(args)
  local number = 0
  for line in io.lines(args[1]) do
    if number % thread_count == thread_index then
      local f = split(line)
      local headers = {}
      for pair in (f[3] or ""):gmatch("[^|]+") do
        local name, value = pair:match("^([^:]+):%s*(.*)$")
        headers[name] = value
      end
      local body = f[4] ~= "" and f[4] or nil
      prepared[#prepared + 1] = wrk.format(f[1], f[2], headers, body)
    end
    number = number + 1
  end
end

function request()
  position = position % #prepared + 1
  return prepared[position]
end

function done(summary, latency, requests)
  local e = summary.errors
  io.write(string.format(
    'WRKJSON {"requests": %d, "duration_us": %d, "p50_us": %d, "p95_us": %d, "p99_us": %d, ' ..
    '"max_us": %d, "status_errors": %d, "socket_errors": %d, "timeouts": %d}\n',
    summary.requests, summary.duration, latency:percentile(50), latency:percentile(95),
    latency:percentile(99), latency.max, e.status, e.connect + e.read + e.write, e.timeout))
end
"""


@dataclass(frozen=True)
class Request:
    path: str
    method: str = "GET"
    headers: tuple[tuple[str, str], ...] = ()
    body: str = ""

    def line(self) -> str:
        headers = "|".join(f"{name}: {value}" for name, value in self.headers)
        return f"{self.method}\t{self.path}\t{headers}\t{self.body}"


@dataclass(frozen=True)
class Result:
    requests: int
    seconds: float
    p50_ms: float
    p95_ms: float
    p99_ms: float
    status_errors: int
    socket_errors: int

    @property
    def rate(self) -> float:
        return self.requests / self.seconds if self.seconds else 0.0


def wrk_available() -> bool:
    return shutil.which("wrk") is not None


def run_wrk(base_url: str, requests: list[Request], *, connections: int, seconds: int, threads: int = 2) -> Result:
    """Run wrk for ``seconds`` with ``connections`` clients cycling through ``requests``; return its numbers."""
    if not base_url.startswith("http://127.0.0.1:"):
        raise ValueError("the benchmark only ever sends traffic to 127.0.0.1")
    threads = min(threads, connections)
    with tempfile.TemporaryDirectory(prefix="delaktig-wrk-") as folder:
        script, lines = Path(folder) / "load.lua", Path(folder) / "requests.tsv"
        script.write_text(f"THREADS = {threads}\n" + LUA)
        lines.write_text("\n".join(request.line() for request in requests) + "\n")
        command = ["wrk", f"-t{threads}", f"-c{connections}", f"-d{seconds}s", "--timeout", "10s"]
        completed = subprocess.run(
            [*command, "-s", str(script), base_url, "--", str(lines)],
            capture_output=True,
            text=True,
            check=True,
            timeout=seconds + 60,
        )
    return _parse(completed.stdout)


def _parse(output: str) -> Result:
    line = next(line for line in output.splitlines() if line.startswith("WRKJSON "))
    data = json.loads(line.removeprefix("WRKJSON "))
    return Result(
        requests=data["requests"],
        seconds=data["duration_us"] / 1e6,
        p50_ms=data["p50_us"] / 1000,
        p95_ms=data["p95_us"] / 1000,
        p99_ms=data["p99_us"] / 1000,
        status_errors=data["status_errors"],
        socket_errors=data["socket_errors"] + data["timeouts"],
    )
