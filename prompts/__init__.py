"""Every word a person sees: message catalogues, question sets, the plain-words lint.

Python here only loads and checks the words; the words themselves live in the YAML files.
"""

from prompts.catalogue import Prompts, load_prompts
from prompts.questions import Question, QuestionSet
from prompts.yamlfile import PromptError

__all__ = ["PromptError", "Prompts", "Question", "QuestionSet", "load_prompts"]
