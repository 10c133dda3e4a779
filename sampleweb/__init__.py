"""The offline sample web: a generated stand-in for Dutch mbo school sites, with ground truth.

``build_sampleweb`` writes it, ``SampleWebServer`` serves it (one port per provider), ``load_truth`` and
``load_pages`` read back what a perfect crawler would find.
"""

from __future__ import annotations

from .build import build_sampleweb
from .serve import SampleWebServer
from .truth import SampleWebInfo, SiteInfo, TruthOffering, TruthPage, load_pages, load_sites, load_truth

__all__ = ["SampleWebInfo", "SampleWebServer", "SiteInfo", "TruthOffering", "TruthPage", "build_sampleweb",
           "load_pages", "load_sites", "load_truth"]
