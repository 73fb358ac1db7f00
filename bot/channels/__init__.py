"""Input channels: how messages from chat apps and the web reach Mitra."""
