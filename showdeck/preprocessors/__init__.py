"""nbconvert preprocessors for the formats other than the deck, one per file; each acts only on
showdeck notebooks and passes every other notebook through untouched."""
