"""Production settings for the HTTP benchmark, plus one proxy hop.

The load generator plays the reverse proxy in front of the site: it names each voter's own address
in X-Forwarded-For, so per-address rate limits apply per voter as they would behind a real proxy.
"""

from delaktig.settings import *  # noqa: F403

DELAKTIG_PROXY_HOPS = 1
