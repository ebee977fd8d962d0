"""What the benchmark measured, against the goals of issue 6, as summary lines and a markdown table."""

from dataclasses import dataclass

from proposals_load import Result

GOALS = {
    "list": (400, 100),
    "list, deep page": (400, 100),
    "detail": (1000, 100),
    "api list": (400, 100),
    "api list, deep page": (400, 100),
    "api detail": (1000, 100),
    "vote, one hot proposal": (300, 300),
}


@dataclass(frozen=True)
class Measure:
    name: str
    result: Result
    clients: int

    @property
    def met(self) -> bool:
        rate, p95 = GOALS[self.name]
        r = self.result
        return r.rate >= rate and r.p95_ms <= p95 and not r.socket_errors and not r.status_errors

    def line(self) -> str:
        rate, p95 = GOALS[self.name]
        r = self.result
        return (
            f"{self.name:<24} {r.rate:7.0f} req/s  p50 {r.p50_ms:6.1f} ms  p95 {r.p95_ms:6.1f} ms  "
            f"({r.requests} requests, {r.status_errors} 4xx/5xx, {self.clients} clients)   "
            f"goal >= {rate} req/s, p95 <= {p95} ms: {'met' if self.met else 'MISSED'}"
        )


@dataclass(frozen=True)
class Check:
    name: str
    value: str
    goal: str
    ok: bool

    def __str__(self) -> str:
        return f"{self.name:<44} {self.value}   goal: {self.goal}: {'met' if self.ok else 'MISSED'}"


def markdown_table(measures: list[Measure], checks) -> str:
    lines = [
        "| metric | clients | req/s | p50 ms | p95 ms | goal | met |",
        "|---|---:|---:|---:|---:|---|---|",
    ]
    for measure in measures:
        rate, p95 = GOALS[measure.name]
        r = measure.result
        lines.append(
            f"| {measure.name} | {measure.clients} | {r.rate:.0f} | {r.p50_ms:.1f} | {r.p95_ms:.1f} "
            f"| ≥ {rate} req/s, p95 ≤ {p95} ms | {'yes' if measure.met else 'no'} |"
        )
    lines += ["", "| check | result | goal | met |", "|---|---|---|---|"]
    lines += [f"| {check.name} | {check.value} | {check.goal} | {'yes' if check.ok else 'no'} |" for check in checks]
    return "\n".join(lines)
