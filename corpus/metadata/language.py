"""Language of a document's text, as an ISO 639-1 code.

langdetect is probabilistic; its seed is fixed so one text always gets one answer.
"""

from __future__ import annotations

import logging
import re

from langdetect import DetectorFactory, detect
from langdetect.lang_detect_exception import LangDetectException

DetectorFactory.seed = 0

logger = logging.getLogger(__name__)

MIN_LETTERS = 20
"""Texts with fewer letters than this get no language: too little to tell."""
SAMPLE_CHARS = 20_000
"""Only this much of a long text is examined (from its start), which is enough and keeps it fast."""


def detect_language(text: str) -> str:
    """ISO 639-1 code of the dominant language ("en", "de", "zh"), '' when it cannot be told."""
    sample = (text or "")[:SAMPLE_CHARS]
    if len(re.findall(r"[^\W\d_]", sample)) < MIN_LETTERS:
        return ""
    try:
        code = detect(sample)
    except LangDetectException as exc:
        logger.debug("language detection failed: %s", exc)
        return ""
    return code.split("-")[0].lower()
