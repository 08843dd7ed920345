import numpy as np
import torch


def train(text, budget_s, vocab):
    """Fit a character-level language model.

    Args:
        text:     a str, the training text (Shakespeare's tragedies with the
                  held-out chunks cut out).
        budget_s: the training budget in CPU seconds of this process (20):
                  measure it with time.process_time(), not time.time().  Going
                  over it by more than 5 s is time_limit_exceeded.  Train a fixed
                  number of steps that fits well inside it.
        vocab:    a list of V one-character strings; column k of
                  next_char_log_probs's answer is vocab[k].  Map any other
                  character to " ".

    Returns:
        Your model: any object (a torch.nn.Module, a class of your own, a dict).
        It stays in this process; the judge passes it back to the other calls.
    """
    raise NotImplementedError("build and fit your model here")


def next_char_log_probs(model, chars):
    """One step of every stream.

    Args:
        model: what train returned.  Keep each stream's state in it: the first
               call after train starts every stream, with nothing before it;
               each later call continues them by one character.
        chars: a list of S one-character strings, the newest character of each
               stream.

    Returns:
        A float array (numpy or torch) of shape (S, V): row s holds the
        natural-log probabilities of each vocab character being the next
        character of stream s (finite; each row's logsumexp is 0).
    """
    raise NotImplementedError("return log_softmax of your model's next-character scores")


def generate(model, prompt, n):
    """Sample n characters that follow prompt (shown with the result, not
    scored).  Keep its state apart from the streams'.

    Returns:
        A str of n characters.
    """
    raise NotImplementedError("sample from your model here")
