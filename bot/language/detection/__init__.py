"""Safeguarding detection: messages read into base-form words and matched against cues.

See prompts/safeguarding.yaml for the cues, and reading.py for how words are read.
"""

from bot.language.detection.cues import Concern, HelpLine
from bot.language.detection.detector import Detector
from bot.language.detection.loading import SAFEGUARDING_FILE, load_detector

__all__ = ["SAFEGUARDING_FILE", "Concern", "Detector", "HelpLine", "load_detector"]
