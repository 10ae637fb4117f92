"""yntymaq: a Kazakh-first, sourced, temporal knowledge system of the OIC and Kazakhstan's multilateral diplomacy."""

__version__ = "0.1.0"
