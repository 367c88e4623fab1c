"""Safeguarding detection: messages read into base-form words and matched against cues.

See prompts/safeguarding.yaml for the cues, reading.py for how words are read, and screen.py
for the linear model that weighs them (prompts/safeguarding.model.json).
"""

from bot.language.detection.cues import Concern, HelpLine
from bot.language.detection.detector import Detector
from bot.language.detection.loading import SAFEGUARDING_FILE, load_detector, load_rules

__all__ = ["SAFEGUARDING_FILE", "Concern", "Detector", "HelpLine", "load_detector", "load_rules"]
