"""Who read which person's record, when and where; read and filtered by revisorer."""
