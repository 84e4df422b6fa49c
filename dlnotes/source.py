"""Show the package's own source in a chapter, so the book never keeps a second copy."""
import inspect


def show_source(obj):
    """Return the source of a function, class or module, rendered with syntax highlighting.

    In a notebook the returned object displays as highlighted Python; elsewhere its ``str``
    is the plain source.
    """
    from IPython.display import Code

    return Code(inspect.getsource(obj), language="python")
