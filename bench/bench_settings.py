"""Settings for the web part of ``bench/network_bench.py``; never used by the product.

The product's settings with one change: the URLconf adds a bare view rendering a
20-row template (``bench_urls.py``), the yardstick the inbox page is compared with on the
same server in the same run. Selected with ``DJANGO_SETTINGS_MODULE=bench_settings`` and
``bench/`` on the Python path.
"""

from handschlag.config.settings import *  # noqa: F403 - the product's settings, unchanged

ROOT_URLCONF = "bench_urls"
