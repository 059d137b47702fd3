"""RedPilot: a Telegram assistant for brands marketing on Xiaohongshu (RED)."""

__version__ = "0.1.0"
