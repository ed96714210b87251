"""The world map of the member directory: server-side SVG (pygal), rendered once per change.

The full world map is about 800 KB, so it is never inlined in a page. It is served as its own
file, gzip-compressed, cached under a key made of the language and the members the viewer may
see (so the policy layer decides what is drawn), with an ETag for the browser's cache.
"""

from __future__ import annotations

import gzip
import hashlib
import re

from django.core.cache import cache
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from pygal.maps.world import World
from pygal.style import Style

from hub.members.models import Member

CACHE_SECONDS = 24 * 3600
SCRIPT = re.compile(rb"<script\b.*?</script>", re.DOTALL)

MAP_STYLE = Style(
    background="#ffffff",
    plot_background="#ffffff",
    foreground="#1b1b1b",
    foreground_strong="#1b1b1b",
    foreground_subtle="#565c65",
    colors=("#1a4480", "#00a398"),
    font_family="Source Sans Pro, Helvetica, Arial, sans-serif",
)


def map_key(members: list[Member]) -> str:
    basis = "|".join(f"{m.country}:{int(m.founding_member)}:{m.updated_at.isoformat()}" for m in members)
    return hashlib.sha256(f"{get_language()}|{basis}".encode()).hexdigest()[:32]


def render_map(members: list[Member]) -> bytes:
    chart = World(
        style=MAP_STYLE,
        js=[],
        disable_xml_declaration=True,
        show_legend=True,
        legend_at_bottom=True,
        width=960,
        height=560,
        print_values=False,
    )
    chart.title = _("Members of the Taskforce")
    founding = [str(m.country).lower() for m in members if m.founding_member]
    later = [str(m.country).lower() for m in members if not m.founding_member]
    chart.add(_("Founding members"), founding)
    chart.add(_("Joined later"), later)
    svg = chart.render()
    raw = svg.encode("utf-8") if isinstance(svg, str) else bytes(svg)
    # pygal embeds its tooltip configuration as a script; an image needs none.
    return SCRIPT.sub(b"", raw)


def map_svg_gzip(members: list[Member]) -> tuple[str, bytes]:
    """The ETag and the gzip-compressed SVG, from the cache when nothing changed."""
    key = map_key(members)
    cache_key = f"hub:members:map:{key}"
    body = cache.get(cache_key)
    if body is None:
        body = gzip.compress(render_map(members), compresslevel=9, mtime=0)
        cache.set(cache_key, body, CACHE_SECONDS)
    return key, body
