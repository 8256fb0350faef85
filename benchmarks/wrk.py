"""Reading wrk's output (`wrk --latency`), shared by the benchmarks that load a server."""

import re


def parse_wrk(output: str) -> dict:
    """Requests per second, p50 and p99 latency in ms, and the non-2xx/3xx answers ("bad")."""

    def latency_ms(label: str) -> float:
        value, unit = re.search(
            rf"^\s*{label}\s+([\d.]+)(us|ms|s)\s*$", output, re.MULTILINE
        ).groups()
        return float(value) * {"us": 0.001, "ms": 1.0, "s": 1000.0}[unit]

    errors = re.search(r"Non-2xx or 3xx responses: (\d+)", output)
    return {
        "rps": float(re.search(r"Requests/sec:\s+([\d.]+)", output)[1]),
        "p50": latency_ms("50%"),
        "p99": latency_ms("99%"),
        "bad": int(errors[1]) if errors else 0,
    }
