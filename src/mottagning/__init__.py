"""mottagning — flyktingmottagning och integration för svenska kommuner."""

__version__ = "0.1.0"
