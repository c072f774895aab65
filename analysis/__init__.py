"""siege-data: a sourced dataset of sieges, evacuations and aid deliveries in Syria, 2012-2018."""

__version__ = "0.1.0"
